import { Alert, Card, CardContent } from '@mui/material';
import { useEffect, useState } from 'react';
import { Form, Loading, SaveButton, Title, Toolbar, useCanAccess, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchMailSettings, saveMailSettings } from './api';
import { MailSettingsInputs } from './MailSettingsInputs';
import { fieldErrorFromServer, toSettingsBody } from './settingsValidation';
import type { MailSettings } from './types';

/** `/settings/mail`: every role sees the settings; admin and ops change them. */
export const MailSettingsPage = () => {
  const { canAccess: canEdit, isPending: checking } = useCanAccess({ resource: 'mail-settings', action: 'edit' });
  const notify = useNotify();
  const [record, setRecord] = useState<MailSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    fetchMailSettings().then(
      (settings) => current && setRecord(settings),
      (error: unknown) => current && setLoadError(errorMessage(error, 'Could not load the settings')),
    );
    return () => {
      current = false;
    };
  }, []);

  const save = async (values: Record<string, unknown>) => {
    try {
      const saved = await saveMailSettings(toSettingsBody(values as unknown as MailSettings));
      setRecord(saved);
      notify('Mail settings saved', { type: 'success' });
      return undefined;
    } catch (error) {
      notify(errorMessage(error, 'Could not save the settings'), { type: 'error' });
      // Returned errors are shown under the matching input.
      return fieldErrorFromServer(error);
    }
  };

  if (loadError) return <Alert severity="error" sx={{ mt: 2 }}>{loadError}</Alert>;
  if (!record || checking) return <Loading />;
  const readOnly = !canEdit;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Mail settings" />
      <CardContent>
        {readOnly && <Alert severity="info" sx={{ mb: 2 }}>Only admin and ops can change these settings.</Alert>}
        <Form record={record} onSubmit={save}>
          <MailSettingsInputs readOnly={readOnly} />
          {!readOnly && (
            <Toolbar sx={{ mt: 2 }}>
              <SaveButton />
            </Toolbar>
          )}
        </Form>
      </CardContent>
    </Card>
  );
};
