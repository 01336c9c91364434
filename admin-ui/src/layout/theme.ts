import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's light theme with colours that meet WCAG AA contrast (4.5:1 for text) wherever the console puts them:
 * the defaults (#1976d2 primary, a #2196f3 app bar, #d32f2f error, #ed6c02 warning) measured 3.1 to 4.4 against
 * the white, #fafafb page and #e0e0e0 form-toolbar backgrounds (axe-core, test/e2e/accessibility.test.ts).
 * Each colour below is at least 4.6:1 on #e0e0e0 and 6:1 on white.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1256a6', contrastText: '#fff' },
    secondary: { light: '#6ec6ff', main: '#1256a6', dark: '#0d47a1', contrastText: '#fff' },
    error: { main: '#b71c1c', contrastText: '#fff' },
    warning: { main: '#a04500', contrastText: '#fff' },
    success: { main: '#1b5e20', contrastText: '#fff' },
    info: { main: '#01579b', contrastText: '#fff' },
  },
  components: {
    ...defaultTheme.components,
    // Spinners (react-admin's app-bar loading indicator, buttons waiting on the API) have no name of their own; a
    // progressbar must have one (axe: aria-progressbar-name). One that passes its own aria-label keeps it.
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
    MuiLinearProgress: { defaultProps: { 'aria-label': 'Loading' } },
  },
};
