import type { AuthProvider } from 'react-admin';
import { roleCanAccess } from './accessControl';
import { loadSession, signIn, signOut, verifyCode, type StaffSession } from './session';

/** The password step (the login form sends `username`), or the MFA code step. */
type LoginParams = { username: string; password: string } | { code: string };

async function requireSession(): Promise<StaffSession> {
  const session = await loadSession();
  if (!session) throw new Error('Please sign in');
  return session;
}

function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return undefined;
}

/**
 * react-admin's auth contract over Mailwarden's cookie session.
 * The default login form sends `username`; Mailwarden signs staff in by email.
 */
export const authProvider: AuthProvider = {
  // The password step throws MfaCodeRequired for an account with MFA; the login page then asks for the code.
  async login(params: LoginParams) {
    if ('code' in params) await verifyCode(params.code.trim());
    else await signIn(params.username.trim(), params.password);
  },

  async logout() {
    await signOut();
  },

  async checkAuth() {
    await requireSession();
  },

  // Only 401 ends the session. A 403 keeps the user signed in; the failed call shows "You do not have permission".
  async checkError(error: unknown) {
    if (statusOf(error) === 401) {
      throw new Error('Your session has ended. Please sign in again.');
    }
  },

  async getIdentity() {
    const { id, name, email, role, mfaEnabled, mfaEnrolmentRequired, canViewMessageMetadata } = await requireSession();
    return { id, fullName: name, email, role, mfaEnabled, mfaEnrolmentRequired, canViewMessageMetadata };
  },

  async getPermissions() {
    return (await requireSession()).role;
  },

  async canAccess({ resource, action }) {
    const session = await loadSession();
    return session !== null && roleCanAccess(session.role, resource, action);
  },
};
