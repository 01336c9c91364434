// Mail server settings (the singleton row the public guidance is built from) and the DNS records derived from them.
// Every staff role reads; admin and ops change them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authErrors } from '../../schemas/common.ts';
import { DnsRecordsSchema, MailSettingsSchema, MailSettingsUpdateSchema } from '../../schemas/guidance.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { buildDnsRecords } from '../../core/domain/guidance/dns.ts';
import { createMailSettingsService } from '../../services/mail-settings.ts';
import { actorOf } from '../../http/actor.ts';

const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = createMailSettingsService(app.prisma, app.audit);
  const tags = ['settings'];

  app.get('/mail', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Mail server settings used by the help page and client autoconfiguration', response: { 200: MailSettingsSchema, ...authErrors } },
  }, async () => ({ id: 'mail' as const, ...(await settings.get()) }));

  app.put('/mail', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Change the mail server settings', body: MailSettingsUpdateSchema, response: { 200: MailSettingsSchema, ...authErrors } },
  }, async (request) => {
    const { id: _id, updatedAt: _updatedAt, ...raw } = request.body;
    const after = await settings.update(actorOf(request), raw);
    return { id: 'mail' as const, ...after };
  });

  app.get('/dns', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'SRV (RFC 6186/8314) and autoconfig/autodiscover records for every mail domain', response: { 200: DnsRecordsSchema, ...authErrors } },
  }, async () => buildDnsRecords(await settings.get(), app.config.PUBLIC_BASE_URL));
};

export default settingsRoutes;
