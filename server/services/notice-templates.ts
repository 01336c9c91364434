// Notice templates for the API: each kind's edited template or its built-in default, as the console shows it; a save
// or a reset is written with its audit event (the template before and after) in one transaction. A draft with an
// unknown {{placeholder}} or active HTML is refused with a 400 naming the field before anything is written.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { InvalidInputError } from '../core/domain/errors.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, type Template, type TemplateKind } from '../core/domain/templates.ts';
import { templateProblems } from '../core/domain/template-rules.ts';
import { createNotificationTemplateRepository } from '../core/repositories/notification-templates.ts';
import type { StaffActor } from './actor.ts';

export const TEMPLATE_KINDS = Object.keys(DEFAULT_TEMPLATES) as TemplateKind[];

type Row = { kind: TemplateKind; subject: string; text: string; html: string | null; updatedAt: Date; updatedBy: string | null } | null;

/** The template in force for a kind: the stored edit, or the built-in default. */
export function templateView(kind: TemplateKind, row: Row) {
  const t = row ?? DEFAULT_TEMPLATES[kind];
  return {
    id: kind, kind, subject: t.subject, text: t.text, html: t.html ?? null, isDefault: row === null,
    updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null, placeholders: [...PLACEHOLDERS],
  };
}

/** Refuses a draft with a 400 naming its first problem's field (body.subject, body.text, body.html). */
export function checkedDraft(draft: Template): Template {
  const [problem] = templateProblems(draft);
  if (problem) throw new InvalidInputError(`body.${problem.field}`, problem.message);
  return { subject: draft.subject, text: draft.text, html: draft.html?.trim() ? draft.html : null };
}

export function createNoticeTemplateService(db: Db, audit: AuditLog) {
  const templates = createNotificationTemplateRepository(db);
  return {
    async list() {
      const rows = new Map((await templates.list()).map((r) => [r.kind as TemplateKind, r]));
      return TEMPLATE_KINDS.map((kind) => templateView(kind, (rows.get(kind) ?? null) as Row));
    },

    get: async (kind: TemplateKind) => templateView(kind, (await templates.find(kind)) as Row),

    async save(actor: StaffActor, kind: TemplateKind, input: Template & { reason?: string }) {
      const draft = checkedDraft(input);
      const reason = input.reason?.trim();
      return db.$transaction(async (tx) => {
        const repo = createNotificationTemplateRepository(tx);
        const before = templateView(kind, (await repo.find(kind)) as Row);
        const saved = await repo.save(kind, draft, actor.staff.email);
        await audit.record(actor, {
          action: 'notice_template.update', entityType: 'notice_template', entityId: kind,
          before: { subject: before.subject, text: before.text, html: before.html, isDefault: before.isDefault },
          after: { subject: saved.subject, text: saved.text, html: saved.html, ...(reason ? { reason } : {}) },
        }, tx);
        return templateView(kind, saved as Row);
      });
    },

    /** Back to the built-in default; audited only when an edit was stored. */
    async reset(actor: StaffActor, kind: TemplateKind) {
      return db.$transaction(async (tx) => {
        const repo = createNotificationTemplateRepository(tx);
        const before = await repo.find(kind);
        if (await repo.remove(kind)) {
          await audit.record(actor, { action: 'notice_template.reset', entityType: 'notice_template', entityId: kind, before: { subject: before!.subject, text: before!.text, html: before!.html } }, tx);
        }
        return templateView(kind, null);
      });
    },
  };
}
