// Live usage (LIVE_USAGE=quota-clone, docs/operations.md "Live usage"): Dovecot's quota_clone plugin writes each user's usage to
// dovecot_quota_clone as mail changes, and a trigger there NOTIFYs which user changed. This listener records those
// figures as the scan would (usage-store.ts, totals only), tells the policy service, and hands any notice now due to
// the locked evaluation, so the console, the notices and SMTP-time decisions follow a delivery within a second.
// The scheduled scan stays: it measures folders, and reconciles whatever Dovecot did not write.
//
// One listener per installation: the connection that holds a session-level advisory lock listens, and every other
// worker process retries for the lock now and then (a listener per process would repeat the same writes). A lost
// connection releases the lock; whoever takes it next first catches up on what was written while nobody listened.
import pg from 'pg';
import type { WorkerContext } from './context.ts';
import type { Queues } from '../server/core/queues/registry.ts';
import { loadScanTargets, recordUsage } from '../server/core/repositories/usage-store.ts';
import { readClonedUsage, readMissedUsage, type ClonedUsage } from '../server/core/repositories/quota-clone.ts';
import { publishMailboxChanged } from '../server/core/pubsub/notify-change.ts';
import { evaluateQuotaNotices, noticeSettings } from '../server/core/services/quota-notices.ts';

/** The trigger's channel (prisma/migrations/*_quota_clone). */
const CHANNEL = 'mailwarden_quota_clone';
/** Advisory lock key of the one listener: "mwqclone" as a 64-bit integer. */
const LISTENER_LOCK = 0x6d7771636c6f6e65n;
/** Changes arriving within this window are recorded together: one statement for a burst of deliveries. */
const BATCH_WINDOW_MS = 100;
const MAX_BATCH = 500;
/** A process that did not get the lock tries again this often; a dropped connection is retried sooner. */
const STANDBY_RETRY_MS = 30_000;
const RECONNECT_MS = 5_000;

export interface LiveUsage {
  /** Whether this process holds the lock and listens (tests wait for it). */
  readonly listening: boolean;
  /** Resolves when nothing is pending or being recorded (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function startLiveUsage(ctx: WorkerContext, deps: { notifyQueue: Queues['notify'] }): LiveUsage {
  const { logger } = ctx;
  const pending = new Set<string>();
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let work: Promise<void> = Promise.resolve();

  const record = (usages: ClonedUsage[]) => recordClonedUsage(ctx, deps, usages);

  const flush = () => {
    flushTimer = null;
    const logins = [...pending].slice(0, MAX_BATCH);
    for (const login of logins) pending.delete(login);
    if (pending.size) flushTimer = setTimeout(flush, 0);
    work = work.then(async () => record(await readClonedUsage(ctx.prisma, logins)))
      .catch((err: Error) => logger.warn({ err: err.message, users: logins.length }, 'recording live usage failed; the next scan measures these mailboxes'));
  };

  const catchUp = () => {
    work = work.then(async () => {
      let total = 0;
      for (let batch = await readMissedUsage(ctx.prisma, MAX_BATCH); batch.length; batch = await readMissedUsage(ctx.prisma, MAX_BATCH)) {
        await record(batch);
        total += batch.length;
        if (batch.length < MAX_BATCH) break;
      }
      if (total) logger.info({ mailboxes: total }, 'live usage: recorded what Dovecot wrote while nobody listened');
    }).catch((err: Error) => logger.warn({ err: err.message }, 'live usage catch-up failed; the next scan measures these mailboxes'));
  };

  const schedule = (ms: number) => {
    if (closed) return;
    retry = setTimeout(() => void connect(), ms);
  };

  async function connect(): Promise<void> {
    retry = null;
    const c = new pg.Client({ connectionString: ctx.config.DATABASE_URL, keepAlive: true });
    c.on('error', (err) => logger.warn({ err: err.message }, 'live usage: database connection lost'));
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      listening = false;
      schedule(RECONNECT_MS);
    });
    try {
      await c.connect();
      const { rows } = await c.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LISTENER_LOCK.toString()]);
      if (!rows[0].locked || closed) {
        await c.end();
        schedule(STANDBY_RETRY_MS);
        return;
      }
      client = c;
      c.on('notification', (n) => {
        if (!n.payload) return;
        pending.add(n.payload);
        flushTimer ??= setTimeout(flush, BATCH_WINDOW_MS);
      });
      await c.query(`LISTEN ${CHANNEL}`);
      listening = true;
      logger.info('live usage: listening for Dovecot quota_clone writes');
      catchUp();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'live usage: cannot listen; retrying');
      if (client === c) client = null;
      listening = false;
      await c.end().catch(() => undefined);
      schedule(RECONNECT_MS);
    }
  }

  void connect();

  return {
    get listening() { return listening; },
    async idle() {
      for (;;) {
        const current = work;
        await current;
        if (current === work && !pending.size && !flushTimer) return;
        await new Promise((r) => setTimeout(r, BATCH_WINDOW_MS));
      }
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (flushTimer) clearTimeout(flushTimer);
      await work;
      const c = client;
      client = null;
      listening = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Records the figures (totals only), refreshes the policy service, and evaluates any notice they make due. */
async function recordClonedUsage(ctx: WorkerContext, deps: { notifyQueue: Queues['notify'] }, usages: ClonedUsage[]): Promise<void> {
  if (!usages.length) return;
  const byId = new Map(usages.map((u) => [u.mailboxId, u]));
  const targets = (await loadScanTargets(ctx.prisma, [...byId.keys()])).filter((t) => t.status === 'active');
  const now = new Date();
  const settings = noticeSettings(ctx.config);
  const measured = targets.map((mailbox) => {
    const { usedBytes, usedMessages } = byId.get(mailbox.id)!;
    return { mailbox, usage: { usedBytes, usedMessages, limitBytes: null, source: 'quota-clone' as const, folders: [], totalsOnly: true } };
  });
  const due = await recordUsage(ctx.prisma, measured, now, settings);
  const ids = measured.map((m) => m.mailbox.id);
  await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, ids)
    .catch((err: Error) => ctx.logger.warn({ err: err.message, mailboxIds: ids }, 'policy cache notification failed'));
  for (const id of due) await evaluateQuotaNotices(ctx.prisma, deps.notifyQueue, id, now, settings);
}
