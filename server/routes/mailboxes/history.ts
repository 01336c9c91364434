// Usage history for the mailbox page's chart: the stored samples, oldest first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, authErrors } from '../../schemas/common.ts';
import { UsageSampleSchema } from '../../schemas/mailbox.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { NotFoundError } from '../../core/domain/errors.ts';

const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
    if (!(await app.prisma.mailbox.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError('Mailbox', id);
    const since = new Date(Date.now() - request.query.days * 86_400_000);
    const samples = await app.prisma.usageSample.findMany({
      where: { mailboxId: id, at: { gte: since } },
      orderBy: { at: 'asc' },
      take: 5000,
    });
    return samples.map((s) => ({ at: s.at, usedBytes: Number(s.usedBytes), usedMessages: s.usedMessages, limitBytes: s.limitBytes === null ? null : Number(s.limitBytes) }));
  });
};

export default historyRoutes;
