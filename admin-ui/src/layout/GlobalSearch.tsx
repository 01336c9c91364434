import SearchIcon from '@mui/icons-material/Search';
import { Box, InputBase } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useState, type FormEvent } from 'react';
import { useDataProvider, useNavigate, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { resolveSearch } from './mailboxSearch';

/** The app bar's search box: Enter finds a mailbox by address or name (see mailboxSearch.ts for where it leads). */
export const GlobalSearch = () => {
  const dataProvider = useDataProvider();
  const navigate = useNavigate();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    try {
      const target = await resolveSearch(dataProvider, text);
      if (target.kind === 'mailbox') {
        setText('');
        navigate(`/mailboxes/${encodeURIComponent(String(target.id))}/show`);
      } else {
        navigate({ pathname: '/mailboxes', search: `?filter=${encodeURIComponent(JSON.stringify({ q: target.q }))}` });
      }
    } catch (error) {
      notify(errorMessage(error, 'The search failed'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      role="search"
      onSubmit={(event: FormEvent) => void submit(event)}
      sx={(theme) => ({
        display: 'flex', alignItems: 'center', gap: 1, px: 1.5, mr: 1, borderRadius: 1, width: { xs: 180, sm: 320 },
        backgroundColor: alpha(theme.palette.common.white, 0.15),
        '&:hover': { backgroundColor: alpha(theme.palette.common.white, 0.25) },
      })}
    >
      <SearchIcon fontSize="small" />
      <InputBase
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Find a mailbox: address or name"
        inputProps={{ 'aria-label': 'Find a mailbox by address or name', maxLength: 200 }}
        disabled={busy}
        sx={{ color: 'inherit', flex: 1, py: 0.5 }}
      />
    </Box>
  );
};
