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
    /** Many events by one actor in one INSERT: a directory sync applies up to 100,000 changes in a run. */
    async recordMany(ctx: AuditContext, entries: AuditEntry[], tx: DbOrTx = prisma): Promise<void> {
      if (!entries.length) return;
      const staff = ctx?.staff ?? null;
      await tx.auditEvent.createMany({
        data: entries.map((entry) => ({
          actorType: staff ? 'staff' as const : 'system' as const,
          actorId: staff?.id ?? null,
          actorEmail: staff?.email ?? null,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
          before: toJson(entry.before),
          after: toJson(entry.after),
          reqId: ctx?.id ?? null,
        })),
      });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
