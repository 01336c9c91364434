// GET /help: the server-rendered help page. Personal (plan, usage, recommendation) only when the settings allow
// personal lookup AND the address is an active mailbox; any other address gets exactly the generic page, with
// only the typed address echoed back, and figures that say they are the standard plan's (never "your quota is …"
// with someone else's number; /me, behind the mail password, shows the user's own). With lookup on, the page does reveal that an address exists: that is the
// organisation's choice (settings.allowPersonalLookup), documented in the console next to the switch.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { parseAddress } from '../../core/domain/guidance/address.ts';
import { offerOf, personalAdvice } from '../../core/domain/guidance/advice.ts';
import { placeholderValues } from '../../core/domain/guidance/live-values.ts';
import { renderArticle } from '../../core/domain/guidance/markdown.ts';
import { createGuidanceArticleRepository } from '../../core/repositories/guidance-articles.ts';
import { loadGuidanceContext } from '../../services/guidance-context.ts';
import { renderHelpPage } from '../../views/help-page.ts';
import { Document, limiterErrors, publicConfig, tags } from './common.ts';

const CSS = readFileSync(new URL('../../views/help.css', import.meta.url), 'utf8');

const UNRENDERABLE = '<p>This article cannot be shown at the moment.</p>';

/**
 * One article's HTML. The page never fails because of one article's content (saved before the limits existed, or
 * written straight to the database): that article shows a short notice instead, and the log names it.
 */
function renderOrExplain(article: { id: number; slug: string; markdown: string }, values: Record<string, string>, log: FastifyBaseLogger): string {
  try {
    return renderArticle(article.markdown, values);
  } catch (err) {
    log.error({ articleId: article.id, slug: article.slug, err: (err as Error).message }, 'guidance article could not be rendered');
    return UNRENDERABLE;
  }
}

const helpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const articles = createGuidanceArticleRepository(app.prisma);

  app.get('/help', {
    config: publicConfig,
    schema: {
      tags,
      summary: 'Help page: POP or IMAP, server settings, per-client steps (HTML)',
      // Nothing here can fail validation (no maxLength; a repeated parameter is accepted): a schema failure would be
      // a JSON 400, and this route's 400 is the HTML page with the reason.
      querystring: Type.Object({ email: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) }),
      response: { 200: Document('text/html'), 400: Document('text/html: the page with the reason the address was refused'), ...limiterErrors },
    },
  }, async (request, reply) => {
    // parseAddress refuses anything over 254 characters; the echo is cut so a huge parameter is not reflected whole.
    const raw = request.query.email;
    const typed = ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim().slice(0, 300);
    const address = typed ? parseAddress(typed) : null;
    // A person typed this into a form: answer with the page and the reason, not a JSON error.
    const error = typed && !address ? `email: "${typed}" is not an email address` : null;
    const { facts, usage } = await loadGuidanceContext(app.prisma, app.config.PUBLIC_BASE_URL, { address, personal: true });
    const offer = offerOf(facts);
    const values = placeholderValues(facts);
    const shown = (await articles.all()).filter((a) => a.protocol === 'any' || (a.protocol === 'imap' ? offer.imap : offer.pop));
    const html = renderHelpPage({
      facts,
      offer,
      articles: shown.map((a) => ({ slug: a.slug, client: a.client, title: a.title, html: renderOrExplain(a, values, request.log) })),
      email: address?.address ?? (typed || null),
      personal: usage ? { planName: usage.planName, advice: personalAdvice(usage, offer) } : null,
      error,
      meUrl: app.config.MAIL_LOGIN_KEY ? `${facts.baseUrl}/me` : null,
    });
    return reply
      .code(error ? 400 : 200)
      .type('text/html; charset=utf-8')
      // Live numbers: browsers revalidate; a personalised page is never stored by a shared cache.
      .header('cache-control', address ? 'private, no-store' : 'no-cache')
      .send(html);
  });

  app.get('/help/help.css', {
    config: publicConfig,
    schema: { tags, summary: 'Stylesheet of the help page', response: { 200: Document('text/css'), ...limiterErrors } },
  }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));
};

export default helpRoutes;
