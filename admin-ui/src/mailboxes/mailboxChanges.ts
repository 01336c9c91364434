import { formatBytesExact } from '../common/bytes';
import type { Plan } from '../plans/types';
import { toMailboxBody } from './mailboxValidation';
import type { Mailbox } from './types';

type Body = ReturnType<typeof toMailboxBody>;

const planText = (plans: Map<number, Plan>, id: number | null) =>
  id === null ? 'no plan (default plan)' : (plans.get(id)?.name ?? `plan #${id}`);
const overrideText = (bytes: number | null) => (bytes === null ? 'none (plan limit)' : formatBytesExact(bytes));

/**
 * The changes in an edit that can put the user over quota, send a notice or stop mail, as "Plan: Student → Staff".
 * Empty when the edit only touches the name or the alternate address.
 */
export function riskyChanges(before: Mailbox, after: Body, plans: Map<number, Plan>): string[] {
  const changes: string[] = [];
  if (after.planId !== before.planId) {
    changes.push(`Plan: ${planText(plans, before.planId)} → ${planText(plans, after.planId)}`);
  }
  if (after.limitOverrideBytes !== before.limitOverrideBytes) {
    changes.push(`Limit override: ${overrideText(before.limitOverrideBytes)} → ${overrideText(after.limitOverrideBytes)}`);
  }
  return changes;
}

/** Every change an edit saves, for the success message: the risky ones plus name and alternate address. */
export function allChanges(before: Mailbox, after: Body, plans: Map<number, Plan>): string[] {
  const changes = riskyChanges(before, after, plans);
  if (after.displayName !== (before.displayName ?? '')) changes.push(`Display name: ${after.displayName || 'none'}`);
  if (after.alternateEmail !== (before.alternateEmail ?? null)) changes.push(`Alternate email: ${after.alternateEmail ?? 'none'}`);
  return changes;
}
