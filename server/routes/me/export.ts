// /me/export: "take it with you" (#20), the API's part. The downloads themselves (GET /me/export/download and
// /me/export/link/download) are served by the export service (server/export/, its own process): the front (the TLS
// proxy, docs/deployment.md; scripts/lib/front.ts in the demo and tests) routes those two paths to it, so no export
// byte passes through the API and its memory does not depend on downloads. The API serves the landing page of a
// notice's link, and answers the two download paths only when the front sends them here by mistake.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { createExportTokens } from '../../core/lib/export-tokens.ts';
import { linkLandingPage } from '../../views/me-export.ts';
import type { MeContext } from './index.ts';

const TITLES: Record<number, string> = { 403: 'Link not valid', 410: 'Link expired' };

const exportRoutes: FastifyPluginAsync<{ ctx: MeContext }> = async (app, { ctx }) => {
  const { config } = app;
  const tokens = config.EXPORT_LINK_KEY ? createExportTokens(config.EXPORT_LINK_KEY) : null;
  const notAvailable = (reply: FastifyReply) => ctx.page(reply, 404, 'Not available', 'Downloading your mail is not set up here. Your help desk can tell you how to keep a copy.');

  // Only reached when the front does not route the downloads to the export service: said in the log, for the admin.
  const notRouted = (reply: FastifyReply) => {
    app.log.error('a /me download reached the API: the front must route /me/export/download and /me/export/link/download to the export service (docs/deployment.md)');
    return ctx.page(reply, 503, 'Not available', 'Downloads are not available right now. Please try again later.', { href: '/me', text: 'Your mailbox' });
  };

  for (const url of ['/me/export/download', '/me/export/link/download']) {
    app.get(url, {
      config: { access: { public: true } },
      schema: { tags: ['me'], summary: 'Served by the export service, not the API: the front routes this path there (docs/deployment.md); here it answers 503', hide: true },
    }, async (_request, reply) => (tokens ? notRouted(reply) : notAvailable(reply)));
  }

  app.get('/me/export/link', {
    config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['me'], summary: 'Where a pre-expiry notice\'s download link lands (HTML)', querystring: Type.Object({ t: Type.String({ maxLength: 2000 }) }) },
  }, async (request, reply) => {
    if (!tokens) return notAvailable(reply);
    const { t } = request.query as { t: string };
    const verified = tokens.verifyLink(t);
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? ctx.page(reply, 410, TITLES[410], 'This download link has expired: the mail it was for is past its date. Sign in to see what your mailbox holds now.', { href: '/me/login', text: 'Sign in' })
        : ctx.page(reply, 403, TITLES[403], 'This download link is not valid: it may have been cut or changed. Use the link from the email as it is, or sign in.', { href: '/me/login', text: 'Sign in' });
    }
    // Bound to the mailbox: one gone, disabled or since renamed gets the same refusal as a changed link.
    const mailbox = await app.prisma.mailbox.findUnique({ where: { id: verified.claims.m }, select: { address: true, status: true } });
    if (!mailbox || mailbox.status !== 'active' || mailbox.address.toLowerCase() !== verified.claims.a) {
      return ctx.page(reply, 403, TITLES[403], 'This download link is not valid for any mailbox here. Sign in to see your own.', { href: '/me/login', text: 'Sign in' });
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store')
      .send(linkLandingPage(await ctx.organisation(), verified.claims.a, new Date(verified.claims.u), t));
  });
};

export default exportRoutes;
