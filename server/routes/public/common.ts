// Shared by the public (no login) guidance endpoints: access rule, rate limit, address parameters.
import { Type } from 'typebox';
import { InvalidInputError } from '../../domain/errors.ts';
import { parseAddress, type ParsedAddress } from '../../domain/guidance/address.ts';

/**
 * Per client IP and per route, counted in Redis so every API instance shares the budget. 60 a minute is far
 * above what a person or a mail client setting up an account needs, and far below what address guessing needs.
 */
export const PUBLIC_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

export const publicConfig = { access: { public: true as const }, rateLimit: PUBLIC_RATE_LIMIT };

export const tags = ['public'];

/** The address in a query parameter, or null when absent or empty; a malformed one is a 400 naming the parameter. */
export function queryAddress(field: string, raw: string | undefined): ParsedAddress | null {
  if (raw === undefined || raw.trim() === '') return null;
  const address = parseAddress(raw);
  if (!address) throw new InvalidInputError(`querystring.${field}`, 'must be an email address');
  return address;
}

export const OptionalAddress = Type.Optional(Type.String({ maxLength: 254 }));
