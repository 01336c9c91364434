import PlayArrowOutlinedIcon from '@mui/icons-material/PlayArrowOutlined';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRedirect } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import type { RetentionPolicy } from './types';

/** Dry-runs the saved policy across every mailbox it governs (nothing changes) and opens the run. */
export const PreviewPolicyButton = () => {
  const policy = useRecordContext<RetentionPolicy>();
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const redirect = useRedirect();
  // Its own action name: sharing the Edit page's {edit} access query while the record loads kept the page on "Loading".
  const { canAccess } = useCanAccess({ resource: 'retention-policies', action: 'preview' });
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!policy || !canAccess) return null;

  const start = async () => {
    setPending(true);
    try {
      const { runId } = await dataProvider.previewPolicy(policy.id);
      notify(`Dry run #${runId} started: nothing will be changed`, { type: 'info' });
      redirect('show', 'expiry-runs', runId);
    } catch (error) {
      notify(errorMessage(error, 'Could not start the dry run'), { type: 'error' });
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label="Dry run across mailboxes" onClick={() => setOpen(true)} disabled={pending}>
        <PlayArrowOutlinedIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title={`Dry run "${policy.name}"?`}
        content="Every active mailbox this policy governs is searched as the saved policy says; nothing is deleted or moved. Unsaved changes are not included."
        confirm="Start dry run"
        onConfirm={() => void start()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
