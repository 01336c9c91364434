import { useEffect, useState } from 'react';
import type { Identifier } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider, type UsageSample } from '../providers/dataProvider';

interface UsageHistoryState {
  samples: UsageSample[];
  isPending: boolean;
  error: string | null;
}

/**
 * A mailbox's usage samples over the last `days` days (oldest first). Fetched again whenever `version`
 * changes, e.g. the mailbox's scan time after a recalculation.
 */
export function useUsageHistory(id: Identifier | undefined, days: number, version?: string | null): UsageHistoryState {
  const dataProvider = useMailwardenDataProvider();
  const [state, setState] = useState<UsageHistoryState>({ samples: [], isPending: true, error: null });

  useEffect(() => {
    if (id === undefined) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, isPending: true, error: null }));
    dataProvider.getUsageHistory(id, days).then(
      (samples) => current && setState({ samples, isPending: false, error: null }),
      (error: unknown) => current && setState({ samples: [], isPending: false, error: errorMessage(error, 'Could not load the usage history') }),
    );
    return () => {
      current = false;
    };
  }, [dataProvider, id, days, version]);

  return state;
}
