import { Card, CardContent, CardHeader, Skeleton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatBytesExact } from '../common/bytes';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import { usePlans } from '../plans/usePlans';
import type { LimitExplanation, LimitPart, MailboxDetail } from './types';

const KIND_LABELS: Record<LimitPart['kind'], string> = {
  plan: 'Plan',
  override: 'Override',
  'temporary-increase': 'Temporary increase',
};

function whyText(limit: LimitExplanation, planText: string): string {
  switch (limit.baseSource) {
    case 'override':
      return `A per-mailbox override replaces the plan's limit (${planText}).`;
    case 'plan':
      return 'The plan sets the base limit.';
    default:
      return 'No plan limit and no override: this mailbox is unlimited.';
  }
}

/** The effective limit and why: the plan or override it starts from, plus each active temporary increase. */
export const LimitCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const { plans } = usePlans();
  if (!mailbox) return null;
  const { limit } = mailbox;
  const plan = mailbox.planId === null ? undefined : plans.get(mailbox.planId);
  const planText = plan ? `${plan.name}: ${formatBytesExact(plan.storageLimitBytes)}` : (mailbox.planName ?? 'no plan');
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Limit"
        subheader={limit ? `Effective: ${limit.effectiveLimitBytes === null ? 'unlimited' : formatBytesExact(limit.effectiveLimitBytes)}` : undefined}
      />
      <CardContent>
        {!limit ? (
          <Skeleton variant="rectangular" height={96} />
        ) : (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {whyText(limit, planText)}
              {limit.parts.some((part) => part.kind === 'temporary-increase') && ' Active temporary increases are added on top.'}
            </Typography>
            <Table size="small" aria-label="How the limit is made">
              <TableBody>
                {limit.parts.map((part, index) => (
                  <TableRow key={`${part.kind}-${index}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{KIND_LABELS[part.kind]}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      {part.label}
                      {part.expiresAt && (
                        <Typography variant="caption" sx={{ color: 'text.secondary' }} component="div">
                          expires {formatRelative(part.expiresAt)} ({formatDateTime(part.expiresAt)})
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {part.kind === 'temporary-increase' ? '+' : ''}
                      {formatBytesExact(part.bytes)}
                    </TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell colSpan={2} sx={{ fontWeight: 600 }}>
                    Effective limit
                  </TableCell>
                  <TableCell align="right" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {limit.effectiveLimitBytes === null ? 'unlimited' : formatBytesExact(limit.effectiveLimitBytes)}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
};
