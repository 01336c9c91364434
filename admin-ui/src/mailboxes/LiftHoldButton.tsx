import LockOpenOutlinedIcon from '@mui/icons-material/LockOpenOutlined';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDelete, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import type { LegalHold } from '../retention-policies/types';

/** Lifts an active legal hold (`DELETE /api/legal-holds/:id`; the record stays), after confirmation. Admin and ops. */
export const LiftHoldButton = () => {
  const hold = useRecordContext<LegalHold>();
  const { canAccess } = useCanAccess({ resource: 'mailboxes', action: 'legal-hold' });
  const [lift, { isPending }] = useDelete<LegalHold>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!hold || !canAccess) return null;

  const confirm = () =>
    lift(
      'legal-holds',
      { id: hold.id, previousData: hold },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('Legal hold lifted: expiry applies to this mailbox again', { type: 'success' });
          refresh();
        },
        onError: (error) => {
          setOpen(false);
          notify(errorMessage(error, 'Could not lift the hold'), { type: 'error' });
        },
      },
    );

  return (
    <>
      <Button label="Lift hold" color="warning" onClick={() => setOpen(true)} disabled={isPending}>
        <LockOpenOutlinedIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="Lift this legal hold?"
        content={`"${hold.reason}" (set by ${hold.setBy}). From now on the next expiry run may delete mail the policy selects.`}
        confirm="Lift hold"
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
