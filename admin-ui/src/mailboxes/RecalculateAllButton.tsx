import SyncIcon from '@mui/icons-material/Sync';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider } from '../providers/dataProvider';

/** Queues a usage scan of every mailbox, after confirmation (admin and ops only). */
export const RecalculateAllButton = () => {
  const { canAccess } = useCanAccess({ resource: 'mailboxes', action: 'scan-all' });
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!canAccess) return null;

  const confirm = async () => {
    setPending(true);
    try {
      // The API queues one job that a worker fans out per mailbox: how many is not known yet.
      await dataProvider.scanAllMailboxes();
      notify('Usage scans queued for every active mailbox', { type: 'success' });
      setOpen(false);
    } catch (error) {
      notify(errorMessage(error, 'Could not queue the scans'), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button label="Recalculate all" onClick={() => setOpen(true)}>
        <SyncIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title="Recalculate every mailbox?"
        content="This queues a usage scan of every mailbox on the IMAP server. Scans run in the background at the configured rate."
        confirm="Queue scans"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
