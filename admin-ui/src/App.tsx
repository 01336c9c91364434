import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import auditEvents from './audit';
import { Dashboard } from './dashboard/Dashboard';
import { LoginPage } from './layout/LoginPage';
import mailboxes from './mailboxes';
import { ImportMailboxes } from './mailboxes/ImportMailboxes';
import plans from './plans';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
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
  >
    <Resource name="mailboxes" {...mailboxes} />
    <Resource name="plans" {...plans} />
    <Resource name="staff" {...staff} />
    <Resource name="audit-events" {...auditEvents} />
    <CustomRoutes>
      <Route path="/mailboxes/import" element={<ImportMailboxes />} />
    </CustomRoutes>
  </Admin>
);
