// Outlook autodiscover: POST /autodiscover/autodiscover.xml (and the /Autodiscover/Autodiscover.xml casing Outlook
// also uses; routes are case-sensitive). Small bodies only, read as text whatever the Content-Type, parsed with
// no DTD or entity support (domain/guidance/autodiscover.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { randomInt } from 'node:crypto';
import { AutodiscoverError, buildAutodiscoverError, buildAutodiscoverResponse, parseAutodiscoverRequest } from '../../core/domain/guidance/autodiscover.ts';
import { createMailSettingsRepository } from '../../core/repositories/mail-settings.ts';
import { limiterErrors, publicConfig, tags } from './common.ts';

/** A real 2006 request is ~400 bytes; 8 KiB leaves room for whitespace and comments, nothing for abuse. */
export const AUTODISCOVER_BODY_LIMIT = 8 * 1024;

const autodiscoverRoutes: FastifyPluginAsync = async (app) => {
  const settings = createMailSettingsRepository(app.prisma);
  // This plugin's scope only: every body is a string here (clients send text/xml, application/xml or nothing useful).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  async function handler(request: FastifyRequest, reply: FastifyReply) {
    reply.type('text/xml; charset=utf-8').header('cache-control', 'no-store');
    try {
      const address = parseAutodiscoverRequest(request.body);
      return reply.send(buildAutodiscoverResponse(await settings.get(), address));
    } catch (err) {
      if (!(err instanceof AutodiscoverError)) throw err;
      const id = randomInt(2 ** 31 - 1);
      request.log.info({ code: err.code, autodiscoverErrorId: id }, 'autodiscover request refused');
      // The documented error document, with a 4xx status so HTTP tooling and monitoring see a refusal too.
      return reply.code(400).send(buildAutodiscoverError(err, new Date(), id));
    }
  }

  for (const url of ['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml']) {
    app.post(url, {
      config: publicConfig,
      bodyLimit: AUTODISCOVER_BODY_LIMIT,
      schema: { tags, summary: 'Outlook POX autodiscover (2006 request -> 2006a response; malformed -> 400 with ErrorCode 600)', response: limiterErrors },
    }, handler);
  }
};

export default autodiscoverRoutes;
