import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBytes } from '../common/bytes';
import { formatDateTime } from '../common/relativeTime';
import type { PreviewFolder } from '../expiry-runs/types';
import { useCanViewMessageMetadata } from '../providers/useCanViewMessageMetadata';

/** Up to 20 of the messages a folder would lose: subject, sender (with the message-metadata permission), date, size. */
export const PreviewSamples = ({ folder }: { folder: PreviewFolder }) => {
  const withMetadata = useCanViewMessageMetadata();
  if (folder.sample.length === 0) return null;
  const more = folder.count - folder.sample.length;
  return (
    <Box sx={{ pl: 2, borderLeft: 2, borderColor: 'divider' }}>
      <Table size="small" aria-label={`Sample of ${folder.path}`}>
        <TableHead>
          <TableRow>
            {withMetadata && <TableCell>Subject</TableCell>}
            {withMetadata && <TableCell>From</TableCell>}
            <TableCell>Date</TableCell>
            <TableCell align="right">Size</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {folder.sample.map((message) => (
            <TableRow key={message.uid}>
              {withMetadata && <TableCell sx={{ overflowWrap: 'anywhere' }}>{message.subject ?? '(no subject)'}</TableCell>}
              {withMetadata && <TableCell sx={{ overflowWrap: 'anywhere' }}>{message.from ?? '—'}</TableCell>}
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(message.date)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{formatBytes(message.size)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {more > 0 && (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          …and {more.toLocaleString()} more
        </Typography>
      )}
    </Box>
  );
};
