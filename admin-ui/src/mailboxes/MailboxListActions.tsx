import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button, CreateButton, FilterButton, TopToolbar, useCanAccess } from 'react-admin';
import { RecalculateAllButton } from './RecalculateAllButton';

const ImportButton = () => {
  const { canAccess } = useCanAccess({ resource: 'mailboxes', action: 'import' });
  if (!canAccess) return null;
  return (
    <Button label="Import CSV" to="/mailboxes/import">
      <UploadFileIcon />
    </Button>
  );
};

export const MailboxListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="New mailbox" />
    <ImportButton />
    <RecalculateAllButton />
  </TopToolbar>
);
