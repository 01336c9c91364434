import { Layout, type LayoutProps } from 'react-admin';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';

/** react-admin's layout with a menu that also lists the custom-route pages (settings, DNS records), and an app bar with search. */
export const AppLayout = ({ children }: LayoutProps) => (
  <Layout menu={AppMenu} appBar={AppBar}>
    {children}
  </Layout>
);
