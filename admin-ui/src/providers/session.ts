import { isRole, type Role } from './accessControl';

/** The signed-in staff member, as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export interface StaffSession {
  id: number | string;
  email: string;
  name: string;
  role: Role;
  csrfToken: string;
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
  if (
    (typeof id !== 'number' && typeof id !== 'string') ||
    typeof email !== 'string' ||
    typeof name !== 'string' ||
    !isRole(role) ||
    typeof csrfToken !== 'string' ||
    csrfToken === ''
  ) {
    throw new Error('The server sent an unexpected sign-in response');
  }
  return { id, email, name, role, csrfToken };
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
  current = toSession(await response.json());
  return current;
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
