import { Box, Divider, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useRecordContext } from 'react-admin';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import { PolicyAssignSelect } from '../retention-policies/PolicyAssignSelect';
import type { Plan } from './types';

/**
 * On the plan edit page: the retention policy every mailbox of the plan follows (unless it has an override).
 * `PUT /api/plans/:id/retention-policy`; shows the plan's `retentionPolicyId`, or the assignment just made here.
 */
export const PlanRetention = () => {
  const plan = useRecordContext<Plan>();
  const dataProvider = useMailwardenDataProvider();
  const { canAccess } = useCanAccess({ resource: 'plans', action: 'retention-policy' });
  const [assigned, setAssigned] = useState<number | null | undefined>(undefined);
  if (!plan) return null;
  const current = assigned !== undefined ? assigned : plan.retentionPolicyId;

  const assign = async (policyId: number | null) => {
    const result = await dataProvider.setPlanRetentionPolicy(plan.id, policyId);
    setAssigned(result.policy?.id ?? null);
    const following = `${result.mailboxesFollowing} mailbox${result.mailboxesFollowing === 1 ? '' : 'es'} follow it`;
    return result.policy ? `Plan ${plan.name} uses "${result.policy.name}": ${following}` : `Plan ${plan.name} uses the default policy: ${following}`;
  };

  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="subtitle1">Retention policy</Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
        Mailboxes on this plan follow this policy, unless a mailbox has an override of its own. Saved at once, apart from the form above.
      </Typography>
      <PolicyAssignSelect current={current} followLabel="The default policy" onAssign={assign} disabled={!canAccess} />
    </Box>
  );
};
