// The two download routes, each one export streamed from IMAP to the response (#20), served by the export service
// itself (the front routes these two paths here, so no export byte passes through the API):
//  - GET /me/export/download: a signed-in /me user (the session cookie); the query says what (days=7|30 or folder=…).
//  - GET /me/export/link/download: a pre-expiry notice's link `t`, which fixes the mailbox and the mail (no folder,
//    no other window); the cookie is not looked at.
// Who and which mailbox come from access.ts. Both take the received dates (from inclusive, to exclusive: an
// interrupted download is asked again from the last message's date) and the format. The selection (metadata only)
// is made before the first byte goes out, so a bad folder or an IMAP server that is down gets a status code; after
// that the bytes flow as the client takes them. Audited twice without content: when it starts (what was selected)
// and when the response ends (what went out, whole or not).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../core/config.ts';
import type { Db } from '../core/lib/prisma.ts';
import type { ExportTokens } from '../core/lib/export-tokens.ts';
import { MAIL_USER_COOKIE } from '../core/repositories/mail-user-sessions.ts';
import { createAuditLog } from '../core/repositories/audit-log.ts';
import { firstActiveHold } from '../core/repositories/legal-holds.ts';
import { loadMailboxPolicy } from '../core/services/retention.ts';
import { openMailboxSession } from '../core/imap/connect.ts';
import { selectForExport } from '../core/imap/export/select-messages.ts';
import { streamMessages, type StreamStats } from '../core/imap/export/stream-messages.ts';
import { EXPIRING_DAYS, exportFileName, parseRangeDate, type ExportFormat, type ExportRange, type ExportScope } from '../core/domain/export/request.ts';
import { resolveAccess, type Access } from './access.ts';
import { CONTENT_TYPES, exportStream, type Written } from './writers.ts';

const DAY_MS = 86_400_000;
/** An IMAP session waiting on a slow download is not idle for the server's sake: 30 min before it is given up. */
const IMAP_IDLE_MS = 30 * 60_000;
/** Downloads of one mailbox at once: a retry while the first still runs is fine, a loop opening sessions is not. */
const PER_MAILBOX = 2;

const common = {
  format: Type.Optional(Type.Union([Type.Literal('mbox'), Type.Literal('zip')])),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Received on or after (YYYY-MM-DD or ISO date-time)' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Received before (YYYY-MM-DD or ISO date-time)' })),
};
// Unknown parameters are refused, naming them (app.ts): a `t` on the session's route or a `folder` on the link's is
// not guessed at, and nothing like a mailbox id or address is a parameter anywhere.
export const SessionQuery = Type.Object({
  ...common,
  days: Type.Optional(Type.Integer({ description: 'What expires within this many days: 7 or 30' })),
  folder: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
}, { additionalProperties: false });
export const LinkQuery = Type.Object({
  ...common,
  t: Type.String({ maxLength: 2000, description: 'A pre-expiry notice\'s download link' }),
}, { additionalProperties: false });
type Query = Static<typeof SessionQuery> & Partial<Static<typeof LinkQuery>>;

export class BadRequest extends Error {
  readonly statusCode = 400;
}
export class Busy extends Error {
  readonly statusCode = 429;
}

function rangeOf(q: Query): ExportRange {
  const read = (field: 'from' | 'to') => {
    // An empty field is a form's date input left blank: no bound.
    if (q[field] === undefined || q[field] === '') return null;
    const d = parseRangeDate(q[field]!);
    if (!d) throw new BadRequest(`${field} must be a date (YYYY-MM-DD) or an ISO date-time`);
    return d;
  };
  const range = { from: read('from'), to: read('to') };
  if (range.from && range.to && range.from >= range.to) throw new BadRequest('to must be after from');
  return range;
}

export interface DownloadDeps { config: WorkerConfig; prisma: Db; tokens: ExportTokens; logger: Logger }

