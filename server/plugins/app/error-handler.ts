// The single error envelope: every failure leaves as `{ statusCode, error, message, reqId }`.
// Validation errors name the field; 5xx details stay in the log; dependency outages become 503s.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { AppError, DependencyDownError } from '../../core/domain/errors.ts';
import { classifyDependencyError, isUnstorableText } from '../../http/dependency-errors.ts';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** "body.quota.limitBytes must be >= 0" from an ajv error and its context ("body", "querystring"…). */
export function describeValidationError(context: string, err: AjvError): string {
  const path = [context, ...err.instancePath.split('/').filter(Boolean)].join('.');
  if (err.keyword === 'additionalProperties') return `${path}.${String(err.params.additionalProperty)} is not allowed`;
  if (err.keyword === 'required') return `${path}.${String(err.params.missingProperty)} is required`;
  if (err.keyword === 'enum' && Array.isArray(err.params.allowedValues)) {
    return `${path} must be one of: ${err.params.allowedValues.join(', ')}`;
  }
  return `${path} ${err.message ?? 'is invalid'}`;
}

function send(reply: FastifyReply, request: FastifyRequest, statusCode: number, message: string) {
  return reply.code(statusCode).send({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    reqId: request.id,
  });
}

export default fp(
  async (app) => {
    app.setSchemaErrorFormatter((errors, context) => {
      const error = new Error(describeValidationError(context, errors[0] as AjvError));
      return Object.assign(error, { statusCode: 400 });
    });

    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppError) {
        if (err.statusCode >= 500) request.log.error({ err }, err.message);
        return send(reply, request, err.statusCode, err.message);
      }
      const dependency = classifyDependencyError(err);
      if (dependency) {
        request.log.error({ err: err.message, dependency }, 'dependency unavailable');
        return send(reply, request, 503, new DependencyDownError(dependency).message);
      }
      if (isUnstorableText(err)) return send(reply, request, 400, 'A text value contains a character that cannot be stored (such as NUL)');
      const conflict = uniqueViolation(err);
      if (conflict) return send(reply, request, 409, `${conflict} is already taken`);
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return send(reply, request, status, err.message);
      request.log.error({ err }, 'unhandled error');
      return send(reply, request, 500, 'Internal server error');
    });

    app.setNotFoundHandler((request, reply) =>
      send(reply, request, 404, `Route ${request.method} ${request.url.split('?')[0]} not found`),
    );
  },
  { name: 'error-handler' },
);

/**
 * Prisma P2002 (unique constraint): returns the field name(s) as the API spells them so the 409 can name them.
 * The adapter reports columns as PostgreSQL's message does: "address", "imap_login", or "lower(imap_login" for an
 * expression index, which compares case-insensitively.
 */
function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; meta?: { target?: string[] | string; driverAdapterError?: { cause?: { kind?: string; constraint?: { fields?: string[] } } } } };
  // P2010: the same violation from a raw query (the bulk insert of repositories/mailbox-bulk.ts).
  const rawUnique = e?.code === 'P2010' && e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
  if (e?.code !== 'P2002' && !rawUnique) return null;
  const raw = e.meta?.driverAdapterError?.cause?.constraint?.fields ?? e.meta?.target ?? 'value';
  const fields = (Array.isArray(raw) ? raw : [raw]).map((f) => {
    const lower = /^lower\(/i.test(f);
    const name = f.replace(/^\w+\(/, '').replace(/[()"]/g, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return lower ? `${name} (compared case-insensitively)` : name;
  });
  return fields.join(', ');
}
