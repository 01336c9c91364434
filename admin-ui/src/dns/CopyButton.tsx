import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Button } from '@mui/material';
import { useNotify } from 'react-admin';

/** Copies `text` to the clipboard (needs https or localhost, as browsers only allow it in secure contexts). */
export const CopyButton = ({ text, label = 'Copy' }: { text: string; label?: string }) => {
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      notify('Copied to the clipboard', { type: 'success' });
    } catch {
      notify('The browser refused to copy: select the text and copy it by hand', { type: 'warning' });
    }
  };
  return (
    <Button variant="outlined" size="small" startIcon={<ContentCopyIcon />} onClick={() => void copy()}>
      {label}
    </Button>
  );
};
