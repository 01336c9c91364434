import { Box, Typography } from '@mui/material';
import { Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { ExpiredMessagesTable } from '../expired-messages/ExpiredMessagesTable';
import { FolderFiguresTable } from './FolderFiguresTable';
import type { MailboxRun } from './types';

const NoMessages = ({ dryRun }: { dryRun: boolean }) => (
  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
    {dryRun ? 'A dry run removes nothing, so it records no messages.' : 'This mailbox run removed no message.'}
  </Typography>
);

/** The expand panel of a mailbox row: per-folder figures, then every message deleted or moved. */
export const MailboxRunDetail = () => {
  const row = useRecordContext<MailboxRun>();
  if (!row) return null;
  return (
    <Box sx={{ py: 1, px: 2 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        Folders
      </Typography>
      <FolderFiguresTable folders={row.folders} />
      <Typography variant="subtitle2" sx={{ mt: 2, mb: 0.5 }}>
        Messages removed ({row.address})
      </Typography>
      <ReferenceManyField
        reference="expired-messages"
        target="mailboxRunId"
        sort={{ field: 'id', order: 'ASC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
        empty={<NoMessages dryRun={row.dryRun} />}
      >
        <ExpiredMessagesTable />
      </ReferenceManyField>
    </Box>
  );
};
