// Notice templates as stored: one row per kind that staff edited; a kind without a row uses the default in
// server/core/domain/templates.ts. Plain async methods, null for "no row".
import type { DbOrTx } from '../lib/prisma.ts';
import type { Template, TemplateKind } from '../domain/templates.ts';

const select = { kind: true, subject: true, text: true, html: true, updatedAt: true, updatedBy: true } as const;

export function createNotificationTemplateRepository(db: DbOrTx) {
  return {
    list: () => db.notificationTemplate.findMany({ select }),
    find: (kind: TemplateKind) => db.notificationTemplate.findUnique({ where: { kind }, select }),
    save: (kind: TemplateKind, t: Template, updatedBy: string) => db.notificationTemplate.upsert({
      where: { kind },
      create: { kind, subject: t.subject, text: t.text, html: t.html ?? null, updatedBy },
      update: { subject: t.subject, text: t.text, html: t.html ?? null, updatedBy },
      select,
    }),
    /** Back to the default: false when there was no edited row. */
    async remove(kind: TemplateKind): Promise<boolean> {
      return (await db.notificationTemplate.deleteMany({ where: { kind } })).count === 1;
    },
  };
}
