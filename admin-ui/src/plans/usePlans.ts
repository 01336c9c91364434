import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { Plan } from './types';

// Plans are few and change rarely: one request serves every row and card that needs them.
const PLAN_QUERY = {
  pagination: { page: 1, perPage: 1000 },
  sort: { field: 'name', order: 'ASC' as const },
  filter: {},
};

/** Every plan by id, from one shared, cached request. */
export function usePlans(): { plans: Map<number, Plan>; isPending: boolean } {
  const { data, isPending } = useGetList<Plan>('plans', PLAN_QUERY, { staleTime: 5 * 60_000 });
  const plans = useMemo(() => new Map((data ?? []).map((plan) => [plan.id, plan])), [data]);
  return { plans, isPending };
}

/** The percent a plan first warns at (null when unknown: callers fall back to 80). */
export function firstThreshold(plan: Plan | undefined): number | null {
  return plan?.warnThresholds[0] ?? null;
}
