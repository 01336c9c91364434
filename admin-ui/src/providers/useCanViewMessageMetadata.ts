import { useGetIdentity } from 'react-admin';

/**
 * Whether the signed-in staff member may read message subjects, senders and Message-IDs (admins, and staff an admin
 * granted it to). Without it the API sends those fields empty; the console hides their columns and the subject search.
 */
export function useCanViewMessageMetadata(): boolean {
  const { identity } = useGetIdentity();
  return identity?.canViewMessageMetadata === true;
}
