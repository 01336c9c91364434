import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment } from 'react';
import { formatBytes } from '../common/bytes';
import { formatDateTime } from '../common/relativeTime';
import type { PreviewFolder } from '../expiry-runs/types';
import { PreviewSamples } from './PreviewSamples';

const ruleText = (folder: PreviewFolder) =>
  `#${folder.rulePosition + 1}: ${folder.action === 'move' ? `move to ${folder.moveTo ?? '?'}` : 'delete'} after ${folder.maxAgeDays} d (${folder.ageBasis})`;

/** Per folder what expiry would remove now: count, bytes, oldest/newest, then a sample of the messages. */
export const PreviewFolderTable = ({ folders }: { folders: PreviewFolder[] }) => {
  if (folders.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No folder of this mailbox matches a rule of its policy.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Preview per folder">
      <TableHead>
        <TableRow>
          <TableCell>Folder</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell align="right">In folder</TableCell>
          <TableCell align="right">Would go</TableCell>
          <TableCell align="right">Bytes</TableCell>
          <TableCell>Oldest</TableCell>
          <TableCell>Newest</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {folders.map((folder) => (
          <Fragment key={folder.path}>
            <TableRow sx={{ '& > td': { borderBottom: folder.sample.length || folder.error ? 'none' : undefined } }}>
              <TableCell sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                {folder.path}
                {folder.specialUse ? ` (${folder.specialUse})` : ''}
              </TableCell>
              <TableCell>{ruleText(folder)}</TableCell>
              <TableCell align="right">{folder.examined.toLocaleString()}</TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {folder.count.toLocaleString()}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{formatBytes(folder.bytes)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(folder.oldest)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(folder.newest)}</TableCell>
            </TableRow>
            {(folder.sample.length > 0 || folder.error) && (
              <TableRow>
                <TableCell colSpan={7} sx={{ pt: 0 }}>
                  {folder.error && (
                    <Typography variant="body2" color="error">
                      {folder.error}
                    </Typography>
                  )}
                  <PreviewSamples folder={folder} />
                </TableCell>
              </TableRow>
            )}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
};
