import { AppBar as RaAppBar, TitlePortal } from 'react-admin';
import { GlobalSearch } from './GlobalSearch';

/** react-admin's app bar (page title, loading indicator, user menu) with the mailbox search beside the title. */
export const AppBar = () => (
  <RaAppBar>
    <TitlePortal />
    <GlobalSearch />
  </RaAppBar>
);
