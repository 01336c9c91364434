import { Alert, Button, CardContent, Stack, TextField, Typography } from '@mui/material';
import { Fragment, useState, type FormEvent } from 'react';
import { Login, useLogin } from 'react-admin';
import { MfaCodeRequired } from '../providers/session';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Sign-in failed');

/**
 * Sign-in in two steps when the account has MFA: email and password, then the code from the authenticator app (or a
 * recovery code). The password field keeps the name `username`/`password` pair password managers know; the form
 * submits it through authProvider.login, which maps `username` to the API's `email`.
 */
export const LoginPage = () => {
  const login = useLogin();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      if (step === 'password') await login({ username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') });
      else await login({ code: String(form.get('code') ?? '') });
    } catch (err) {
      if (err instanceof MfaCodeRequired) setStep('code');
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Login>
      <CardContent component="form" onSubmit={submit} sx={{ width: 320 }} aria-label={step === 'password' ? 'Sign in' : 'Authentication code'}>
        <Stack spacing={2}>
          {/* Keys: the code field must be a new input, never the password's DOM input with its value still in it. */}
          {step === 'password' ? (
            <Fragment key="password-step">
              <TextField autoFocus required name="username" label="Email" type="email" autoComplete="username" />
              <TextField required name="password" label="Password" type="password" autoComplete="current-password" />
            </Fragment>
          ) : (
            <Fragment key="code-step">
              <Typography variant="body2">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</Typography>
              <TextField
                autoFocus required name="code" label="Authentication code" autoComplete="one-time-code"
                slotProps={{ htmlInput: { inputMode: 'text', maxLength: 32, spellCheck: false } }}
              />
            </Fragment>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <Button type="submit" variant="contained" disabled={busy}>
            {step === 'password' ? 'Sign in' : 'Verify'}
          </Button>
          {step === 'code' && (
            <Button size="small" onClick={() => { setStep('password'); setError(null); }}>
              Use another account
            </Button>
          )}
        </Stack>
      </CardContent>
    </Login>
  );
};
