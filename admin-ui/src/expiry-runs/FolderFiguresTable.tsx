import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBytes } from '../common/bytes';
import type { FolderFigures } from './types';

/** What one mailbox run did per folder: the rule applied, UIDVALIDITY, and the counts. */
export const FolderFiguresTable = ({ folders }: { folders: FolderFigures[] | null }) => {
  if (!folders || folders.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No folder was processed (no folder matched a rule, or the mailbox was skipped).
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Folders processed">
      <TableHead>
        <TableRow>
          <TableCell>Folder</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell>UIDVALIDITY</TableCell>
          <TableCell align="right">Examined</TableCell>
          <TableCell align="right">Matched</TableCell>
          <TableCell align="right">Deleted</TableCell>
          <TableCell align="right">Moved</TableCell>
          <TableCell align="right">Bytes</TableCell>
          <TableCell>Error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {folders.map((folder) => (
          <TableRow key={folder.path}>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              {folder.path}
              {folder.specialUse ? ` (${folder.specialUse})` : ''}
            </TableCell>
            <TableCell>
              #{folder.rulePosition + 1} {folder.action === 'move' ? `move to ${folder.moveTo ?? '?'}` : 'delete'}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{folder.uidValidity ?? '—'}</TableCell>
            <TableCell align="right">{folder.examined.toLocaleString()}</TableCell>
            <TableCell align="right">{folder.matched.toLocaleString()}</TableCell>
            <TableCell align="right">{folder.deleted.toLocaleString()}</TableCell>
            <TableCell align="right">{folder.moved.toLocaleString()}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{formatBytes(folder.bytes)}</TableCell>
            <TableCell sx={{ color: 'error.main', overflowWrap: 'anywhere' }}>{folder.error ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
