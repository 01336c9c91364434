// Every mailbox's effective limit, last usage and plan settings, in memory: the policy service answers
// from here and never queries PostgreSQL per request. Loaded in full at start, then kept current by
// `<QUEUE_PREFIX>:mailbox-changed` messages (notify-change.ts) that name the mailboxes to re-read, plus a
// periodic full reload in case a message was lost (pub/sub does not queue for absent subscribers).
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LimitEntry } from '../core/domain/delivery-decision.ts';
import { mailboxChangedChannel, parseMailboxChanged } from '../core/pubsub/notify-change.ts';

/** Columns of SELECT, in order (rowMode 'array': no per-row object with named keys to build and collect). */
type Row = [id: number, address: string, status: LimitEntry['status'], limitBytes: number | null, usedBytes: number | null,
  scannedMs: number | null, gracePercent: number, overQuotaReply: string];

export interface CacheOptions {
  /**
   * Plain pg, not Prisma: Prisma's JS engine spends ~2 s of main-thread time on 100k rows, stalling every
   * SMTP decision meanwhile; pg with array rows reads them in a fraction of that.
   */
  pool: pg.Pool;
  logger: Logger;
  /** A connection this cache may put in subscriber mode (it can do nothing else afterwards). */
  subscriber: Redis;
  queuePrefix: string;
  /** Safety net for lost change messages. 5 min: a full read of 100k rows costs well under a second. */
  fullReloadMs?: number;
}

// float8 is exact to 2^53 bytes and arrives as a JS number (BIGINT would arrive as BigInt, slower to convert).
// A mailbox without a plan falls under the default plan: the mailbox_plan view (the SQL twin of planFor).
const select = (mailboxes: string) => `
  SELECT m.id, lower(m.address), m.status::text,
         m.effective_limit_bytes::float8, m.used_bytes::float8, (extract(epoch FROM m.scanned_at) * 1000)::float8,
         COALESCE(p.grace_percent, 0), COALESCE(p.over_quota_reply::text, 'permanent')
    FROM ${mailboxes} m
    JOIN mailbox_plan mp ON mp.mailbox_id = m.id
    LEFT JOIN quota_plans p ON p.id = mp.plan_id
   ORDER BY m.id`;
// Only the columns used: a row also holds per-folder usage JSON that may be kilobytes long.
const COLUMNS = 'id, address, status, effective_limit_bytes, used_bytes, scanned_at, plan_id';
const PAGE_SQL = select(`(SELECT ${COLUMNS} FROM mailboxes WHERE id > $1 ORDER BY id LIMIT $2)`);
const IDS_SQL = select(`(SELECT ${COLUMNS} FROM mailboxes WHERE id = ANY($1::int[]))`);
// Full reloads read pages by id. One big query would be faster overall, but libuv reads ~2 MB per event-loop
// turn and parsing that blocks every SMTP decision for ~40 ms; a 2,000-row page parses in ~3 ms.
const PAGE_ROWS = 2_000;

export class LimitCache {
  private readonly byAddress = new Map<string, LimitEntry>();
  private readonly byId = new Map<number, { address: string; entry: LimitEntry }>();
  private pendingIds = new Set<number>();
  private fullPending = false;
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private unsubscribe: () => void = () => undefined;
  /** Epoch ms of the last successful full load (metrics: how old the safety net is). */
  lastFullLoad = 0;

  constructor(private readonly opts: CacheOptions) {}

  get size(): number {
    return this.byAddress.size;
  }

  get(address: string): LimitEntry | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Subscribe, then load everything (throws if PostgreSQL is unreachable), then arm the periodic reload.
   * Subscribing first means no change committed during the initial load can be missed.
   */
  async start(): Promise<void> {
    const { subscriber, queuePrefix, logger } = this.opts;
    const channel = mailboxChangedChannel(queuePrefix);
    const onMessage = (ch: string, message: string) => {
      if (ch !== channel) return;
      const ids = parseMailboxChanged(message);
      if (ids === 'all') this.fullPending = true;
      else for (const id of ids) this.pendingIds.add(id);
      this.schedule();
    };
    // (Re)connected: ioredis re-subscribes, but messages sent while we were away are gone, so reload everything.
    const onReady = () => this.requestFullReload();
    subscriber.on('message', onMessage);
    subscriber.on('ready', onReady);
    this.unsubscribe = () => {
      subscriber.off('message', onMessage);
      subscriber.off('ready', onReady);
      subscriber.unsubscribe(channel).catch(() => undefined);
    };
    const subscribed = subscriber.subscribe(channel);
    // Redis down at start must not keep the service from answering: ioredis subscribes once it connects,
    // and that 'ready' triggers a full reload.
    if (subscriber.status === 'ready') await subscribed;
    else subscribed.catch((err: Error) => logger.warn({ err: err.message }, 'policy cache subscription failed'));

    const initial = this.loadAll();
    this.draining = initial; // changes announced meanwhile wait in pendingIds
    try {
      await initial;
    } catch (err) {
      this.unsubscribe();
      throw err;
    } finally {
      this.draining = null;
    }
    this.schedule();
    this.timer = setInterval(() => this.requestFullReload(), this.opts.fullReloadMs ?? 5 * 60_000);
    this.timer.unref();
    logger.info({ mailboxes: this.size, channel }, 'policy cache loaded');
  }

