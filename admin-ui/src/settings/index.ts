import SettingsIcon from '@mui/icons-material/Settings';

/** The mail settings page is a custom route (one settings row, not a list): its path and menu entry. */
export const mailSettingsRoute = { path: '/settings/mail', label: 'Mail settings', icon: SettingsIcon };
export { MailSettingsPage } from './MailSettingsPage';
