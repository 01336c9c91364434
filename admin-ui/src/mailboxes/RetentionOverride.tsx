import { Box, Divider, Typography } from '@mui/material';
import { useCanAccess, useRecordContext } from 'react-admin';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import { PolicyAssignSelect } from '../retention-policies/PolicyAssignSelect';
import type { Mailbox } from './types';
import { useMailboxRetention } from './useMailboxRetention';

/** On the mailbox edit page: a retention policy for this mailbox alone, overriding its plan's (admin, ops). */
export const RetentionOverride = () => {
  const mailbox = useRecordContext<Mailbox>();
  const dataProvider = useMailwardenDataProvider();
  const { canAccess } = useCanAccess({ resource: 'mailboxes', action: 'retention-policy' });
  const { data, refetch } = useMailboxRetention(mailbox?.id);
  if (!mailbox) return null;
  // The API reports the mailbox's own assignment as source "mailbox"; anything else means it follows its plan.
  const current = data === undefined ? undefined : data.source === 'mailbox' ? (data.policy?.id ?? null) : null;
  const inForce = data?.policy ? `now ${data.policy.name}, ${data.source === 'mailbox' ? 'assigned here' : `from the ${data.source}`}` : 'none in force';

  const assign = async (policyId: number | null) => {
    const result = await dataProvider.setMailboxRetentionPolicy(mailbox.id, policyId);
    await refetch();
    return policyId === null ? `${mailbox.address} follows its plan's policy (${result.policy?.name ?? 'none'})` : `${mailbox.address} now uses "${result.policy?.name}"`;
  };

  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="subtitle1">Retention policy override</Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
        Normally a mailbox follows its plan's retention policy ({inForce}). Assign one here to override it for this mailbox only.
        {!canAccess && ' Only admin and ops can change it.'}
      </Typography>
      <PolicyAssignSelect current={current} followLabel="Follow the plan's policy" onAssign={assign} disabled={!canAccess} />
    </Box>
  );
};
