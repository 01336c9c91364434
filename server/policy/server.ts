// The policy service's listeners: TCP (POLICY_HOST:POLICY_PORT) and optionally a UNIX socket. Each
// connection gets its own parser and message state; replies to requests that arrived together are written
// in one go. Malformed input or an internal error closes the connection without a reply for that request:
// Postfix then logs a warning and applies its default_action, which is exactly what the protocol intends.
// No single TCP client may hold more than maxConnectionsPerClient connections (counted per remote address): one local
// process opening thousands of idle or half-sent connections could otherwise fill maxConnections and lock every other
// client out. UNIX-socket clients are not counted: only the socket's group (postfix) can connect there.
import net from 'node:net';
import { promises as fs } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { DEFAULT_LIMITS, PolicyParser, formatReply, type ParserLimits } from './protocol.ts';
import { ConnectionState, handleRequest, type EntryLookup, type PolicySettings } from './handler.ts';
import type { PolicyMetrics } from './metrics.ts';

export interface PolicyServerOptions {
  cache: EntryLookup;
  settings: PolicySettings;
  logger: Logger;
  metrics?: PolicyMetrics;
  host: string;
  /** TCP port (0 = any free port); null = no TCP listener (the UNIX socket only). */
  port: number | null;
  /** UNIX socket path; empty/undefined = none. */
  socketPath?: string;
  limits?: ParserLimits;
  /** Default 330 s: Postfix closes an idle policy connection after 300 s (smtpd_policy_service_max_idle), so it normally hangs up first. */
  idleTimeoutMs?: number;
  /** Default 4096: one connection per smtpd process, and Postfix runs at most a few hundred per host. Beyond it, new connections are dropped. */
  maxConnections?: number;
  /** Default 1024 (POLICY_MAX_CONNECTIONS_PER_CLIENT): connections one TCP peer address may hold; further ones are closed at once. */
  maxConnectionsPerClient?: number;
}

export interface PolicyServer {
  /** Bound TCP port (useful when listening on port 0); null without a TCP listener. */
  port: number | null;
  close(): Promise<void>;
}

export async function startPolicyServer(opts: PolicyServerOptions): Promise<PolicyServer> {
  const { cache, settings, logger, metrics } = opts;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const idleMs = opts.idleTimeoutMs ?? 330_000;
  const perClientCap = opts.maxConnectionsPerClient ?? 1024;
  const sockets = new Set<net.Socket>();
  const perClient = new Map<string, number>();
  const cappedClients = new Set<string>(); // warned once per episode, not once per refused connection

  function onConnection(socket: net.Socket): void {
    const client = socket.remoteAddress; // undefined on the UNIX socket
    if (client !== undefined) {
      const held = perClient.get(client) ?? 0;
      if (held >= perClientCap) {
        if (!cappedClients.has(client)) {
          cappedClients.add(client);
          logger.warn({ remote: client, held }, 'policy client reached its connection cap; refusing its new connections');
        }
        metrics?.clientCapped();
        socket.on('error', () => undefined);
        socket.destroy();
        return;
      }
      perClient.set(client, held + 1);
      socket.once('close', () => {
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
        if (left < perClientCap) cappedClients.delete(client);
      });
    }
    sockets.add(socket);
    metrics?.connections.inc();
    socket.setNoDelay(true); // replies are tiny and Postfix waits for each one
    socket.setTimeout(idleMs, () => socket.destroy());
    const parser = new PolicyParser(limits);
    const state = new ConnectionState();

    socket.on('data', (chunk: Buffer) => {
      if (socket.writableEnded) return; // closing after an internal error: nothing more is answered
      let requests;
      try {
        requests = parser.push(chunk);
      } catch (err) {
        metrics?.protocolError();
        logger.warn({ err: (err as Error).message, remote: socket.remoteAddress }, 'policy protocol error; closing without reply');
        socket.destroy();
        return;
      }
      if (!requests.length) return;
      let out = '';
      for (const req of requests) {
        const started = performance.now();
        try {
          const { action, result } = handleRequest(req, state, cache, settings);
          out += formatReply(action);
          metrics?.decided(result, (performance.now() - started) / 1000);
        } catch (err) {
          metrics?.protocolError();
          logger.error({ err }, 'policy request failed; closing without reply');
          // Earlier requests of this batch were answered; this one and the rest get Postfix's default action.
          if (out) socket.end(out);
          else socket.destroy();
          return;
        }
      }
      // Back-pressure: a client that pipelines but does not read must not grow our buffers without bound.
      if (!socket.write(out)) socket.pause();
    });
    socket.on('drain', () => socket.resume());
    socket.on('error', (err) => logger.debug({ err: err.message }, 'policy connection error')); // resets are normal
    socket.on('close', () => {
      sockets.delete(socket);
      metrics?.connections.dec();
      if (parser.midRequest) logger.debug('policy client hung up mid-request');
    });
  }

  const servers: net.Server[] = [];
  const listen = (server: net.Server, target: { port: number; host: string } | { path: string }) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(target, () => {
        server.off('error', reject);
        server.on('error', (err) => logger.error({ err }, 'policy listener error'));
        resolve();
      });
    });
  const create = () => {
    const server = net.createServer(onConnection);
    server.maxConnections = opts.maxConnections ?? 4096;
    servers.push(server);
    return server;
  };

  if (opts.port === null && !opts.socketPath) throw new Error('the policy service needs a TCP port or a UNIX socket (POLICY_PORT=0 needs POLICY_SOCKET)');
  const tcp = opts.port === null ? null : create();
  if (tcp) await listen(tcp, { port: opts.port!, host: opts.host });
  if (opts.socketPath) {
    try {
      await removeStaleSocket(opts.socketPath);
      await listen(create(), { path: opts.socketPath });
      // Postfix's smtpd (user postfix) must connect: give the socket to group postfix (chgrp) — see docs/policy.md.
      await fs.chmod(opts.socketPath, 0o660);
    } catch (err) {
      for (const server of servers) server.close();
      throw err;
    }
  }

  return {
    port: tcp ? (tcp.address() as net.AddressInfo).port : null,
    async close() {
      const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      // Nothing is ever half-answered (decisions are synchronous): ending every connection loses nothing.
      for (const socket of sockets) socket.end();
      const hard = setTimeout(() => { for (const socket of sockets) socket.destroy(); }, 2_000);
      await Promise.all(closed);
      clearTimeout(hard);
    },
  };
}

/** A socket file left by a crashed run would make listen() fail with EADDRINUSE; a live one or a non-socket is not ours to delete. */
async function removeStaleSocket(path: string): Promise<void> {
  const stat = await fs.lstat(path).catch(() => null);
  if (!stat) return;
  if (!stat.isSocket()) throw new Error(`POLICY_SOCKET ${path} exists and is not a socket`);
  const live = await new Promise<boolean>((resolve) => {
    const probe = net.connect({ path }, () => { probe.destroy(); resolve(true); });
    probe.on('error', () => resolve(false));
  });
  if (live) throw new Error(`POLICY_SOCKET ${path} is in use by another process`);
  await fs.unlink(path);
}
