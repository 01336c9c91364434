// Read side of the audit log (writes go through audit-log.ts).
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';

export interface AuditFilter {
  q?: string;
  actorType?: 'staff' | 'system';
  actorEmail?: string;
  entityType?: string;
  entityId?: string;
  /** Exact action, or a prefix when it ends with `*` ("mailbox.*"). */
  action?: string;
  from?: Date;
  to?: Date;
}

/** staffEvents: whether events about staff accounts are visible (admins only). */
export interface Visibility { staffEvents: boolean }

type AuditRow = NonNullable<Awaited<ReturnType<DbOrTx['auditEvent']['findUnique']>>>;

function toApi(e: AuditRow) {
  return { ...e, id: Number(e.id) };
}

/** Events about staff accounts (logins, roles, MFA, sessions): for admins only, like the staff list itself. */
const STAFF_EVENTS = [{ entityType: 'staff' }, { action: { startsWith: 'staff.' } }];

export function createAuditEventRepository(prisma: DbOrTx) {
  const where = (f: AuditFilter, opts: Visibility) => ({
    ...(opts.staffEvents ? {} : { NOT: STAFF_EVENTS }),
    ...(f.actorType ? { actorType: f.actorType } : {}),
    ...(f.actorEmail ? { actorEmail: f.actorEmail.toLowerCase() } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.action ? { action: f.action.endsWith('*') ? { startsWith: f.action.slice(0, -1) } : f.action } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
    ...(f.q
      ? { OR: [{ action: { contains: f.q } }, { actorEmail: { contains: f.q, mode: 'insensitive' as const } }, { entityId: f.q }] }
      : {}),
  });

  return {
    async list(query: ListQuery<AuditFilter>, opts: Visibility) {
      const [rows, total] = await Promise.all([
        prisma.auditEvent.findMany({ where: where(query.filter, opts), orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        prisma.auditEvent.count({ where: where(query.filter, opts) }),
      ]);
      return { rows: rows.map(toApi), total };
    },
    async findById(id: number, opts: Visibility) {
      const row = await prisma.auditEvent.findFirst({ where: { id: BigInt(id), ...where({}, opts) } });
      return row ? toApi(row) : null;
    },
  };
}
