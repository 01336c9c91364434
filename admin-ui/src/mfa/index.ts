export { MfaPage, mfaRoute } from './MfaPage';
