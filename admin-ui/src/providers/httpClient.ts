import { fetchUtils, HttpError } from 'react-admin';
import { readableError } from '../common/readableError';
import { fetchSession, loadSession } from './session';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function send(url: string, options: fetchUtils.Options, csrfToken?: string) {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' });
}

function isForbidden(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status === 403;
}

/** "You do not have permission", plus the server's reason when it gives more than the status text. */
function permissionMessage(error: HttpError): string {
  const reason = error.message.trim();
  return reason && reason !== 'Forbidden' ? `You do not have permission: ${reason}` : 'You do not have permission';
}

async function sendWithCsrf(url: string, options: fetchUtils.Options) {
  const session = await loadSession();
  try {
    return await send(url, options, session?.csrfToken);
  } catch (error) {
    if (!session || !isForbidden(error)) throw error;
    // A 403 may only mean our CSRF token is stale (the same person signed in again in another tab):
    // refresh it once. A different person now owns the cookie: do not act on their behalf.
    const fresh = await fetchSession();
    if (!fresh || fresh.id !== session.id || fresh.csrfToken === session.csrfToken) throw error;
    return send(url, options, fresh.csrfToken);
  }
}

/**
 * fetchJson with the session cookie on every call and `X-CSRF-Token` on every mutating call.
 * Failed calls reject with react-admin's HttpError carrying the server's `message`.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  try {
    return MUTATING_METHODS.has(method) ? await sendWithCsrf(url, options) : await send(url, options);
  } catch (error) {
    if (isForbidden(error)) throw new HttpError(permissionMessage(error), 403, error.body);
    // A refused input is worded for people (no schema paths); the body keeps the API's own message.
    if (error instanceof HttpError && error.status >= 400 && error.status < 500) throw new HttpError(readableError(error.message), error.status, error.body);
    throw error;
  }
}
