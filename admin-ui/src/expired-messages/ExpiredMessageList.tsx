import { Typography } from '@mui/material';
import { AutocompleteInput, List, ReferenceInput, TextInput } from 'react-admin';
import { ExpiredMessagesTable } from './ExpiredMessagesTable';
import { useCanViewMessageMetadata } from '../providers/useCanViewMessageMetadata';

/** The Message-ID is stored as the header has it, in angle brackets; people often paste it without. */
const withBrackets = (value: string) => {
  const trimmed = value.trim();
  if (!trimmed) return trimmed;
  return trimmed.startsWith('<') ? trimmed : `<${trimmed.replace(/>$/, '')}>`;
};

const filters = [
  <ReferenceInput key="mailboxId" source="mailboxId" reference="mailboxes" alwaysOn>
    <AutocompleteInput label="Mailbox (address or name)" optionText="address" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 300 }} />
  </ReferenceInput>,
  <TextInput key="address" source="address" label="Mailbox address (exact)" alwaysOn sx={{ minWidth: 260 }} />,
  <TextInput key="messageId" source="messageId" label="Message-ID" parse={withBrackets} alwaysOn sx={{ minWidth: 300 }} />,
  <TextInput key="folder" source="folder" label="Folder (exact)" />,
];
// Searching subjects reads them: only with the message-metadata permission (the API refuses it otherwise).
const subjectFilter = <TextInput key="q" source="q" label="Subject contains" />;

const Empty = () => (
  <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
    No message was deleted or moved by expiry for this search. Mail that is gone but not listed here was removed by
    the user or their mail client, not by Mailwarden.
  </Typography>
);

// The four filters side by side are wider than the content area of a 1440 px window: they wrap onto a second line,
// and the table scrolls inside its own box rather than widening the page (#19).
const FIT = {
  '& .RaList-main': { minWidth: 0 },
  '& .RaList-actions > form': { flexWrap: 'wrap', minWidth: 0 },
};

/**
 * "What happened to my mail?": every message expiry deleted or moved, searchable by mailbox (picked, or its
 * address pasted from the user's ticket), Message-ID, subject or folder. The per-message audit that answers a user's question in one search.
 */
export const ExpiredMessageList = () => {
  const withMetadata = useCanViewMessageMetadata();
  return (
    <List
      title="What happened to my mail?"
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      filters={withMetadata ? [...filters, subjectFilter] : filters}
      exporter={false}
      empty={false}
      sx={FIT}
    >
      <ExpiredMessagesTable withContext empty={<Empty />} />
    </List>
  );
};
