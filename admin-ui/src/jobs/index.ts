import WorkIcon from '@mui/icons-material/WorkHistory';

/** The Jobs page is a custom route (queues, failed jobs, schedules are not records): path, menu entry, who sees it. */
export const jobsRoute = { path: '/jobs', label: 'Jobs', icon: WorkIcon, resource: 'jobs' };
export { JobsPage } from './JobsPage';
