import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import { Button as RaButton, HttpError, Loading, Title, useCanAccess, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider, type ImportMode, type ImportRowError } from '../providers/dataProvider';
import { ImportErrorsTable } from './ImportErrorsTable';

const EXAMPLE = 'address,displayName,plan,limitOverrideBytes\nalice@example.org,Alice Martin,Student,\nbob@example.org,Bob Chen,Staff,21474836480';

type Outcome = { kind: 'imported' | 'refused'; imported: number; errors: ImportRowError[]; warnings: ImportRowError[] };

const rowCount = (errors: ImportRowError[]) => {
  const rows = new Set(errors.map((error) => error.line)).size;
  return `${rows} row${rows === 1 ? '' : 's'}`;
};

function refusedRows(error: unknown): ImportRowError[] | null {
  if (!(error instanceof HttpError) || error.status !== 400) return null;
  const body: unknown = error.body;
  const errors = body && typeof body === 'object' && 'errors' in body ? body.errors : undefined;
  return Array.isArray(errors) ? (errors as ImportRowError[]) : null;
}

/** `/mailboxes/import` (admin, ops): paste or pick a CSV, import it all-or-nothing or only its good rows. */
export const ImportMailboxes = () => {
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'mailboxes', action: 'import' });
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const [csv, setCsv] = useState('');
  const [mode, setMode] = useState<ImportMode>('all');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (checking) return <Loading />;
  if (!canAccess) {
    return (
      <Alert severity="warning" sx={{ mt: 2 }}>
        <Title title="Import mailboxes" />
        You do not have permission to import mailboxes.
      </Alert>
    );
  }

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same file again after editing it still loads it
    if (!file) return;
    try {
      setCsv(await file.text());
      setOutcome(null);
    } catch (error) {
      notify(errorMessage(error, 'Could not read the file'), { type: 'error' });
    }
  };

  const runImport = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await dataProvider.importMailboxes(csv, mode);
      setOutcome({ kind: 'imported', ...result });
      notify(`Imported ${result.imported} mailbox${result.imported === 1 ? '' : 'es'}`, { type: 'success' });
    } catch (error) {
      const rows = refusedRows(error);
      if (rows) setOutcome({ kind: 'refused', imported: 0, errors: rows, warnings: [] });
      else notify(errorMessage(error, 'The import failed'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title="Import mailboxes" />
      <Card>
        <CardHeader
          title="Import mailboxes from CSV"
          subheader="Header row: address,displayName,plan,limitOverrideBytes. The plan is a plan name; the override is in bytes and optional."
          action={<RaButton label="Back to mailboxes" to="/mailboxes" />}
        />
        <CardContent>
          <Stack spacing={2}>
            <div>
              <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                Choose a CSV file
                <input hidden type="file" accept=".csv,text/csv,text/plain" onChange={pickFile} />
              </Button>
            </div>
            <TextField
              label="CSV"
              multiline
              minRows={8}
              maxRows={20}
              value={csv}
              placeholder={EXAMPLE}
              onChange={(event) => {
                setCsv(event.target.value);
                setOutcome(null);
              }}
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
            />
            <RadioGroup value={mode} onChange={(event) => setMode(event.target.value as ImportMode)}>
              <FormControlLabel value="all" control={<Radio />} label="All or nothing: import nothing if any row has a problem" />
              <FormControlLabel value="valid-only" control={<Radio />} label="Import the good rows, skip the bad ones" />
            </RadioGroup>
            <div>
              <Button variant="contained" onClick={runImport} disabled={busy || csv.trim() === ''}>
                {busy ? 'Importing…' : 'Validate and import'}
              </Button>
            </div>
          </Stack>
        </CardContent>
      </Card>
      {outcome && (
        <Card>
          <CardContent>
            <Stack spacing={2}>
              {outcome.kind === 'imported' ? (
                <Alert severity={outcome.errors.length ? 'warning' : 'success'}>
                  Imported {outcome.imported} mailbox{outcome.imported === 1 ? '' : 'es'}
                  {outcome.errors.length > 0 && `; skipped ${rowCount(outcome.errors)} with problems`}.
                </Alert>
              ) : (
                <Alert severity="error">
                  Nothing was imported: {rowCount(outcome.errors)} with problems. Fix them and import again, or choose to
                  import only the good rows.
                </Alert>
              )}
              {outcome.errors.length > 0 && (
                <>
                  <Typography variant="subtitle2">Rows with problems</Typography>
                  <ImportErrorsTable errors={outcome.errors} />
                </>
              )}
              {outcome.warnings.length > 0 && (
                <>
                  <Typography variant="subtitle2">Imported, but check these</Typography>
                  <ImportErrorsTable errors={outcome.warnings} />
                </>
              )}
            </Stack>
          </CardContent>
        </Card>
      )}
    </Stack>
  );
};
