import {
  Card,
  CardContent,
  CardHeader,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import type { MailboxDetail } from './types';

/** Per-folder usage from the last scan, largest first. */
export const FoldersCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  if (!mailbox) return null;
  const folders = mailbox.usageFolders;

  let body;
  if (folders === undefined) {
    body = <Skeleton variant="rectangular" height={120} />;
  } else if (folders === null || folders.length === 0) {
    body = (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {folders === null ? 'Folder sizes are not known yet: they are measured by the next scan.' : 'The mailbox has no folders.'}
      </Typography>
    );
  } else {
    const sorted = [...folders].sort((a, b) => b.bytes - a.bytes);
    body = (
      <Table size="small" aria-label="Folders">
        <TableHead>
          <TableRow>
            <TableCell>Folder</TableCell>
            <TableCell>Special use</TableCell>
            <TableCell align="right">Messages</TableCell>
            <TableCell align="right">Size</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((folder) => (
            <TableRow key={folder.path}>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{folder.path}</TableCell>
              <TableCell>{folder.specialUse ?? '—'}</TableCell>
              <TableCell align="right">{folder.messages.toLocaleString()}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {formatBytes(folder.bytes)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title="Folders" subheader={folders ? `${folders.length} folder${folders.length === 1 ? '' : 's'}, largest first (last scan)` : undefined} />
      <CardContent>{body}</CardContent>
    </Card>
  );
};
