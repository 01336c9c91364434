// Self-configuring mail clients: Thunderbird autoconfig (GET) and the Apple configuration profile.
// Built from the settings and the default plan's retention only: no mailbox is looked up, so every address in
// a domain gets the same document (no user enumeration).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { InvalidInputError } from '../../core/domain/errors.ts';
import { providerDomain } from '../../core/domain/guidance/address.ts';
import { buildAutoconfigXml } from '../../core/domain/guidance/autoconfig.ts';
import { leaveDays } from '../../core/domain/guidance/live-values.ts';
import { buildMobileconfig } from '../../core/domain/guidance/mobileconfig.ts';
import { createMailSettingsRepository } from '../../core/repositories/mail-settings.ts';
import { loadGuidanceContext } from '../../services/guidance-context.ts';
import { Document, OptionalAddress, publicConfig, publicErrors, queryAddress, tags } from './common.ts';

const clientConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settingsRepo = createMailSettingsRepository(app.prisma);
  const base = app.config.PUBLIC_BASE_URL.replace(/\/$/, '');

  const autoconfigSchema = {
    tags,
    summary: 'Thunderbird autoconfig (clientConfig 1.1); ?emailaddress= is optional',
    querystring: Type.Object({ emailaddress: OptionalAddress }),
    response: { 200: Document('application/xml: clientConfig version 1.1'), ...publicErrors },
  };
  // Thunderbird asks https://autoconfig.<domain>/mail/config-v1.1.xml first, then <domain>/.well-known/autoconfig/…
  for (const url of ['/mail/config-v1.1.xml', '/.well-known/autoconfig/mail/config-v1.1.xml']) {
    app.get(url, { config: publicConfig, schema: autoconfigSchema }, async (request, reply) => {
      const address = queryAddress('emailaddress', request.query.emailaddress);
      const { facts } = await loadGuidanceContext(app.prisma, base);
      const xml = buildAutoconfigXml({
        settings: facts.settings,
        domain: providerDomain(facts.settings.domains, address),
        popLeaveDays: leaveDays(facts),
        helpUrl: `${base}/help`,
      });
      return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
    });
  }

  app.get('/mobileconfig', {
    config: publicConfig,
    schema: { tags, summary: 'Apple configuration profile (com.apple.mail.managed) for one address; no password inside', querystring: Type.Object({ email: Type.String({ maxLength: 254 }) }), response: { 200: Document('application/x-apple-aspen-config plist'), ...publicErrors } },
  }, async (request, reply) => {
    const address = queryAddress('email', request.query.email);
    if (!address) throw new InvalidInputError('querystring.email', 'is required');
    const settings = await settingsRepo.get();
    // A profile for someone else's provider would configure our servers for an address they do not serve.
    if (!settings.domains.includes(address.domain)) {
      throw new InvalidInputError('querystring.email', `must be an address in ${settings.domains.join(', ')}`);
    }
    return reply
      .type('application/x-apple-aspen-config')
      .header('content-disposition', `attachment; filename="${address.domain}-mail.mobileconfig"`)
      .header('cache-control', 'private, no-store')
      .send(buildMobileconfig(settings, address));
  });
};

export default clientConfigRoutes;
