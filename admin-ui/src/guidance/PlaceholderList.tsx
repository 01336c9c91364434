import { Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';

/** The placeholders an article may use, with the value each has today. */
export const PlaceholderList = ({ values }: { values: Record<string, string> }) => (
  <>
    <Typography variant="subtitle2" sx={{ mt: 2 }}>
      Placeholders
    </Typography>
    <Table size="small">
      <TableBody>
        {Object.entries(values).map(([name, value]) => (
          <TableRow key={name}>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{`{{${name}}}`}</TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </>
);
