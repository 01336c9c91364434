import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { Link, useRecordContext } from 'react-admin';
import type { RetentionPolicy } from './types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Who this policy governs: the default, how many plans assign it, how many mailboxes override to it. */
export const AssignmentInfo = () => {
  const policy = useRecordContext<RetentionPolicy>();
  if (!policy) return null;
  const unused = !policy.isDefault && policy.planCount === 0 && policy.mailboxCount === 0;
  return (
    <Card sx={{ minWidth: 260, maxWidth: { lg: 320 }, ml: { lg: 2 }, mt: { xs: 2, lg: 0 } }}>
      <CardHeader title="Assignment" titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0 }}>
        {policy.isDefault && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            <strong>Default policy</strong>: applies to every mailbox whose plan and mailbox assign none.
          </Typography>
        )}
        <Typography variant="body2">Assigned by {plural(policy.planCount, 'plan', 'plans')}.</Typography>
        <Typography variant="body2">Assigned directly to {plural(policy.mailboxCount, 'mailbox', 'mailboxes')} (overriding their plan).</Typography>
        <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
          {unused
            ? 'Nothing uses it: it can be deleted.'
            : 'In use: it cannot be deleted until the plans and mailboxes are reassigned.'}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Assign it on a <Link to="/plans">plan</Link>'s page, or override on a mailbox's edit page.
        </Typography>
      </CardContent>
    </Card>
  );
};