const downloadRoute: FastifyPluginAsync<DownloadDeps> = async (app, { config, prisma, tokens, logger }) => {
  const audit = createAuditLog(prisma);
  let running = 0;
  const perMailbox = new Map<number, number>();

  app.get('/me/export/download', { schema: { querystring: SessionQuery } }, async (request, reply) => {
    const access = await resolveAccess(prisma, tokens, { session: request.cookies[MAIL_USER_COOKIE] || undefined, idleMinutes: config.SESSION_IDLE_MINUTES });
    return run(request.query as Query, access, reply, request.id);
  });
  // A link's download is a rarer, unauthenticated way in: limited per client address on top of the concurrency limits.
  app.get('/me/export/link/download', { schema: { querystring: LinkQuery }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const q = request.query as Query;
    const access = await resolveAccess(prisma, tokens, { link: q.t });
    return run(q, access, reply, request.id);
  });

  async function run(q: Query, access: Access, reply: FastifyReply, requestId: string) {
    let scope: ExportScope;
    const now = new Date();
    if (access.via === 'link') {
      scope = { kind: 'expiring', by: access.linkUntil! }; // its route takes no days or folder
    } else {
      if ((q.days === undefined) === (q.folder === undefined)) throw new BadRequest('days or folder: choose one of them');
      if (q.days !== undefined && !(EXPIRING_DAYS as readonly number[]).includes(q.days)) throw new BadRequest(`days must be one of ${EXPIRING_DAYS.join(', ')}`);
      scope = q.days !== undefined ? { kind: 'expiring', by: new Date(now.getTime() + q.days * DAY_MS) } : { kind: 'folder', path: q.folder! };
    }
    const range = rangeOf(q);
    const format: ExportFormat = q.format ?? 'mbox';
    if (running >= config.EXPORT_CONCURRENCY) throw new Busy('Many downloads are running: please try again in a few minutes');
    if ((perMailbox.get(access.mailboxId) ?? 0) >= PER_MAILBOX) throw new Busy('A download of this mailbox is already running: let it finish first');

    running++;
    perMailbox.set(access.mailboxId, (perMailbox.get(access.mailboxId) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running--;
      const left = (perMailbox.get(access.mailboxId) ?? 1) - 1;
      if (left) perMailbox.set(access.mailboxId, left);
      else perMailbox.delete(access.mailboxId);
    };

    let client: Awaited<ReturnType<typeof openMailboxSession>> | undefined;
    let items;
    try {
      // Nothing expires under a legal hold (as the /me page shows), so an expiring export is empty then.
      const rules = scope.kind === 'expiring' && !(await firstActiveHold(prisma, access.mailboxId, now))
        ? (await loadMailboxPolicy(prisma, access)).rules : [];
      client = await openMailboxSession(config, access.imapLogin, logger, { idleTimeoutMs: IMAP_IDLE_MS });
      items = await selectForExport(client, scope, range, rules);
    } catch (err) {
      await client?.logout().catch(() => client?.close());
      release();
      throw err;
    }

    const what = {
      address: access.address, via: access.via, format,
      scope: scope.kind === 'expiring' ? { expiringBy: scope.by.toISOString() } : { folder: scope.path },
      from: range.from?.toISOString() ?? null, to: range.to?.toISOString() ?? null,
      folders: [...new Set(items.map((i) => i.folder))],
    };
    const selectedBytes = items.reduce((n, i) => n + i.size, 0);
    await audit.record({ staff: null, id: requestId }, { action: 'self_service.export_started', entityType: 'mailbox', entityId: access.mailboxId, after: { ...what, count: items.length, bytes: selectedBytes } });

    const written: Written = { count: 0, bytes: 0 };
    const stats: StreamStats = { missing: 0 };
    const session = client!;
    const body = exportStream(format, streamMessages(session, items, stats), written);
    let ended = false;
    body.once('end', () => { ended = true; });
    body.once('error', (err) => logger.warn({ err: err.message, mailboxId: access.mailboxId }, 'export stopped by an error'));
    reply.raw.once('close', () => {
      const complete = ended && reply.raw.writableFinished;
      void (async () => {
        await session.logout().catch(() => session.close());
        release();
        await audit.record({ staff: null, id: requestId }, {
          action: 'self_service.export', entityType: 'mailbox', entityId: access.mailboxId,
          after: { ...what, count: written.count, bytes: written.bytes, missing: stats.missing, complete },
        }).catch((err: Error) => logger.error({ err: err.message, mailboxId: access.mailboxId }, 'export audit not written'));
      })();
    });

    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${exportFileName(access.address, scope, range, format)}"`)
      .header('cache-control', 'private, no-store')
      .header('x-mailwarden-export-messages', String(items.length))
      .header('x-mailwarden-export-bytes', String(selectedBytes))
      .send(body);
  }
};

export default downloadRoute;
