import type { ApiResponse } from '../api/types';
import { isRole } from './accessControl';

/** The signed-in staff member, as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export type StaffSession = ApiResponse<'/api/auth/me', 'get'>;

/** The password was right and the account has MFA: the code step comes next (POST /api/auth/mfa/verify). */
export class MfaCodeRequired extends Error {
  constructor() {
    super('Enter the code from your authenticator app');
    this.name = 'MfaCodeRequired';
  }
}

const AUTH_URL = '/api/auth';

// Kept in memory only: after a page reload, `GET /api/auth/me` gives the CSRF token back.
let current: StaffSession | null = null;
let inFlight: Promise<StaffSession | null> | null = null;

export class AuthRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AuthRequestError';
  }
}

async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // Not JSON: use the fallback.
  }
  return fallback;
}

function toSession(body: unknown): StaffSession {
  const value = (body ?? {}) as Record<string, unknown>;
  const { id, email, name, role, csrfToken } = value;
  const flag = (key: string) => value[key] === true;
  if (
    typeof id !== 'number' ||
    typeof email !== 'string' ||
    typeof name !== 'string' ||
    !isRole(role) ||
    typeof csrfToken !== 'string' ||
    csrfToken === ''
  ) {
    throw new Error('The server sent an unexpected sign-in response');
  }
  return {
    id, email, name, role, csrfToken,
    mfaEnabled: flag('mfaEnabled'), mfaEnrolmentRequired: flag('mfaEnrolmentRequired'), canViewMessageMetadata: flag('canViewMessageMetadata'),
  };
}

/** Asks the server who is signed in (`null` when nobody is). Concurrent callers share one request. */
export function fetchSession(): Promise<StaffSession | null> {
  inFlight ??= (async () => {
    try {
      const response = await fetch(`${AUTH_URL}/me`, {
        credentials: 'include',
        headers: { Accept: 'application/json' },
      });
      if (response.status === 401) {
        current = null;
        return null;
      }
      if (!response.ok) {
        throw new AuthRequestError(await errorMessage(response, 'Could not check your session'), response.status);
      }
      current = toSession(await response.json());
      return current;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** The cached session, or the server's answer when this tab has none yet (e.g. after a reload). */
export async function loadSession(): Promise<StaffSession | null> {
  return current ?? fetchSession();
}

/** Throws MfaCodeRequired when the account has MFA: then verifyCode finishes the sign-in. */
export async function signIn(email: string, password: string): Promise<StaffSession> {
  const response = await fetch(`${AUTH_URL}/login`, {
    method: 'POST',
    credentials: 'include',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) {
    const fallback =
      response.status === 401
        ? 'Wrong email or password'
        : response.status === 429
          ? 'Too many sign-in attempts. Please wait and try again.'
          : 'Sign-in failed';
    throw new AuthRequestError(await errorMessage(response, fallback), response.status);
  }
  const body: unknown = await response.json();
  if (body && typeof body === 'object' && 'mfaRequired' in body && body.mfaRequired === true) throw new MfaCodeRequired();
  current = toSession(body);
  return current;
}

/** The second sign-in step: a code from the authenticator app, or a recovery code. */
export async function verifyCode(code: string): Promise<StaffSession> {
  const response = await fetch(`${AUTH_URL}/mfa/verify`, {
    method: 'POST',
    credentials: 'include',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!response.ok) {
    const fallback = response.status === 429 ? 'Too many wrong codes. Please wait and try again.' : 'Wrong code';
    throw new AuthRequestError(await errorMessage(response, fallback), response.status);
  }
  current = toSession(await response.json());
  return current;
}

/** After MFA enrolment: the server's view of this session changed (no longer held to enrolment). */
export async function refreshSession(): Promise<StaffSession | null> {
  current = null;
  return fetchSession();
}

/** A mutation of the auth API with this session's CSRF token. */
export async function authPost<T>(path: string, body?: object): Promise<T> {
  const session = await loadSession();
  const response = await fetch(`${AUTH_URL}${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': session?.csrfToken ?? '' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new AuthRequestError(await errorMessage(response, 'The request failed'), response.status);
  return (await response.json()) as T;
}

/** Ends the server session when this tab knows one; forgets it locally in every case. */
export async function signOut(): Promise<void> {
  const session = current;
  current = null;
  if (!session) return;
  try {
    await fetch(`${AUTH_URL}/logout`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'X-CSRF-Token': session.csrfToken },
    });
  } catch {
    // The server may be unreachable or the session already gone; the user is signed out here either way.
  }
}
