// Usage history for the mailbox page's chart: the stored samples, oldest first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, authErrors } from '../../schemas/common.ts';
import { UsageSampleSchema } from '../../schemas/mailbox.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { createMailboxRepository } from '../../core/repositories/mailboxes.ts';
import { createUsageSampleRepository } from '../../core/repositories/usage-samples.ts';

const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mailboxes = createMailboxRepository(app.prisma);
  const samples = createUsageSampleRepository(app.prisma);

  app.get('/:id/usage-history', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags: ['mailboxes'],
      summary: 'Usage samples of the last N days (one per scan, thinned out with age), oldest first',
      params: IdParams,
      querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(UsageSampleSchema), 404: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const { id } = request.params;
    if (!(await mailboxes.exists(id))) throw new NotFoundError('Mailbox', id);
    return samples.listSince(id, new Date(Date.now() - request.query.days * 86_400_000));
  });
};

export default historyRoutes;
