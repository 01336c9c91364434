// A TCP proxy for fault tests: forwards a loopback port to a real service (Dovecot, PostgreSQL, the SMTP
// sink) and breaks the path on command — cut every connection, cut one after N bytes or right after a
// command the server has acted on, stall, add latency, refuse new connections — then resume. The services
// themselves are never stopped: other test runs on the machine share PostgreSQL and Redis.
import net from 'node:net';

export type Direction = 'up' | 'down'; // up: client -> service, down: service -> client

export interface ProxyOptions { port: number; targetPort: number; host?: string; targetHost?: string }

interface Rule {
  kind: 'bytes' | 'match';
  direction: Direction;
  bytes?: number;
  pattern?: RegExp;
  /** match: forward the matching data, wait until the service starts answering, swallow that answer, cut. */
  forward?: boolean;
  remaining: number;
  /** Only connections accepted after the rule was armed. */
  after: number;
}

interface Conn {
  id: number;
  client: net.Socket;
  upstream: net.Socket;
  bytes: Record<Direction, number>;
  queues: Record<Direction, Buffer[]>;
  flushing: Record<Direction, boolean>;
  tail: Record<Direction, string>;
  /** Set once a match rule fired with forward: nothing more reaches the client. */
  swallowDown: boolean;
  dead: boolean;
}

export interface ConnStats { id: number; up: number; down: number; cut: boolean }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FaultProxy {
  /** Connections accepted so far. */
  accepted = 0;
  /** Connections this proxy broke on purpose (cutAll, a byte or match rule). */
  cuts = 0;
  /** One entry per closed connection: bytes forwarded each way. */
  readonly closed: ConnStats[] = [];
  private server: net.Server | null = null;
  private readonly conns = new Set<Conn>();
  private rules: Rule[] = [];
  private holds: { direction: Direction; pattern: RegExp; fn: () => Promise<unknown>; remaining: number }[] = [];
  private stalled = false;
  private latencyMs = 0;
  private readonly taps = new Set<(direction: Direction, chunk: Buffer, connId: number) => void>();

  private constructor(private readonly opts: Required<ProxyOptions>) {}

  static async start(opts: ProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy({ host: '127.0.0.1', targetHost: '127.0.0.1', ...opts });
    await proxy.listen();
    return proxy;
  }

  get port(): number { return this.opts.port; }
  get open(): number { return this.conns.size; }

  /** Reset every open connection now (a network failure, a service restart). */
  cutAll(): number {
    const n = this.conns.size;
    for (const c of [...this.conns]) this.kill(c, true);
    return n;
  }

  /** Cut each of the next `times` connections once `bytes` bytes went `direction` (exactly that many are forwarded). */
  dropAfter(bytes: number, opts: { direction?: Direction; times?: number } = {}): void {
    this.rules.push({ kind: 'bytes', direction: opts.direction ?? 'down', bytes, remaining: opts.times ?? 1, after: this.accepted });
  }

  /**
   * Cut a connection when data going `direction` matches `pattern`. With `forward` (default) the matching data
   * reaches the service, which acts on it; its answer is swallowed and the connection cut as it starts, so the
   * client never learns the outcome. Without `forward` the data is dropped with the connection.
   */
  dropOn(pattern: RegExp, opts: { direction?: Direction; forward?: boolean; times?: number; anyConnection?: boolean } = {}): void {
    this.rules.push({
      kind: 'match', direction: opts.direction ?? 'up', pattern, forward: opts.forward ?? true, remaining: opts.times ?? 1,
      after: opts.anyConnection ? 0 : this.accepted,
    });
  }

  /**
   * When data going `direction` matches `pattern`, hold it (and what follows it that way) until `fn` resolves,
   * then forward it: lets a test act "between" a client's command and the server seeing it.
   */
  holdOn(pattern: RegExp, fn: () => Promise<unknown>, opts: { direction?: Direction; times?: number } = {}): void {
    this.holds.push({ direction: opts.direction ?? 'up', pattern, fn, remaining: opts.times ?? 1 });
  }

  /** Hold all traffic (both ways) without closing anything, like a silent network partition. */
  stall(): void { this.stalled = true; }

  /** Delay every chunk by `ms` (order kept), to make a sweep slow enough to interrupt. */
  setLatency(ms: number): void { this.latencyMs = ms; }

  /** Stop listening: new connections are refused (ECONNREFUSED); open ones are untouched unless cut. */
  async refuse(): Promise<void> {
    // The listening socket closes at once; server.close()'s callback would also wait for every open connection.
    this.server?.close();
    this.server = null;
  }

  /** Clear every fault, listen again if refused, and deliver what a stall held back. */
  async resume(): Promise<void> {
    this.rules = [];
    this.holds = [];
    this.latencyMs = 0;
    this.stalled = false;
    if (!this.server) await this.listen();
    for (const c of this.conns) { void this.flush(c, 'up'); void this.flush(c, 'down'); }
  }

