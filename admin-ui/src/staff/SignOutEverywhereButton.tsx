import LogoutIcon from '@mui/icons-material/Logout';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { httpClient } from '../providers/httpClient';

import type { ApiResponse } from '../api/types';
import type { StaffMember } from './types';

/** Admin: end every session of this staff member (`DELETE /api/staff/:id/sessions`, audited), e.g. a lost laptop. */
export const SignOutEverywhereButton = () => {
  const staff = useRecordContext<StaffMember>();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!staff) return null;

  async function signOut() {
    setBusy(true);
    try {
      const { json } = await httpClient(`/api/staff/${staff!.id}/sessions`, { method: 'DELETE' });
      const ended = (json as ApiResponse<'/api/staff/{id}/sessions', 'delete'>).ended;
      notify(`${staff!.email} signed out everywhere (${ended} session${ended === 1 ? '' : 's'} ended)`, { type: 'success' });
    } catch (error) {
      notify(errorMessage(error, 'Could not sign out'), { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  }

  return (
    <>
      <Button label="Sign out everywhere" onClick={() => setOpen(true)} disabled={busy}>
        <LogoutIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Sign out everywhere?"
        content={`Every session of ${staff.email} ends now, on every device; they sign in again.`}
        confirm="Sign out everywhere"
        onConfirm={signOut}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
