import type { ComponentType } from 'react';
import { Menu, usePermissions } from 'react-admin';
import { directoryRoute } from '../directory';
import { dnsRoute } from '../dns';
import { jobsRoute } from '../jobs';
import { isRole, roleCanAccess } from '../providers/accessControl';
import { mailSettingsRoute } from '../settings';

interface Page {
  path: string;
  label: string;
  icon: ComponentType;
  /** Shown only to roles that may open this resource (accessControl.ts); pages without one are for every role. */
  resource?: string;
}

/** Custom-route pages shown in the menu after the resources (which add themselves). One line per page. */
const PAGES: Page[] = [jobsRoute, directoryRoute, mailSettingsRoute, dnsRoute];

export const AppMenu = () => {
  const { permissions } = usePermissions();
  const visible = PAGES.filter((page) => !page.resource || (isRole(permissions) && roleCanAccess(permissions, page.resource)));
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      {visible.map(({ path, label, icon: Icon }) => (
        <Menu.Item key={path} to={path} primaryText={label} leftIcon={<Icon />} />
      ))}
    </Menu>
  );
};
