import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { describeRule, type FolderRule } from '../retention-policies/types';

/** Each folder of the mailbox and the rule that applies to it (or that its mail is kept). */
export const RetentionFoldersTable = ({ folders }: { folders: FolderRule[] }) => {
  if (folders.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        The folders are not known yet: probe or scan the mailbox, or list them live.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Rule per folder">
      <TableHead>
        <TableRow>
          <TableCell>Folder</TableCell>
          <TableCell>Rule applied</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {folders.map((folder) => (
          <TableRow key={folder.path}>
            <TableCell sx={{ overflowWrap: 'anywhere', verticalAlign: 'top' }}>
              {folder.path}
              {folder.specialUse && (
                <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                  {folder.specialUse}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={{ verticalAlign: 'top' }}>
              {folder.rule ? (
                <>
                  <strong>#{folder.rule.position + 1} {folder.rule.folderSelector}</strong>: {describeRule(folder.rule)}
                  {folder.moveTarget && folder.rule.action === 'move' && ` (into ${folder.moveTarget})`}
                </>
              ) : (
                <Typography variant="body2" component="span" sx={{ color: 'text.secondary' }}>
                  no rule: mail is kept
                </Typography>
              )}
              {folder.note && (
                <Typography variant="caption" component="div" color="warning.main">
                  {folder.note}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
