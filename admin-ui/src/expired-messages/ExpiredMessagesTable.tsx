import { Chip, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DataTable, DateField, ReferenceField, TextField, useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { DATE_TIME_OPTIONS, formatDateTime } from '../common/relativeTime';
import type { ExpiredMessage } from '../expiry-runs/types';
import { useCanViewMessageMetadata } from '../providers/useCanViewMessageMetadata';

type FieldProps = { label?: string };

const Subject = (_props: FieldProps) => {
  const message = useRecordContext<ExpiredMessage>();
  if (!message) return null;
  if (!message.subject) return <span>—</span>;
  if (message.subject.startsWith('sha256:')) {
    return (
      <Tooltip title={`Only the subject's hash is kept: ${message.subject}`}>
        <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
          {message.subject.slice(0, 19)}…
        </Typography>
      </Tooltip>
    );
  }
  return <span>{message.subject}</span>;
};

const Action = (_props: FieldProps) => {
  const message = useRecordContext<ExpiredMessage>();
  if (!message) return null;
  const label = message.action === 'move' ? `moved to ${message.movedTo ?? '?'}` : 'deleted';
  return (
    <Tooltip title={message.state === 'done' ? 'Confirmed gone from the folder' : 'Command issued, not yet confirmed'}>
      <Chip size="small" variant="outlined" label={message.state === 'done' ? label : `${label} (pending)`} color={message.state === 'done' ? 'default' : 'warning'} />
    </Tooltip>
  );
};

/** Received (INTERNALDATE), with the Date: header underneath when it differs. */
const Dates = (_props: FieldProps) => {
  const message = useRecordContext<ExpiredMessage>();
  if (!message) return null;
  const sentDiffers = message.sentDate && Math.abs(Date.parse(message.sentDate) - Date.parse(message.internalDate ?? '')) > 60_000;
  return (
    <span>
      {formatDateTime(message.internalDate)}
      {sentDiffers && (
        <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
          sent {formatDateTime(message.sentDate)}
        </Typography>
      )}
    </span>
  );
};

const Size = (_props: FieldProps) => {
  const message = useRecordContext<ExpiredMessage>();
  return <span style={{ whiteSpace: 'nowrap' }}>{message ? formatBytes(message.size) : null}</span>;
};

const Mono = ({ source }: { source: 'messageId' | 'uidValidity' | 'uid'; label?: string }) => {
  const message = useRecordContext<ExpiredMessage>();
  const value = message?.[source];
  return (
    <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
      {value ?? '—'}
    </Typography>
  );
};

/** UID with its UIDVALIDITY underneath: one narrow column instead of two (the table fits 1440 px with context). */
const Uid = (_props: FieldProps) => {
  const message = useRecordContext<ExpiredMessage>();
  if (!message) return null;
  return (
    <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
      {message.uid}
      <Typography variant="caption" component="div" sx={{ color: 'text.secondary', fontFamily: 'monospace' }}>v{message.uidValidity}</Typography>
    </Typography>
  );
};

/** A column naming the record `source` points to (the row's mailbox or run) by its `show` field, linked to its page. */
const LinkCol = ({ source, label, reference, show }: { source: 'mailboxId' | 'runId'; label: string; reference: string; show: string }) => (
  <DataTable.Col source={source} label={label} disableSort>
    <ReferenceField source={source} reference={reference} link="show">
      <TextField source={show} />
    </ReferenceField>
  </DataTable.Col>
);

/**
 * The per-message expiry audit as a table, inside a list or a ReferenceManyField. With `withContext`,
 * each row also names its mailbox and run (for searches across mailboxes). Message-ID and subject are columns only for
 * staff with the message-metadata permission (the API leaves them empty for others).
 */
export const ExpiredMessagesTable = ({ withContext = false, empty }: { withContext?: boolean; empty?: ReactNode }) => {
  const withMetadata = useCanViewMessageMetadata();
  return (
    // Long Message-IDs and subjects wrap inside their cells; on a narrower screen the table scrolls in its own box,
    // never the page (it overflowed the page at 1440 px, #19).
    <DataTable bulkActionButtons={false} rowClick={false} size="small" empty={empty} sx={{ '& .RaDataTable-tableWrapper': { overflowX: 'auto' }, '& .MuiTableCell-sizeSmall': { px: 1 } }}>
      {withContext && <LinkCol source="mailboxId" label="Mailbox" reference="mailboxes" show="address" />}
      {withContext && <LinkCol source="runId" label="Run" reference="expiry-runs" show="id" />}
      {withContext && (
        <DataTable.Col source="at" label="Removed">
          <DateField source="at" showTime options={DATE_TIME_OPTIONS} />
        </DataTable.Col>
      )}
      <DataTable.Col source="folder" sx={{ maxWidth: 180, overflowWrap: 'anywhere' }} />
      <DataTable.Col source="uid" label="UID / validity" disableSort>
        <Uid />
      </DataTable.Col>
      {withMetadata && (
        <DataTable.Col source="messageId" label="Message-ID" disableSort sx={{ maxWidth: 220 }}>
          <Mono source="messageId" />
        </DataTable.Col>
      )}
      <DataTable.Col source="internalDate" label="Date (received)">
        <Dates />
      </DataTable.Col>
      <DataTable.Col source="size">
        <Size />
      </DataTable.Col>
      {withMetadata && (
        <DataTable.Col source="subject" disableSort sx={{ minWidth: 140, maxWidth: 300, overflowWrap: 'anywhere' }}>
          <Subject />
        </DataTable.Col>
      )}
      <DataTable.Col source="action" disableSort>
        <Action />
      </DataTable.Col>
    </DataTable>
  );
};
