import { useRecordContext } from 'react-admin';
import { UsageBar } from '../common/UsageBar';
import { firstThreshold, usePlans } from '../plans/usePlans';
import type { Mailbox } from './types';

/** The record's usage as a UsageBar, orange from its plan's first warning threshold. */
export const UsageBarField = ({ dense = true }: { label?: string; dense?: boolean }) => {
  const mailbox = useRecordContext<Mailbox>();
  const { plans } = usePlans();
  if (!mailbox) return null;
  const plan = mailbox.planId === null ? undefined : plans.get(mailbox.planId);
  return (
    <UsageBar
      usedBytes={mailbox.usedBytes}
      limitBytes={mailbox.effectiveLimitBytes}
      percent={mailbox.usagePercent}
      warnAt={firstThreshold(plan)}
      dense={dense}
    />
  );
};