  /** Observe traffic (e.g. to act when a given IMAP command goes by). Returns an unsubscribe function. */
  tap(fn: (direction: Direction, chunk: Buffer, connId: number) => void): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  async close(): Promise<void> {
    await this.refuse();
    for (const c of [...this.conns]) this.kill(c, false);
  }

  private listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        this.server = server;
        resolve();
      });
    });
  }

  private accept(client: net.Socket): void {
    const id = ++this.accepted;
    const upstream = net.connect(this.opts.targetPort, this.opts.targetHost);
    const conn: Conn = {
      id, client, upstream, bytes: { up: 0, down: 0 }, queues: { up: [], down: [] }, flushing: { up: false, down: false },
      tail: { up: '', down: '' }, swallowDown: false, dead: false,
    };
    this.conns.add(conn);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk: Buffer) => this.enqueue(conn, 'up', chunk));
    upstream.on('data', (chunk: Buffer) => this.enqueue(conn, 'down', chunk));
    // A half-close is passed on once queued data is through; errors end both sides.
    client.on('end', () => this.whenDrained(conn, 'up', () => upstream.end()));
    upstream.on('end', () => this.whenDrained(conn, 'down', () => client.end()));
    // Either side closing ends the connection once what it sent has been delivered; an error ends it at once.
    client.on('close', () => this.whenDrained(conn, 'up', () => this.kill(conn, false)));
    upstream.on('close', () => this.whenDrained(conn, 'down', () => this.kill(conn, false)));
    for (const s of [client, upstream]) s.on('error', () => this.kill(conn, false));
  }

  private enqueue(conn: Conn, direction: Direction, chunk: Buffer): void {
    if (conn.dead) return;
    for (const tap of this.taps) tap(direction, chunk, conn.id);
    conn.queues[direction].push(chunk);
    void this.flush(conn, direction);
  }

  private async flush(conn: Conn, direction: Direction): Promise<void> {
    if (conn.flushing[direction]) return;
    conn.flushing[direction] = true;
    try {
      while (!conn.dead && !this.stalled && conn.queues[direction].length) {
        if (this.latencyMs) await sleep(this.latencyMs);
        if (conn.dead || this.stalled) break;
        const chunk = conn.queues[direction][0];
        const hold = this.holds.find((h) => h.direction === direction && h.remaining > 0 && h.pattern.test(chunk.toString('latin1')));
        if (hold) {
          hold.remaining--;
          await hold.fn();
          if (conn.dead) break;
        }
        conn.queues[direction].shift();
        this.forward(conn, direction, chunk);
      }
    } finally {
      conn.flushing[direction] = false;
    }
  }

  private whenDrained(conn: Conn, direction: Direction, fn: () => void): void {
    const check = () => {
      if (conn.dead) return;
      if (!conn.queues[direction].length && !conn.flushing[direction]) fn();
      else setTimeout(check, 10);
    };
    check();
  }

  private forward(conn: Conn, direction: Direction, chunk: Buffer): void {
    const to = direction === 'up' ? conn.upstream : conn.client;
    if (direction === 'down' && conn.swallowDown) {
      // The service has started answering the command we let through: the client never sees it.
      this.kill(conn, true);
      return;
    }
    for (const rule of this.rules) {
      if (rule.direction !== direction || rule.remaining <= 0 || conn.id <= rule.after) continue;
      if (rule.kind === 'bytes' && conn.bytes[direction] + chunk.length >= rule.bytes!) {
        rule.remaining--;
        const part = chunk.subarray(0, rule.bytes! - conn.bytes[direction]);
        conn.bytes[direction] += part.length;
        if (part.length) to.write(part);
        this.kill(conn, true);
        return;
      }
      if (rule.kind === 'match') {
        const text = conn.tail[direction] + chunk.toString('latin1');
        if (rule.pattern!.test(text)) {
          rule.remaining--;
          if (!rule.forward) { this.kill(conn, true); return; }
          conn.bytes[direction] += chunk.length;
          to.write(chunk);
          conn.swallowDown = true;
          // Should the service never answer, cut anyway.
          setTimeout(() => this.kill(conn, true), 3000).unref();
          return;
        }
      }
    }
    conn.tail[direction] = (conn.tail[direction] + chunk.toString('latin1')).slice(-256);
    conn.bytes[direction] += chunk.length;
    to.write(chunk);
  }

  private kill(conn: Conn, byFault: boolean): void {
    if (conn.dead) return;
    conn.dead = true;
    if (byFault) this.cuts++;
    this.conns.delete(conn);
    this.closed.push({ id: conn.id, up: conn.bytes.up, down: conn.bytes.down, cut: byFault });
    for (const s of [conn.client, conn.upstream]) {
      if (byFault && typeof s.resetAndDestroy === 'function' && !s.destroyed && s.readyState !== 'opening') s.resetAndDestroy();
      else s.destroy();
    }
  }
}
