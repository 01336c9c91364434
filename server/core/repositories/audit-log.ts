// The audit writer: every mutating API call and every job that changes state writes one audit event: who, when,
// what, before and after. Snapshots pass through redactSecrets so no password hash or token is ever stored.
// Shared by the API (decorated as app.audit by server/plugins/app/audit.ts) and the workers.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import { redactSecrets } from '../domain/redact.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Who acts: a request (its staff member and id) or null for the system (jobs, schedulers). */
export type AuditContext = { staff: { id: number; email: string } | null; id?: string } | null;

export function createAuditLog(prisma: DbOrTx) {
  const toJson = (v: unknown) => (v === undefined || v === null ? undefined : (redactSecrets(v) as Prisma.InputJsonValue));
  return {
    /** Record an action taken by the staff member behind `ctx` (or the system when none). */
    async record(ctx: AuditContext, entry: AuditEntry, tx: DbOrTx = prisma): Promise<void> {
      const staff = ctx?.staff ?? null;
      await tx.auditEvent.create({
        data: {
          actorType: staff ? 'staff' : 'system',
          actorId: staff?.id ?? null,
          actorEmail: staff?.email ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
          before: toJson(entry.before),
          after: toJson(entry.after),
          reqId: ctx?.id ?? null,
        },
      });
    },
    /** Many events by one actor, one INSERT of arrays: a directory sync applies up to 100,000 changes in a run, and
     *  Prisma's createMany spends ~0.5 s of CPU per 1,000 rows with JSON snapshots (measured), plain SQL ~0.03 s. */
    async recordMany(ctx: AuditContext, entries: AuditEntry[], tx: DbOrTx = prisma): Promise<void> {
      if (!entries.length) return;
      const staff = ctx?.staff ?? null;
      const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(redactSecrets(v)));
      await tx.$executeRaw`
        INSERT INTO audit_events (actor_type, actor_id, actor_email, action, entity_type, entity_id, before, after, req_id)
        SELECT ${staff ? 'staff' : 'system'}::"ActorType", ${staff?.id ?? null}::int, ${staff?.email ?? null}::text, u.action, u.entity_type, u.entity_id,
               u.before::jsonb, u.after::jsonb, ${ctx?.id ?? null}::text
        FROM unnest(${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.entityType)}::text[],
                    ${entries.map((e) => (e.entityId === undefined || e.entityId === null ? null : String(e.entityId)))}::text[],
                    ${entries.map((e) => json(e.before))}::text[], ${entries.map((e) => json(e.after))}::text[]) WITH ORDINALITY AS u(action, entity_type, entity_id, before, after, n)
        ORDER BY u.n`;
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
