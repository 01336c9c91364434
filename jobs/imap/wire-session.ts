// One IMAP connection spoken without imapflow's session logic, for exchanges that pipeline their commands
// (imap/quick-usage.ts): open it (plain or TLS, as IMAP_SECURE says), write lines, read the responses in order.
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
// A LIST-STATUS over many huge folders can take the server a while (imapflow's socket timeout is the same).
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** One connection and the parsed responses coming back on it, in order. */
export class WireSession {
  private readonly responses: AsyncIterator<ImapResponse>;
  private constructor(private readonly socket: net.Socket) {
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
        socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy(new Error('IMAP server stopped answering')));
        resolve(new WireSession(socket));
      });
    });
  }

  /** The next response; with `timeoutMs`, rejects if none comes in time (the session is then unusable). */
  async read(timeoutMs?: number): Promise<ImapResponse> {
    let timer: NodeJS.Timeout | undefined;
    const next = await (timeoutMs === undefined ? this.responses.next() : Promise.race([
      this.responses.next(),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('IMAP server did not answer')), timeoutMs); }),
    ]).finally(() => clearTimeout(timer)));
    if (next.done) throw new Error('IMAP connection closed by the server');
    return next.value;
  }

  /** After LOGOUT the server closes: read to the end, so the streams finish without an abort. */
  async drain(): Promise<void> {
    while (!(await this.responses.next()).done);
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
