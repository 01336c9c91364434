import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { AGE_BASIS_CHOICES, type RetentionRule } from './types';

const basisName = (basis: RetentionRule['ageBasis']) => AGE_BASIS_CHOICES.find((choice) => choice.id === basis)?.name ?? basis;

/** A policy's rules in evaluation order, read-only. */
export const RulesTable = ({ rules }: { rules: RetentionRule[] }) => {
  if (rules.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No rules: this policy keeps all mail.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Rules">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>Folders</TableCell>
          <TableCell align="right">Max age</TableCell>
          <TableCell>Counted from</TableCell>
          <TableCell>Then</TableCell>
          <TableCell>Keeps</TableCell>
          <TableCell align="right">Notice</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rules.map((rule, index) => (
          <TableRow key={rule.id}>
            <TableCell>{index + 1}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{rule.folderSelector}</TableCell>
            <TableCell align="right">{rule.maxAgeDays} d</TableCell>
            <TableCell>{basisName(rule.ageBasis)}</TableCell>
            <TableCell>{rule.action === 'move' ? `Move to ${rule.moveTo ?? '?'}` : 'Delete'}</TableCell>
            <TableCell>{[rule.keepFlagged && 'flagged', rule.keepUnread && 'unread'].filter(Boolean).join(', ') || '—'}</TableCell>
            <TableCell align="right">{rule.noticeDays ? `${rule.noticeDays} d before` : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
