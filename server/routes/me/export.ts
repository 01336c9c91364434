// /me/export: "take it with you" (#20). The API never opens IMAP, so the download itself is made by the export
// service (server/export/, its own process on EXPORT_HOST:EXPORT_PORT); these routes forward to it with
// @fastify/reply-from, streaming both ways (nothing is buffered here, whatever the export's size), so users see one
// origin. What the API adds: for a signed-in user, a one-minute signed GRANT for the session's mailbox (the export
// service gets no cookie); for a notice's link, the landing page. Refusals from the export service (a JSON message)
// are shown as the /me pages show errors. The session cookie, and any grant header a client sends, never go on.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import replyFrom from '@fastify/reply-from';
import { Type } from 'typebox';
import type { Readable } from 'node:stream';
import { createExportTokens, GRANT_HEADER } from '../../core/lib/export-tokens.ts';
import { linkLandingPage } from '../../views/me-export.ts';
import type { MeContext } from './index.ts';

const TITLES: Record<number, string> = { 400: 'Not understood', 401: 'Signed out', 403: 'Link not valid', 404: 'Not found', 410: 'Link expired', 429: 'Busy' };

async function readSmall(stream: Readable, limit = 16_384): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.length > limit) break;
  }
  stream.destroy();
  return text;
}

const exportRoutes: FastifyPluginAsync<{ ctx: MeContext }> = async (app, { ctx }) => {
  const { config } = app;
  const tokens = config.EXPORT_LINK_KEY ? createExportTokens(config.EXPORT_LINK_KEY) : null;
  await app.register(replyFrom, {
    base: `http://${config.EXPORT_HOST}:${config.EXPORT_PORT}`,
    // The export service answers once it has chosen the messages (metadata of a 100,000-message folder takes a
    // while); then bytes flow as the browser takes them, and a paused download may leave the body quiet for long.
    undici: { headersTimeout: 5 * 60_000, bodyTimeout: 30 * 60_000 },
  });

  const notAvailable = (reply: FastifyReply) => ctx.page(reply, 404, 'Not available', 'Downloading your mail is not set up here. Your help desk can tell you how to keep a copy.');

  function forward(request: FastifyRequest, reply: FastifyReply, grant: string | null) {
    return reply.from('/download', {
      rewriteRequestHeaders: (_req, headers) => {
        const { cookie: _cookie, authorization: _authorization, [GRANT_HEADER]: _forged, ...rest } = headers;
        return grant ? { ...rest, [GRANT_HEADER]: grant } : rest;
      },
      onResponse: async (_req, _reply, upstream) => {
        // `reply` (the same reply, typed for this server) rather than the callback's own parameter.
        if (upstream.statusCode < 400) return reply.send(upstream.stream);
        let message = 'The download could not be made. Please try again later.';
        try {
          message = (JSON.parse(await readSmall(upstream.stream as Readable)) as { message?: string }).message ?? message;
        } catch { /* not JSON: keep the general message */ }
        reply.removeHeader('content-length');
        reply.removeHeader('content-disposition');
        const link = upstream.statusCode === 401 || upstream.statusCode === 403 || upstream.statusCode === 410 ? { href: '/me/login', text: 'Sign in' } : { href: '/me', text: 'Your mailbox' };
        return ctx.page(reply, upstream.statusCode, TITLES[upstream.statusCode] ?? 'Not available', message, link);
      },
      onError: (_reply, { error }) => {
        request.log.warn({ err: error.message }, 'export service not reached');
        void ctx.page(reply, 503, 'Not available', 'Downloads are not available right now. Please try again later.', { href: '/me', text: 'Your mailbox' });
      },
    });
  }

  // The query is the export service's to check (server/export/download.ts refuses unknown fields, naming them).
  const query = Type.Object({
    days: Type.Optional(Type.String({ description: '7 or 30: what expires within that many days' })),
    folder: Type.Optional(Type.String({ description: 'A whole folder of the signed-in mailbox' })),
    format: Type.Optional(Type.String({ description: 'mbox (default) or zip' })),
    from: Type.Optional(Type.String({ description: 'Received on or after (YYYY-MM-DD or ISO date-time)' })),
    to: Type.Optional(Type.String({ description: 'Received before' })),
  });

  app.get('/me/export/download', {
    config: { access: { public: true }, mailUser: true },
    schema: { tags: ['me'], summary: 'Download the signed-in user\'s mail that expires in 7 / 30 days, or a folder (mbox or zip, streamed)', querystring: query },
  }, async (request, reply) => {
    if (!tokens) return notAvailable(reply);
    return forward(request, reply, tokens.signGrant(request.mailUser!.mailboxId));
  });

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

  app.get('/me/export/link/download', {
    config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags: ['me'], summary: 'Download what a pre-expiry notice\'s link is for (mbox or zip, streamed); the link decides the mailbox and the mail', querystring: Type.Object({ t: Type.String({ maxLength: 2000 }), format: Type.Optional(Type.String()), from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }) },
  }, async (request, reply) => {
    if (!tokens) return notAvailable(reply);
    return forward(request, reply, null);
  });
};

export default exportRoutes;
