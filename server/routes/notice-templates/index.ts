// Notice templates (docs/notifications.md, "What they look like"): every staff role reads them and previews a draft;
// admin and ops save or reset one. A draft with an unknown {{placeholder}} or active HTML is refused with a 400
// naming the field; every save and reset is audited with the template before and after.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable, DateTime, authErrors } from '../../schemas/common.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { InvalidInputError } from '../../core/domain/errors.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, render, templateData, type Template, type TemplateKind } from '../../core/domain/templates.ts';
import { sampleFacts, templateProblems, TEMPLATE_LIMITS } from '../../core/domain/template-rules.ts';
import { createNotificationTemplateRepository } from '../../core/repositories/notification-templates.ts';

const KINDS = Object.keys(DEFAULT_TEMPLATES) as TemplateKind[];

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

type Row = { kind: TemplateKind; subject: string; text: string; html: string | null; updatedAt: Date; updatedBy: string | null } | null;

function view(kind: TemplateKind, row: Row) {
  const t = row ?? DEFAULT_TEMPLATES[kind];
  return {
    id: kind, kind, subject: t.subject, text: t.text, html: t.html ?? null, isDefault: row === null,
    updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null, placeholders: [...PLACEHOLDERS],
  };
}

/** Refuses a draft with a 400 naming its first problem's field (body.subject, body.text, body.html). */
function checked(draft: Template): Template {
  const [problem] = templateProblems(draft);
  if (problem) throw new InvalidInputError(`body.${problem.field}`, problem.message);
  return { subject: draft.subject, text: draft.text, html: draft.html?.trim() ? draft.html : null };
}

const noticeTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['notifications'];
  const templates = createNotificationTemplateRepository(app.prisma);

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Every notice template (edited or default), one per kind', response: { 200: Type.Array(TemplateSchema), ...authErrors } },
  }, async (_request, reply) => {
    const rows = new Map((await templates.list()).map((r) => [r.kind as TemplateKind, r]));
    const all = KINDS.map((kind) => view(kind, rows.get(kind) ?? null));
    reply.header('Content-Range', `notice-templates 0-${all.length - 1}/${all.length}`);
    return all;
  });

  app.get('/:kind', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: KindParams, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => view(request.params.kind, await templates.find(request.params.kind)));

  app.put('/:kind', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Save an edited template (every later notice of this kind uses it)', params: KindParams, body: SaveSchema, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => {
    const { kind } = request.params;
    const draft = checked(request.body);
    const reason = request.body.reason?.trim();
    return app.prisma.$transaction(async (tx) => {
      const repo = createNotificationTemplateRepository(tx);
      const before = view(kind, await repo.find(kind));
      const saved = await repo.save(kind, draft, request.staff!.email);
      await app.audit.record(request, {
        action: 'notice_template.update', entityType: 'notice_template', entityId: kind,
        before: { subject: before.subject, text: before.text, html: before.html, isDefault: before.isDefault },
        after: { subject: saved.subject, text: saved.text, html: saved.html, ...(reason ? { reason } : {}) },
      }, tx);
      return view(kind, saved as Row);
    });
  });

  app.delete('/:kind', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Go back to the built-in default template', params: KindParams, response: { 200: TemplateSchema, ...authErrors } },
  }, async (request) => {
    const { kind } = request.params;
    return app.prisma.$transaction(async (tx) => {
      const repo = createNotificationTemplateRepository(tx);
      const before = await repo.find(kind);
      if (await repo.remove(kind)) {
        await app.audit.record(request, { action: 'notice_template.reset', entityType: 'notice_template', entityId: kind, before: { subject: before!.subject, text: before!.text, html: before!.html } }, tx);
      }
      return view(kind, null);
    });
  });

  app.post('/:kind/preview', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Render a draft with made-up values, as a notice of this kind would be (nothing is saved or sent)', params: KindParams, body: DraftSchema, response: { 200: PreviewSchema, ...authErrors } },
  }, async (request) => {
    const draft = checked(request.body);
    const sample = templateData(sampleFacts(request.params.kind), `${app.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/help?email=alex%40example.org`);
    return { ...render(draft, sample), sample: sample as Record<string, string> };
  });
};

export default noticeTemplateRoutes;
