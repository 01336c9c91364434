// Postfix SMTPD policy delegation protocol (SMTPD_POLICY_README), pure: an incremental parser fed with
// socket chunks, and the reply formatter. A request is `name=value` lines ended by an empty line; one
// connection carries any number of requests. Lines end in LF (CRLF tolerated). Attribute order does not
// matter, unknown attributes are kept but nobody reads them, `name=` is an empty value.
import { StringDecoder } from 'node:string_decoder';

/** One request's attributes. A Map, not an object: attribute names come from the network (`__proto__`). */
export type PolicyRequest = Map<string, string>;

export interface ParserLimits {
  /** Bytes (UTF-16 units, close enough) one request may span. Postfix's are < 2 KiB; 64 KiB leaves room for long ccert fields. */
  maxRequestBytes: number;
  /** Attributes per request. Postfix sends ~30. */
  maxAttributes: number;
}

export const DEFAULT_LIMITS: ParserLimits = { maxRequestBytes: 64 * 1024, maxAttributes: 1000 };

/** Malformed input. The server closes the connection without a reply, as it would on any internal error. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export class PolicyParser {
  // UTF-8 values (SMTPUTF8 addresses) may be split across chunks: the decoder keeps partial characters.
  private readonly decoder = new StringDecoder('utf8');
  /** Text received but not yet split into lines. */
  private pending = '';
  private current: PolicyRequest = new Map();
  /** Size of the request being read so far (complete lines only; `pending` is added when checking). */
  private currentBytes = 0;
  /** Lines of the request so far (not map size: repeating one name must not evade the cap). */
  private currentLines = 0;
  private failed = false;

  constructor(private readonly limits: ParserLimits = DEFAULT_LIMITS) {}

  /** Feed one chunk; returns the requests it completed, in order. Throws ProtocolError (and stays failed). */
  push(chunk: Buffer | string): PolicyRequest[] {
    if (this.failed) throw new ProtocolError('parser already failed');
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const data = this.pending ? this.pending + text : text;
    const done: PolicyRequest[] = [];
    let start = 0;
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.currentBytes += nl + 1 - start;
      if (this.currentBytes > this.limits.maxRequestBytes) this.fail(`request longer than ${this.limits.maxRequestBytes} bytes`);
      if (end === start) {
        // Empty line: end of request. A stray empty line between requests is tolerated (no reply for nothing).
        if (this.current.size > 0) done.push(this.current);
        this.current = new Map();
        this.currentBytes = 0;
        this.currentLines = 0;
      } else {
        const eq = data.indexOf('=', start);
        if (eq < 0 || eq >= end) this.fail('line without "="');
        if (eq === start) this.fail('attribute without a name');
        this.current.set(data.slice(start, eq), data.slice(eq + 1, end));
        if (++this.currentLines > this.limits.maxAttributes) this.fail(`more than ${this.limits.maxAttributes} attributes`);
      }
      start = nl + 1;
    }
    this.pending = start === 0 ? data : data.slice(start);
    // An over-long line is refused as soon as it is too long, not when (if ever) its newline arrives.
    if (this.currentBytes + this.pending.length > this.limits.maxRequestBytes) {
      this.fail(`request longer than ${this.limits.maxRequestBytes} bytes`);
    }
    return done;
  }

  /** True when a request has started but not ended (a client hanging up now left it half-sent). */
  get midRequest(): boolean {
    return this.current.size > 0 || this.pending.length > 0;
  }

  private fail(message: string): never {
    this.failed = true;
    this.pending = '';
    this.current = new Map();
    throw new ProtocolError(message);
  }
}

/** One reply: exactly one `action=` line and the empty line that ends it. */
export function formatReply(action: string): string {
  // Defence in depth: a newline in an action (config is validated) would desynchronise Postfix's client.
  if (/[\r\n]/.test(action)) throw new Error('policy action must be a single line');
  return `action=${action}\n\n`;
}
