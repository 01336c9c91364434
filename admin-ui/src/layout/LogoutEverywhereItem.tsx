import DevicesIcon from '@mui/icons-material/Devices';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef } from 'react';
import { useLogout, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { httpClient } from '../providers/httpClient';

/** User menu: end all of my sessions, on every device (`POST /api/auth/logout-everywhere`), then the login page. */
export const LogoutEverywhereItem = forwardRef<HTMLLIElement>((props, ref) => {
  const logout = useLogout();
  const notify = useNotify();
  const signOutEverywhere = async () => {
    try {
      await httpClient('/api/auth/logout-everywhere', { method: 'POST' });
      await logout();
    } catch (error) {
      notify(errorMessage(error, 'Could not sign out everywhere'), { type: 'error' });
    }
  };
  return (
    <MenuItem ref={ref} {...props} onClick={signOutEverywhere}>
      <ListItemIcon><DevicesIcon fontSize="small" /></ListItemIcon>
      <ListItemText>Sign out everywhere</ListItemText>
    </MenuItem>
  );
});
LogoutEverywhereItem.displayName = 'LogoutEverywhereItem';
