import DnsIcon from '@mui/icons-material/Dns';

/** The DNS records page is a custom route (derived data, nothing to edit): its path and menu entry. */
export const dnsRoute = { path: '/dns', label: 'DNS records', icon: DnsIcon };
export { DnsRecordsPage } from './DnsRecordsPage';
