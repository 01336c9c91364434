import { Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import { approveSpaceRequest, refuseSpaceRequest, type SpaceRequest } from './api';

/** Approve (grants the temporary increase asked for) or refuse with a note; only while the request is pending. */
export const DecisionButtons = () => {
  const record = useRecordContext<SpaceRequest>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record || record.status !== 'pending') return null;
  const act = async (decide: () => Promise<SpaceRequest>, done: string) => {
    setBusy(true);
    try {
      await decide();
      notify(done, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Button size="small" variant="contained" disabled={busy} onClick={() => act(() => approveSpaceRequest(record.id), 'Approved: the limit is raised and the user is told')}>
        Approve
      </Button>
      <TextField size="small" label="Why not" value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { maxLength: 500 } }} />
      <Button size="small" color="error" disabled={busy || note.trim().length < 3} onClick={() => act(() => refuseSpaceRequest(record.id, note.trim()), 'Refused: the user is told')}>
        Refuse
      </Button>
    </Stack>
  );
};
