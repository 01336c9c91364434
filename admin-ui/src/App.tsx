import { Admin, Resource } from 'react-admin';
import auditEvents from './audit';
import { Dashboard } from './dashboard/Dashboard';
import { LoginPage } from './layout/LoginPage';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import staff from './staff';

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
    <Resource name="staff" {...staff} />
    <Resource name="audit-events" {...auditEvents} />
  </Admin>
);
