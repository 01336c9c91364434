import { Layout, type LayoutProps } from 'react-admin';
import { AppMenu } from './AppMenu';

/** react-admin's layout with a menu that also lists the custom-route pages (settings, DNS records). */
export const AppLayout = ({ children }: LayoutProps) => <Layout menu={AppMenu}>{children}</Layout>;
