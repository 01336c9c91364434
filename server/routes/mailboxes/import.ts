// POST /api/mailboxes/import: CSV body (text/csv). Validates every row first; mode=all imports nothing
// when any row is bad (400 listing each bad row), mode=valid-only imports the good rows and lists the rest.
// Warnings (imported anyway): cells spreadsheets would run as formulas, and addresses not checked against the served
// domains because none are set. Parsing and validation run in a worker thread (services/mailbox-csv-parse.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authErrors } from '../../schemas/common.ts';
import { OPS } from '../../core/domain/roles.ts';
import { importMailboxCsv } from '../../services/mailbox-import.ts';
import { InvalidInputError } from '../../core/domain/errors.ts';

const RowError = Type.Object({ line: Type.Integer(), field: Type.Optional(Type.String()), message: Type.String() });
const MAX_CSV_BYTES = 20 * 1024 * 1024;

const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));

  app.post('/import', {
    config: { access: { roles: OPS } },
    bodyLimit: MAX_CSV_BYTES,
    schema: {
      tags: ['mailboxes'],
      summary: 'Import mailboxes from CSV (address,displayName,plan,limitOverrideBytes)',
      consumes: ['text/csv'],
      querystring: Type.Object({ mode: Type.Enum(['all', 'valid-only'], { default: 'all' }) }, { additionalProperties: false }),
      // No minLength: the validator would count the characters of a 20 MB body in one go; emptiness is checked below.
      body: Type.String({ description: 'CSV with a header row' }),
      response: {
        200: Type.Object({ imported: Type.Integer(), errors: Type.Array(RowError), warnings: Type.Array(RowError) }),
        400: Type.Object({
          statusCode: Type.Integer(), error: Type.String(), message: Type.String(), reqId: Type.String(),
          errors: Type.Optional(Type.Array(RowError)), warnings: Type.Optional(Type.Array(RowError)),
        }),
        401: authErrors[401],
        403: authErrors[403],
      },
    },
  }, async (request, reply) => {
    if (!/\S/.test(request.body)) throw new InvalidInputError('body', 'must be a CSV with a header row (it is empty)');
    const result = await importMailboxCsv(app.prisma, request.body, request.query.mode, request);
    if (result.refused) {
      const first = result.errors[0];
      return reply.code(400).send({
        statusCode: 400, error: 'Bad Request', reqId: request.id, errors: result.errors, warnings: result.warnings,
        message: `${result.errors.length} bad row(s), nothing imported; first: line ${first.line}${first.field ? ` (${first.field})` : ''}: ${first.message}`,
      });
    }
    return { imported: result.imported, errors: result.errors, warnings: result.warnings };
  });
};

export default importRoutes;
