// GET /download: one export, streamed from IMAP to the response (#20). Who and which mailbox come from access.ts;
// the query says what (days=7|30 or folder=…, for a signed-in user; nothing for a link, which is fixed), the received
// dates (from inclusive, to exclusive: an interrupted download is asked again from the last message's date) and
// the format. The selection (metadata only) is made before the first byte goes out, so a bad folder or an IMAP
// server that is down gets a status code; after that the bytes flow as the client takes them. Audited twice without
// content: when it starts (what was selected) and when the response ends (what went out, whole or not).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../core/config.ts';
import type { Db } from '../core/lib/prisma.ts';
import { GRANT_HEADER, type ExportTokens } from '../core/lib/export-tokens.ts';
import { createAuditLog } from '../core/repositories/audit-log.ts';
import { firstActiveHold } from '../core/repositories/legal-holds.ts';
import { loadMailboxPolicy } from '../core/services/retention.ts';
import { openMailboxSession } from '../core/imap/connect.ts';
import { selectForExport } from '../core/imap/export/select-messages.ts';
import { streamMessages, type StreamStats } from '../core/imap/export/stream-messages.ts';
import { EXPIRING_DAYS, exportFileName, parseRangeDate, type ExportFormat, type ExportRange, type ExportScope } from '../core/domain/export/request.ts';
import { resolveAccess } from './access.ts';
import { CONTENT_TYPES, exportStream, type Written } from './writers.ts';

const DAY_MS = 86_400_000;
/** An IMAP session waiting on a slow download is not idle for the server's sake: 30 min before it is given up. */
const IMAP_IDLE_MS = 30 * 60_000;
/** Downloads of one mailbox at once: a retry while the first still runs is fine, a loop opening sessions is not. */
const PER_MAILBOX = 2;

export const DownloadQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('mbox'), Type.Literal('zip')])),
  days: Type.Optional(Type.Integer({ description: 'What expires within this many days: 7 or 30' })),
  folder: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Received on or after (YYYY-MM-DD or ISO date-time)' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Received before (YYYY-MM-DD or ISO date-time)' })),
  t: Type.Optional(Type.String({ maxLength: 2000, description: 'A pre-expiry notice\'s download link' })),
}, { additionalProperties: false });
type Query = Static<typeof DownloadQuery>;

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

  app.get('/download', { schema: { querystring: DownloadQuery } }, async (request, reply) => {
    const q = request.query as Query;
    const grant = request.headers[GRANT_HEADER];
    // One way in per request: a signed-in user's request carrying a link as well is not guessed at.
    if (grant !== undefined && q.t !== undefined) throw new BadRequest('t: a download link is used without signing in; open it on its own');
    const access = await resolveAccess(prisma, tokens, grant, q.t);
    let scope: ExportScope;
    const now = new Date();
    if (access.via === 'link') {
      if (q.days !== undefined || q.folder !== undefined) throw new BadRequest(`${q.days !== undefined ? 'days' : 'folder'}: a download link takes only the mail it was sent for`);
      scope = { kind: 'expiring', by: access.linkUntil! };
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
    await audit.record({ staff: null, id: request.id }, { action: 'self_service.export_started', entityType: 'mailbox', entityId: access.mailboxId, after: { ...what, count: items.length, bytes: selectedBytes } });

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
        await audit.record({ staff: null, id: request.id }, {
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
  });
};

export default downloadRoute;
