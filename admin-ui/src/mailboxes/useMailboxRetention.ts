import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import { useMailwardenDataProvider } from '../providers/dataProvider';

/**
 * The mailbox's effective retention (policy, holds, rule per folder). A react-query query, so react-admin's
 * refresh() (after a hold or an override changes) fetches it again. `live` lists the folders over IMAP.
 */
export function useMailboxRetention(id: Identifier | undefined, live = false) {
  const dataProvider = useMailwardenDataProvider();
  return useQuery({
    queryKey: ['mailboxes', 'retention', String(id), live],
    queryFn: () => dataProvider.getMailboxRetention(id!, live),
    enabled: id !== undefined,
    retry: false,
  });
}
