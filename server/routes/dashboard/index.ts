// The console's home dashboard: figures every staff role may see (help desk too: "is the mailbox full, did last
// night's expiry run"). Put together by services/dashboard.ts; queue health comes from /api/queues.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authErrors } from '../../schemas/common.ts';
import { DashboardSeriesSchema, DashboardSummarySchema, SeriesQuerystring } from '../../schemas/dashboard.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { createDashboardService } from '../../services/dashboard.ts';

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['dashboard'];
  const access = { roles: ANY_STAFF };
  const dashboard = createDashboardService(app.prisma, app.queues);

  app.get('/summary', {
    config: { access },
    schema: { tags, summary: 'Mailboxes near/over quota (counts, top 10), the last usage scan and the last expiry run', response: { 200: DashboardSummarySchema, ...authErrors } },
  }, async () => dashboard.summary());

  app.get('/series', {
    config: { access },
    schema: { tags, summary: 'Per UTC day: bytes freed and messages expired by retention, mailboxes over quota', querystring: SeriesQuerystring, response: { 200: DashboardSeriesSchema, ...authErrors } },
  }, async (request) => dashboard.series(request.query.days ?? 30));
};

export default dashboardRoutes;
