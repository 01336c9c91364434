// Guidance articles: Markdown with {{placeholders}}, shown on the public /help page per client and protocol.
// Every staff role reads; admin and ops write. Stored as written; sanitized whenever rendered.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { ArticleCreateSchema, ArticleSchema, ArticleUpdateSchema } from '../../schemas/guidance.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { ARTICLE_CLIENTS, ARTICLE_PROTOCOLS } from '../../core/domain/guidance/types.ts';
import { createGuidanceArticleRepository, type ArticleFilter } from '../../core/repositories/guidance-articles.ts';
import { createMailSettingsRepository } from '../../core/repositories/mail-settings.ts';
import { actorOf } from '../../http/actor.ts';
import { sendList } from '../../http/list-reply.ts';
import { createGuidanceArticleService } from '../../services/guidance-articles.ts';

const listSpec = {
  sortable: ['id', 'position', 'slug', 'title', 'protocol', 'client', 'updatedAt'],
  defaultSort: ['position', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): ArticleFilter => ({
    q: filterValue.string(raw, 'q'),
    protocol: filterValue.oneOf(raw, 'protocol', ARTICLE_PROTOCOLS),
    client: filterValue.oneOf(raw, 'client', ARTICLE_CLIENTS),
    ids: filterValue.ids(raw),
  }),
};

const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const articles = createGuidanceArticleRepository(app.prisma);
  const settings = createMailSettingsRepository(app.prisma);
  const service = createGuidanceArticleService(app.prisma, app.audit, () => settings.get());
  const tags = ['guidance'];
  const mutationErrors = { 404: ErrorSchema, 409: ErrorSchema, ...authErrors };

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List guidance articles', querystring: ListQuerystring, response: { 200: Type.Array(ArticleSchema), ...authErrors } },
  }, async (request, reply) => {
    await settings.get(); // a fresh install shows the starter articles, not an empty list
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await articles.list(query);
    return sendList(reply, 'guidance-articles', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: ArticleSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const article = await articles.findById(request.params.id);
    if (!article) throw new NotFoundError('Article', request.params.id);
    return article;
  });

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Create a guidance article', body: ArticleCreateSchema, response: { 201: ArticleSchema, ...mutationErrors } },
  }, async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body)));

  app.put('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Update a guidance article', params: IdParams, body: ArticleUpdateSchema, response: { 200: ArticleSchema, ...mutationErrors } },
  }, async (request) => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...changes } = request.body;
    return service.update(actorOf(request), request.params.id, changes);
  });

  app.delete('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Delete a guidance article', params: IdParams, response: { 200: ArticleSchema, ...mutationErrors } },
  }, async (request) => service.remove(actorOf(request), request.params.id));
};

export default articleRoutes;
