import SecurityIcon from '@mui/icons-material/Security';
import { AppBar as RaAppBar, Logout, MenuItemLink, TitlePortal, UserMenu, useGetIdentity } from 'react-admin';
import { mfaRoute } from '../mfa';
import { GlobalSearch } from './GlobalSearch';
import { LogoutEverywhereItem } from './LogoutEverywhereItem';

/**
 * The user menu: two-factor authentication, sign out everywhere, and sign out. Its button shows the staff member's
 * name, so its accessible name says "Profile" and that name (react-admin's default, "Profile" alone, does not match
 * what is seen: axe's label-content-name-mismatch).
 */
const AccountMenu = () => {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? `Profile: ${identity.fullName}` : 'Profile'}>
      <MenuItemLink to={mfaRoute.path} primaryText="Two-factor authentication" leftIcon={<SecurityIcon />} />
      <LogoutEverywhereItem />
      <Logout />
    </UserMenu>
  );
};

/** react-admin's app bar (page title, loading indicator, user menu) with the mailbox search beside the title. */
export const AppBar = () => (
  <RaAppBar userMenu={<AccountMenu />}>
    <TitlePortal />
    <GlobalSearch />
  </RaAppBar>
);
