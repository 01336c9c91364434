// One IMAP connection spoken without imapflow's session logic, for the scan's short exchange (imap/usage-fast-path.ts):
// open it (plain or TLS, as IMAP_SECURE says), write lines, read the responses in order. Every read has a deadline
// (IMAP_READ_TIMEOUT_MS): a server that stops answering fails the read with ImapTimeoutError, never hangs it.
// Responses are split and parsed by imapflow's own stream splitter and parser, so literals and quoting are
// handled exactly as in imapflow sessions. Plus small readers for the parsed attributes.
import net from 'node:net';
import tls from 'node:tls';
import { pipeline } from 'node:stream';
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import type { ImapAttribute, ImapResponse, ImapStreamItem } from 'imapflow/lib/handler/types.js';
import type { ImapConfig } from './connect.ts';

const CONNECT_TIMEOUT_MS = 10_000;

/** The server sent nothing for IMAP_READ_TIMEOUT_MS while we waited for `waitingFor`. */
export class ImapTimeoutError extends Error {
  constructor(waitingFor: string, ms: number) {
    super(`IMAP server did not answer ${waitingFor} within ${ms} ms (IMAP_READ_TIMEOUT_MS)`);
    this.name = 'ImapTimeoutError';
  }
}

/** One connection and the parsed responses coming back on it, in order. */
export class WireSession {
  private readonly responses: AsyncIterator<ImapResponse>;
  private constructor(private readonly socket: net.Socket, private readonly readTimeoutMs: number) {
    const stream = new ImapStream({ logger: false });
    // pipeline() destroys both ends on a socket error, so the iteration below throws it.
    pipeline(socket, stream, () => undefined);
    this.responses = parsed(stream)[Symbol.asyncIterator]();
  }

  static open(config: ImapConfig): Promise<WireSession> {
    return new Promise((resolve, reject) => {
      const options = { host: config.IMAP_HOST, port: config.IMAP_PORT };
      const socket = config.IMAP_SECURE
        ? tls.connect({ ...options, servername: net.isIP(config.IMAP_HOST) ? undefined : config.IMAP_HOST, rejectUnauthorized: !config.IMAP_TLS_INSECURE })
        : net.connect(options);
      const fail = (err: Error) => { socket.destroy(); reject(err); };
      socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new Error(`IMAP connection to ${config.IMAP_HOST}:${config.IMAP_PORT} timed out`)));
      socket.once('error', fail);
      socket.once(config.IMAP_SECURE ? 'secureConnect' : 'connect', () => {
        socket.removeListener('error', fail);
        socket.setNoDelay(true);
        // Backstop for a read nobody awaits: the reads' own deadlines come first.
        socket.setTimeout(config.IMAP_READ_TIMEOUT_MS * 2, () => socket.destroy(new ImapTimeoutError('at all', config.IMAP_READ_TIMEOUT_MS * 2)));
        resolve(new WireSession(socket, config.IMAP_READ_TIMEOUT_MS));
      });
    });
  }

  /** The next response, or ImapTimeoutError after IMAP_READ_TIMEOUT_MS (the session is then unusable). */
  async read(waitingFor: string): Promise<ImapResponse> {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      this.responses.next(),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new ImapTimeoutError(waitingFor, this.readTimeoutMs)), this.readTimeoutMs); }),
    ]).finally(() => clearTimeout(timer));
    if (next.done) throw new Error(`IMAP connection closed by the server while waiting for ${waitingFor}`);
    return next.value;
  }

  /** After LOGOUT the server closes: read to the end (each read with its deadline), so the streams finish without an abort. */
  async drain(): Promise<void> {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        this.responses.next(),
        new Promise<{ done: true }>((resolve) => { timer = setTimeout(() => resolve({ done: true }), this.readTimeoutMs); }),
      ]).finally(() => clearTimeout(timer));
      if (next.done) return;
    }
  }

  write(data: string): void {
    this.socket.write(data);
  }

  close(): void {
    if (!this.socket.destroyed) this.socket.destroy();
  }
}

async function* parsed(stream: ImapStream): AsyncGenerator<ImapResponse> {
  for await (const item of stream as AsyncIterable<ImapStreamItem>) {
    try {
      yield await parser(item.payload, { literals: item.literals });
    } finally {
      item.next(); // ImapStream holds back the next response until this one is released
    }
  }
}

export const str = (a: ImapAttribute | undefined): string => (a && !Array.isArray(a) && a.value != null ? a.value.toString() : '');
export const atoms = (list: ImapAttribute[] | undefined): string[] => (list ?? []).map(str).filter(Boolean);
export const text = (r: ImapResponse) => atoms(r.attributes?.filter((a) => a && !Array.isArray(a) && a.type === 'TEXT')).join(' ');

/** The `[CODE ...]` of a status response, split into its atoms. */
function codeOf(r: ImapResponse): string[] {
  const first = r.attributes?.[0];
  return first && !Array.isArray(first) && first.section ? atoms(first.section) : [];
}
export const responseCode = (r: ImapResponse) => codeOf(r)[0]?.toUpperCase() ?? null;

/** `[CAPABILITY ...]` in a greeting or tagged OK. */
export function capabilitiesOf(r: ImapResponse): Set<string> | null {
  return responseCode(r) === 'CAPABILITY' ? new Set(codeOf(r).slice(1)) : null;
}
