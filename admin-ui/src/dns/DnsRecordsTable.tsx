import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { DnsRecord } from './api';

/** One row per record, with what it is for; "0 0 0 ." rows say a service is deliberately not offered. */
export const DnsRecordsTable = ({ records }: { records: DnsRecord[] }) => (
  <Table size="small">
    <TableHead>
      <TableRow>
        <TableCell>Name</TableCell>
        <TableCell>Type</TableCell>
        <TableCell>Value</TableCell>
        <TableCell>Purpose</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {records.map((r) => (
        <TableRow key={`${r.name} ${r.type}`}>
          <TableCell sx={{ fontFamily: 'monospace' }}>{r.name}</TableCell>
          <TableCell>{r.type}</TableCell>
          <TableCell sx={{ fontFamily: 'monospace', color: r.value === '0 0 0 .' ? 'text.secondary' : undefined }}>{r.value}</TableCell>
          <TableCell>{r.purpose}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
