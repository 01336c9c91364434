import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ImportRowError } from '../providers/dataProvider';

/** The rows the import refused, by line of the CSV (the header is line 1). */
export const ImportErrorsTable = ({ errors }: { errors: ImportRowError[] }) => (
  <Table size="small" aria-label="Rows with problems">
    <TableHead>
      <TableRow>
        <TableCell>Line</TableCell>
        <TableCell>Column</TableCell>
        <TableCell>Problem</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {[...errors]
        .sort((a, b) => a.line - b.line)
        .map((error, index) => (
          <TableRow key={`${error.line}-${error.field ?? ''}-${index}`}>
            <TableCell>{error.line}</TableCell>
            <TableCell>{error.field ?? '—'}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{error.message}</TableCell>
          </TableRow>
        ))}
    </TableBody>
  </Table>
);
