import { Menu } from 'react-admin';
import { dnsRoute } from '../dns';
import { mailSettingsRoute } from '../settings';

/** Custom-route pages shown in the menu after the resources (which add themselves). One line per page. */
const PAGES = [mailSettingsRoute, dnsRoute];

export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <Menu.ResourceItems />
    {PAGES.map(({ path, label, icon: Icon }) => (
      <Menu.Item key={path} to={path} primaryText={label} leftIcon={<Icon />} />
    ))}
  </Menu>
);
