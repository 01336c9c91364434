import { Layout, Navigate, useGetIdentity, type LayoutProps } from 'react-admin';
import { mfaRoute } from '../mfa';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';
import { useRowCheckboxLabels } from './useRowCheckboxLabels';

/**
 * react-admin's layout with a menu that also lists the custom-route pages (settings, DNS records), and an app bar with search.
 * Staff whose role requires MFA and who have not set it up see only the enrolment page (the API refuses everything
 * else): nothing inside the layout renders, so no page asks the API for what it would refuse.
 */
export const AppLayout = ({ children }: LayoutProps) => {
  const { identity, isPending } = useGetIdentity();
  useRowCheckboxLabels();
  if (isPending) return null;
  if (identity?.mfaEnrolmentRequired) return <Navigate to={mfaRoute.path} replace />;
  return (
    // minWidth 0 (react-admin sets fit-content on the layout): the content column takes the width the menu leaves, not
    // the width of its widest child, so a wide filter bar wraps and a wide table scrolls in its own box instead of
    // widening the whole page (#19).
    <Layout menu={AppMenu} appBar={AppBar} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
      {children}
    </Layout>
  );
};
