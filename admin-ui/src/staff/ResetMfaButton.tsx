import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import { httpClient } from '../providers/httpClient';

import type { StaffMember } from './types';

/** Admin: turn a staff member's MFA off (`DELETE /api/staff/:id/mfa`, audited); they are signed out and enrol again. */
export const ResetMfaButton = () => {
  const staff = useRecordContext<StaffMember>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!staff?.mfaEnabledAt) return null;

  async function reset() {
    setBusy(true);
    try {
      await httpClient(`/api/staff/${staff!.id}/mfa`, { method: 'DELETE' });
      notify(`MFA reset for ${staff!.email}: they set it up again at their next sign-in`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error, 'Could not reset MFA'), { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  }

  return (
    <>
      <Button label="Reset MFA" color="warning" onClick={() => setOpen(true)} disabled={busy}>
        <LockResetIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Reset two-factor authentication?"
        content={`${staff.email} loses the authenticator and recovery codes set up now and is signed out everywhere.`}
        confirm="Reset MFA"
        confirmColor="warning"
        onConfirm={reset}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
