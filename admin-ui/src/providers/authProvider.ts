import type { AuthProvider } from 'react-admin';
import { roleCanAccess } from './accessControl';
import { loadSession, signIn, signOut, type StaffSession } from './session';

interface LoginParams {
  username: string;
  password: string;
}

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
  async login({ username, password }: LoginParams) {
    await signIn(username.trim(), password);
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
    const { id, name, email, role } = await requireSession();
    return { id, fullName: name, email, role };
  },

  async getPermissions() {
    return (await requireSession()).role;
  },

  async canAccess({ resource, action }) {
    const session = await loadSession();
    return session !== null && roleCanAccess(session.role, resource, action);
  },
};
