import StopCircleOutlinedIcon from '@mui/icons-material/StopCircleOutlined';
import { useState } from 'react';
import { Button, Confirm, useDelete, useNotify, useRecordContext, useRefresh, useShowContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { errorMessage } from '../common/errors';
import type { MailboxDetail, TemporaryIncrease } from './types';

/** Ends an active temporary increase early (`DELETE /api/temporary-increases/:id`), after confirmation. */
export const EndIncreaseButton = (_props: { label?: string }) => {
  const increase = useRecordContext<TemporaryIncrease>();
  const { record: mailbox } = useShowContext<MailboxDetail>();
  const [remove, { isPending }] = useDelete<TemporaryIncrease>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!increase) return null;

  const limit = mailbox?.effectiveLimitBytes;
  const after = typeof limit === 'number' ? ` The limit drops to ${formatBytes(limit - increase.extraBytes)} at once.` : '';
  const end = () =>
    remove(
      'temporary-increases',
      { id: increase.id, previousData: increase },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify(`Increase of ${formatBytes(increase.extraBytes)} ended`, { type: 'success' });
          refresh();
        },
        onError: (error) => {
          setOpen(false);
          notify(errorMessage(error, 'Could not end the increase'), { type: 'error' });
        },
      },
    );

  return (
    <>
      <Button label="End now" color="warning" onClick={() => setOpen(true)} disabled={isPending}>
        <StopCircleOutlinedIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="End this temporary increase now?"
        content={`+${formatBytes(increase.extraBytes)} (${increase.reason}) ends now instead of at its expiry.${after}`}
        confirm="End now"
        confirmColor="warning"
        onConfirm={end}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
