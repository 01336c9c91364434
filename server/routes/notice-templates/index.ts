// Notice templates (docs/notifications.md, "What they look like"): every staff role reads them and previews a draft;
// admin and ops save or reset one. A draft with an unknown {{placeholder}} or active HTML is refused with a 400
// naming the field; every save and reset is audited with the template before and after.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable, DateTime, authErrors } from '../../schemas/common.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { render, templateData } from '../../core/domain/templates.ts';
import { sampleFacts, TEMPLATE_LIMITS } from '../../core/domain/template-rules.ts';
import { actorOf } from '../../http/actor.ts';
import { checkedDraft, createNoticeTemplateService, TEMPLATE_KINDS } from '../../services/notice-templates.ts';

const KINDS = TEMPLATE_KINDS;

const KindParams = Type.Object({ kind: Type.Enum([...KINDS]) });

const TemplateSchema = Type.Object({
  id: Type.String({ description: 'The kind (react-admin needs an id)' }),
  kind: Type.Enum([...KINDS]),
  subject: Type.String(),
  text: Type.String(),
  html: Nullable(Type.String({ description: 'Optional HTML part; without it the HTML part is the text, escaped, in paragraphs' })),
  isDefault: Type.Boolean({ description: 'No edited version is stored: the built-in default applies' }),
  updatedAt: Nullable(DateTime),
  updatedBy: Nullable(Type.String()),
  placeholders: Type.Array(Type.String(), { description: 'The placeholders a template may use' }),
});

const DraftSchema = Type.Object(
  {
    subject: Type.String({ maxLength: TEMPLATE_LIMITS.subject }),
    text: Type.String({ maxLength: TEMPLATE_LIMITS.text }),
    html: Type.Optional(Nullable(Type.String({ maxLength: TEMPLATE_LIMITS.html }))),
  },
  { additionalProperties: false },
);
const SaveSchema = Type.Object(
  { ...DraftSchema.properties, reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why it changed (kept in the audit log)' })) },
  { additionalProperties: false },
);

const PreviewSchema = Type.Object({
  subject: Type.String(), text: Type.String(), html: Type.String({ description: 'Render it sandboxed (no scripts): it is an email body' }),
  sample: Type.Record(Type.String(), Type.String(), { description: 'The made-up values the preview used' }),
});

const noticeTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['notifications'];
  const templates = createNoticeTemplateService(app.prisma, app.audit);

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Every notice template (edited or default), one per kind', response: { 200: Type.Array(TemplateSchema), ...authErrors } },
  }, async (_request, reply) => {
    const all = await templates.list();
    reply.header('Content-Range', `notice-templates 0-${all.length - 1}/${all.length}`);
    return all;
  });

  app.get('/:kind', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: KindParams, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => templates.get(request.params.kind));

  app.put('/:kind', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Save an edited template (every later notice of this kind uses it)', params: KindParams, body: SaveSchema, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => templates.save(actorOf(request), request.params.kind, request.body));

  app.delete('/:kind', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Go back to the built-in default template', params: KindParams, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => templates.reset(actorOf(request), request.params.kind));

  app.post('/:kind/preview', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Render a draft with made-up values, as a notice of this kind would be (nothing is saved or sent)', params: KindParams, body: DraftSchema, response: { 200: PreviewSchema, ...authErrors } },
  }, async (request) => {
    const draft = checkedDraft(request.body);
    const sample = templateData(sampleFacts(request.params.kind), `${app.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/help?email=alex%40example.org`);
    return { ...render(draft, sample), sample: sample as Record<string, string> };
  });
};

export default noticeTemplateRoutes;
