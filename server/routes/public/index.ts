// The public guidance endpoints (no login, rate-limited per IP): /help, Thunderbird autoconfig, Outlook
// autodiscover and the Apple profile. None of them reveals whether an address exists unless the organisation
// turned on personal lookup for /help (settings.allowPersonalLookup).
import type { FastifyPluginAsync } from 'fastify';
import helpRoutes from './help.ts';
import clientConfigRoutes from './client-config.ts';
import autodiscoverRoutes from './autodiscover.ts';

const publicGuidanceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(helpRoutes);
  await app.register(clientConfigRoutes);
  await app.register(autodiscoverRoutes);
};

export default publicGuidanceRoutes;
