// Requests for more space (#20): a signed-in mail user files one from /me; help desk approves or refuses it. Approving
// grants a temporary increase through the one existing path (services/temporary-increases.ts: the limit, and so
// Dovecot's, changes in its transaction, with its audit and follow-ups). The user gets a notice either way.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import type { Queues } from '../core/queues/registry.ts';
import { createSpaceRequestRepository, type SpaceRequestFilter } from '../core/repositories/space-requests.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import { enqueueNotifications, planFor, recipients } from '../core/services/quota-notices.ts';
import { usagePercent } from '../core/services/mailbox-limits.ts';
import { toNumber } from '../core/lib/bigint.ts';
import type { createTemporaryIncreaseService } from './temporary-increases.ts';
import type { StaffActor } from './actor.ts';

const DAY_MS = 86_400_000;
/** As far ahead as a temporary increase may run (services/temporary-increases.ts). */
const MAX_DAYS = 366;
/** A user with this many requests waiting files no more until help desk answers one. */
export const MAX_PENDING = 3;

export interface SpaceRequestInput { extraBytes: number; reason: string; until: Date }

export function createSpaceRequestService(db: Db, audit: AuditLog, notify: Queues['notify'], increases: ReturnType<typeof createTemporaryIncreaseService>) {
  const repo = createSpaceRequestRepository(db);

  function checkUntil(until: Date, field: string, now = Date.now()) {
    if (!(until.getTime() > now)) throw new InvalidInputError(field, 'must be in the future');
    if (until.getTime() > now + MAX_DAYS * DAY_MS) throw new InvalidInputError(field, `must be within ${MAX_DAYS} days`);
  }

  /** The notice of the decision, recorded once per request and sent by the notify worker. */
  async function tellUser(requestId: number, kind: 'space_request_approved' | 'space_request_refused', until: Date) {
    const ids = await db.$transaction(async (tx) => {
      const request = await tx.spaceRequest.findUniqueOrThrow({ where: { id: requestId }, include: { mailbox: true } });
      const { mailbox } = request;
      const used = toNumber(mailbox.usedBytes);
      const limit = toNumber(mailbox.effectiveLimitBytes);
      const created = await tx.notification.createManyAndReturn({
        data: [{
          mailboxId: mailbox.id, kind, dedupeKey: `space-request:${requestId}`, ...recipients(mailbox, await planFor(tx, mailbox)),
          data: { name: mailbox.displayName, address: mailbox.address, usedBytes: used, limitBytes: limit, percent: usagePercent(used, limit), expiresAt: until.toISOString() },
        }],
        skipDuplicates: true,
        select: { id: true },
      });
      return created.map((c) => c.id);
    });
    await enqueueNotifications(notify, ids);
  }

  return {
    list: (query: ListQuery<SpaceRequestFilter>) => repo.list(query),

    async get(id: number) {
      const row = await repo.findById(id);
      if (!row) throw new NotFoundError('Space request', id);
      return row;
    },

    /** Filed by the signed-in user of `mailboxId` (the caller takes it from the session, never from input). */
    async file(mailboxId: number, input: SpaceRequestInput, reqId: string) {
      checkUntil(input.until, 'body.until');
      if ((await repo.countPending(mailboxId)) >= MAX_PENDING) throw new ConflictError(`You already have ${MAX_PENDING} requests waiting for an answer`);
      const row = await repo.create({ mailboxId, ...input });
      await audit.record({ staff: null, id: reqId }, { action: 'self_service.space_requested', entityType: 'space_request', entityId: row.id, after: row });
      return row;
    },

    /** Grants a temporary increase of the requested size until the requested date (or what staff set instead). */
    async approve(actor: StaffActor, id: number, opts: { extraBytes?: number; until?: string; note?: string | null }) {
      const request = await this.get(id);
      const until = opts.until ? new Date(opts.until) : request.until;
      checkUntil(until, opts.until ? 'body.until' : 'until (the requested date; send body.until to grant another)');
      const extraBytes = opts.extraBytes ?? request.extraBytes;
      if (!(await repo.decide(id, { status: 'approved', decidedBy: actor.staff.email, decisionNote: opts.note ?? null, at: new Date() }))) {
        throw new ConflictError(`This request has already been ${(await repo.findById(id))?.status ?? 'decided'}`);
      }
      let increase;
      try {
        increase = await increases.grant(actor, { mailboxId: request.mailboxId, extraBytes, expiresAt: until.toISOString(), reason: `Space request #${id}: ${request.reason}`.slice(0, 500) });
      } catch (err) {
        // Nothing was granted: the request waits again.
        await db.spaceRequest.updateMany({ where: { id, status: 'approved', increaseId: null }, data: { status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null } });
        throw err;
      }
      await repo.linkIncrease(id, increase.id);
      await audit.record(actor, { action: 'space_request.approved', entityType: 'space_request', entityId: id, before: request, after: { status: 'approved', increaseId: increase.id, extraBytes, until } });
      await tellUser(id, 'space_request_approved', until);
      return this.get(id);
    },

    async refuse(actor: StaffActor, id: number, note: string) {
      const request = await this.get(id);
      if (!(await repo.decide(id, { status: 'refused', decidedBy: actor.staff.email, decisionNote: note, at: new Date() }))) {
        throw new ConflictError(`This request has already been ${(await repo.findById(id))?.status ?? 'decided'}`);
      }
      await audit.record(actor, { action: 'space_request.refused', entityType: 'space_request', entityId: id, before: request, after: { status: 'refused', note } });
      await tellUser(id, 'space_request_refused', request.until);
      return this.get(id);
    },
  };
}
