import SyncIcon from '@mui/icons-material/Sync';

/** The Directory page is a custom route (runs and diffs of the directory sync): path, menu entry, who sees it. */
export const directoryRoute = { path: '/directory', label: 'Directory', icon: SyncIcon, resource: 'directory' };
export { DirectoryPage } from './DirectoryPage';