  requestFullReload(): void {
    this.fullPending = true;
    this.schedule();
  }

  /** Resolves once every change requested so far has been applied (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.timer);
    clearTimeout(this.retry);
    await this.settled();
  }

  /** One reload at a time, so an older snapshot can never overwrite a newer one. */
  private schedule(): void {
    if (this.draining || this.closed) return;
    this.draining = this.drain().finally(() => { this.draining = null; });
  }

  private async drain(): Promise<void> {
    while (!this.closed && (this.fullPending || this.pendingIds.size)) {
      const full = this.fullPending;
      const ids = [...this.pendingIds];
      // A full reload covers every id asked for before it started; ids arriving during it are re-read after.
      this.fullPending = false;
      this.pendingIds = new Set();
      try {
        if (full) await this.loadAll();
        else await this.loadIds(ids);
      } catch (err) {
        this.opts.logger.error({ err }, 'policy cache reload failed; retrying with a full reload in 5 s');
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.requestFullReload(), 5_000);
        this.retry.unref();
        return;
      }
    }
  }

  private async loadAll(): Promise<void> {
    const started = Date.now();
    const seen = new Set<number>();
    for (let after = 0; ;) {
      const rows = await this.query(PAGE_SQL, [after, PAGE_ROWS]);
      for (const row of rows) {
        seen.add(row[0]);
        this.apply(row);
      }
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1][0];
    }
    for (const id of [...this.byId.keys()]) if (!seen.has(id)) this.remove(id);
    this.lastFullLoad = Date.now();
    this.opts.logger.debug({ mailboxes: seen.size, ms: Date.now() - started }, 'policy cache full reload');
  }

  private async loadIds(ids: number[]): Promise<void> {
    const rows = await this.query(IDS_SQL, [ids]);
    const found = new Set(rows.map((r) => r[0]));
    for (const row of rows) this.apply(row);
    for (const id of ids) if (!found.has(id)) this.remove(id); // deleted mailbox
  }

  private async query(text: string, values: unknown[]): Promise<Row[]> {
    return (await this.opts.pool.query<Row>({ text, values, rowMode: 'array' })).rows;
  }

  /** Updates the entry in place: connections hold references to entries they reserved bytes on. */
  private apply([id, address, status, limitBytes, usedBytes, scannedAt, gracePercent, reply]: Row): void {
    const known = this.byId.get(id);
    const overQuotaReply = reply === 'temporary' ? 'temporary' as const : 'permanent' as const;
    if (!known) {
      const entry: LimitEntry = { id, limitBytes, usedBytes, acceptedBytes: 0, scannedAt, gracePercent, overQuotaReply, status };
      this.byId.set(id, { address, entry });
      this.byAddress.set(address, entry);
      return;
    }
    const { entry } = known;
    // A new scan already includes what was delivered before it: restart the count of accepted bytes.
    if (entry.scannedAt !== scannedAt) entry.acceptedBytes = 0;
    entry.limitBytes = limitBytes;
    entry.usedBytes = usedBytes;
    entry.scannedAt = scannedAt;
    entry.gracePercent = gracePercent;
    entry.overQuotaReply = overQuotaReply;
    entry.status = status;
    if (known.address !== address) {
      if (this.byAddress.get(known.address) === entry) this.byAddress.delete(known.address);
      this.byAddress.set(address, entry);
      known.address = address;
    }
  }

  private remove(id: number): void {
    const known = this.byId.get(id);
    if (!known) return;
    known.entry.status = 'removed';
    if (this.byAddress.get(known.address) === known.entry) this.byAddress.delete(known.address);
    this.byId.delete(id);
  }
}
