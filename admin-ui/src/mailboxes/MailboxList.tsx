import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { DataTable, List, TextField, useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { mailboxFilters } from './mailboxFilters';
import { MailboxListActions } from './MailboxListActions';
import { RecalculateBulkButton } from './RecalculateBulkButton';
import { ScanAgeField } from './ScanAgeField';
import type { Mailbox } from './types';
import { UsageBarField } from './UsageBarField';
import { STATUS_INFO } from './lifecycle';

const AddressField = (_props: { label?: string }) => {
  const mailbox = useRecordContext<Mailbox>();
  if (!mailbox) return null;
  return (
    <Box>
      <Typography variant="body2">{mailbox.address}</Typography>
      {mailbox.displayName && (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {mailbox.displayName}
        </Typography>
      )}
    </Box>
  );
};

/** The effective limit, marked when a per-mailbox override replaces the plan's. */
const LimitField = (_props: { label?: string }) => {
  const mailbox = useRecordContext<Mailbox>();
  if (!mailbox) return null;
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {formatBytes(mailbox.effectiveLimitBytes)}
      {mailbox.limitOverrideBytes !== null && <Chip label="override" size="small" variant="outlined" sx={{ ml: 1 }} />}
      {mailbox.serverLimitMismatch && (
        <Tooltip title={`The IMAP server enforces ${mailbox.serverLimitBytes === null ? 'no limit' : formatBytes(mailbox.serverLimitBytes)} (last scan)`}>
          <Chip label="server differs" size="small" color="warning" variant="outlined" sx={{ ml: 1 }} />
        </Tooltip>
      )}
    </Box>
  );
};

const StatusField = (_props: { label?: string }) => {
  const mailbox = useRecordContext<Mailbox>();
  if (!mailbox) return null;
  const info = STATUS_INFO[mailbox.status];
  return <Chip label={mailbox.purgedAt ? 'Purged' : info.label} color={info.color} size="small" variant="outlined" />;
};

export const MailboxList = () => (
  <List
    filters={mailboxFilters}
    actions={<MailboxListActions />}
    sort={{ field: 'address', order: 'ASC' }}
    perPage={25}
    empty={false}
  >
    <DataTable rowClick="show" bulkActionButtons={<RecalculateBulkButton />}>
      <DataTable.Col source="address" label="Mailbox">
        <AddressField />
      </DataTable.Col>
      <DataTable.Col source="planName" label="Plan" disableSort>
        <TextField source="planName" emptyText="no plan" />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort>
        <StatusField />
      </DataTable.Col>
      <DataTable.Col source="usagePercent" label="Usage" sortByOrder="DESC">
        <UsageBarField />
      </DataTable.Col>
      <DataTable.Col source="effectiveLimitBytes" label="Limit" sortByOrder="DESC">
        <LimitField />
      </DataTable.Col>
      <DataTable.Col source="scannedAt" label="Last scan">
        <ScanAgeField />
      </DataTable.Col>
    </DataTable>
  </List>
);
