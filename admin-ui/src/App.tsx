import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import auditEvents from './audit';
import { Dashboard } from './dashboard/Dashboard';
import { DirectoryPage, directoryRoute } from './directory';
import { DnsRecordsPage, dnsRoute } from './dns';
import expiredMessages from './expired-messages';
import expiryRuns from './expiry-runs';
import guidanceArticles from './guidance';
import { JobsPage, jobsRoute } from './jobs';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import mailboxes from './mailboxes';
import noticeTemplates from './notice-templates';
import notifications from './notifications';
import { MfaPage, mfaRoute } from './mfa';
import { ImportMailboxes } from './mailboxes/ImportMailboxes';
import plans from './plans';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import retentionPolicies from './retention-policies';
import { MailSettingsPage, mailSettingsRoute } from './settings';
import spaceRequests from './space-requests';
import staff from './staff';

const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Mailwarden"
    requireAuth
    disableTelemetry
    authProvider={authProvider}
    dataProvider={dataProvider}
    dashboard={Dashboard}
    loginPage={LoginPage}
    layout={AppLayout}
    theme={theme}
  >
    <Resource name="mailboxes" {...mailboxes} />
    <Resource name="plans" {...plans} />
    <Resource name="retention-policies" {...retentionPolicies} />
    <Resource name="expiry-runs" {...expiryRuns} />
    <Resource name="expired-messages" {...expiredMessages} />
    <Resource name="staff" {...staff} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="guidance-articles" {...guidanceArticles} />
    <Resource name="space-requests" {...spaceRequests} />
    <Resource name="notifications" {...notifications} />
    <Resource name="notice-templates" {...noticeTemplates} />
    <CustomRoutes noLayout>
      <Route path={mfaRoute.path} element={<MfaPage />} />
    </CustomRoutes>
    <CustomRoutes>
      <Route path="/mailboxes/import" element={<ImportMailboxes />} />
      <Route path={mailSettingsRoute.path} element={<MailSettingsPage />} />
      <Route path={dnsRoute.path} element={<DnsRecordsPage />} />
      <Route path={jobsRoute.path} element={<JobsPage />} />
      <Route path={directoryRoute.path} element={<DirectoryPage />} />
    </CustomRoutes>
  </Admin>
);
