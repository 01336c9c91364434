import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { changedKeys, type JsonValue } from './auditDiff';
import { fieldLabel, formatAuditValue } from './auditSummary';

const valueCellSx = { fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** The keys an audit event changed, each with its old → new value. */
export const DiffView = () => {
  const record = useRecordContext<{ before?: JsonValue | null; after?: JsonValue | null }>();
  if (!record) return null;
  const changes = changedKeys(record.before, record.after);
  if (changes.length === 0) {
    return <Typography variant="body2">No recorded changes.</Typography>;
  }
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Field</TableCell>
          <TableCell>Before</TableCell>
          <TableCell />
          <TableCell>After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(({ key, before, after }) => (
          <TableRow key={key}>
            <TableCell sx={{ fontWeight: 500, width: '20%' }} title={key}>{fieldLabel(key)}</TableCell>
            <TableCell sx={{ ...valueCellSx, color: before === undefined ? 'text.disabled' : 'error.main' }}>
              {formatAuditValue(key, before)}
            </TableCell>
            <TableCell sx={{ width: '1%' }}>
              <Box component="span" aria-label="changed to">
                →
              </Box>
            </TableCell>
            <TableCell sx={{ ...valueCellSx, color: after === undefined ? 'text.disabled' : 'success.main' }}>
              {formatAuditValue(key, after)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
