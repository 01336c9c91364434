import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useGetIdentity, useLogout, useRedirect } from 'react-admin';
import type { ApiResponse } from '../api/types';
import { authPost, refreshSession } from '../providers/session';

type Enrolment = ApiResponse<'/api/auth/mfa/enrol', 'post'>;
type Status = ApiResponse<'/api/auth/mfa/', 'get'>;

export const mfaRoute = { path: '/mfa' };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'The request failed');

async function getStatus(): Promise<Status> {
  const response = await fetch('/api/auth/mfa', { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('Could not read the MFA state');
  return (await response.json()) as Status;
}

/** Recovery codes, shown once: the staff member keeps them somewhere other than the phone. */
const RecoveryCodes = ({ codes, onDone }: { codes: string[]; onDone: () => void }) => (
  <Stack spacing={2}>
    <Alert severity="success">Two-factor authentication is on.</Alert>
    <Typography variant="body2">
      Keep these recovery codes somewhere safe, away from your phone. Each signs you in once if you lose your authenticator app. They are not shown again.
    </Typography>
    <Box component="ul" aria-label="Recovery codes" sx={{ fontFamily: 'monospace', columns: 2, m: 0 }}>
      {codes.map((code) => <li key={code}>{code}</li>)}
    </Box>
    <Button variant="contained" onClick={onDone}>I have saved my recovery codes</Button>
  </Stack>
);

/**
 * Two-factor authentication (TOTP): enrolment shows the secret as a QR code and as text, and a code from the app
 * confirms it. Staff whose role requires MFA are sent here until they enrol (AppLayout); it is outside the layout,
 * so nothing else loads meanwhile.
 */
export const MfaPage = () => {
  const { identity, refetch } = useGetIdentity();
  const logout = useLogout();
  const redirect = useRedirect();
  const [status, setStatus] = useState<Status | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => { getStatus().then(setStatus, (err) => setError(messageOf(err))); }, []);

  async function start() {
    setError(null);
    try { setEnrolment(await authPost<Enrolment>('/mfa/enrol')); } catch (err) { setError(messageOf(err)); }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    try {
      const { recoveryCodes } = await authPost<ApiResponse<'/api/auth/mfa/enrol/confirm', 'post'>>('/mfa/enrol/confirm', { code });
      setCodes(recoveryCodes);
      setEnrolment(null); // the secret leaves the page
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function done() {
    await refreshSession();
    await refetch();
    redirect('/');
  }

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 4 }}>
      <Card sx={{ maxWidth: 560, width: '100%' }}>
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">Two-factor authentication</Typography>
            {codes ? (
              <RecoveryCodes codes={codes} onDone={done} />
            ) : status?.enabled ? (
              <>
                <Alert severity="success">Two-factor authentication is on for {identity?.email as string}.</Alert>
                <Typography variant="body2">{status.recoveryCodesLeft} recovery codes left. An admin can reset it if you lose your device.</Typography>
                <Button onClick={() => redirect('/')}>Back</Button>
              </>
            ) : enrolment ? (
              <Box component="form" onSubmit={confirm} aria-label="Confirm MFA">
                <Stack spacing={2}>
                  <Typography variant="body2">Scan this code with an authenticator app (or enter the key by hand), then type the 6-digit code it shows.</Typography>
                  <Box component="img" src={enrolment.qrCodeDataUrl} alt="QR code of the authenticator secret" sx={{ width: 200, height: 200, alignSelf: 'center' }} />
                  <TextField label="Key" value={enrolment.secret} slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'mfa-secret' } }} sx={{ fontFamily: 'monospace' }} />
                  <TextField autoFocus required name="code" label="Code from the app" autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }} />
                  <Button type="submit" variant="contained">Turn on</Button>
                </Stack>
              </Box>
            ) : status ? (
              <>
                {status.enrolmentRequired && <Alert severity="warning">Your role requires two-factor authentication. Set it up to continue.</Alert>}
                <Typography variant="body2">Sign-in will ask for a code from an authenticator app on your phone after your password.</Typography>
                <Button variant="contained" onClick={start}>Set up</Button>
              </>
            ) : null}
            {error && <Alert severity="error">{error}</Alert>}
            {!codes && <Button size="small" onClick={() => logout()}>Sign out</Button>}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
