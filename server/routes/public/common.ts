// Shared by the public (no login) guidance endpoints: access rule, rate limit, address parameters.
import { Type } from 'typebox';
import { ErrorSchema } from '../../schemas/common.ts';
import { InvalidInputError } from '../../core/domain/errors.ts';
import { parseAddress, type ParsedAddress } from '../../core/domain/guidance/address.ts';

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

/** A document body (HTML, XML, plist, CSS): sent as-is, never through the JSON serializer. */
export const Document = (description: string) => Type.String({ description });
/** The JSON errors a public route can answer with. */
export const publicErrors = { 400: ErrorSchema, 429: ErrorSchema };
/** For routes whose 400 is their own HTML/XML document: only the limiter's errors are JSON. */
export const limiterErrors = { 413: ErrorSchema, 429: ErrorSchema };
