// Outgoing mail (quota and retention notices). The one place that talks SMTP: it stamps every message as
// automatic (RFC 3834) so vacation responders and Exchange stay quiet, refuses anything that could
// smuggle extra headers or recipients, and reports failures as temporary or permanent so a job can
// decide between retrying and giving up.
import { isIP } from 'node:net';
import { Transform } from 'node:stream';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { ConfigError, type Config } from '../config.ts';

export type MailerConfig = Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'MAIL_FROM'>;

export interface OutgoingMail {
  /** One address, optionally with a display name: `Alice <alice@example.org>`. */
  to: string;
  cc?: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (e.g. `X-Mailwarden-Notice`); the addressing and auto-reply headers are ours alone. */
  headers?: Record<string, string>;
  /**
   * A stable name for this message (letters, digits, `.`, `-`): sent as `Message-ID: <stableId@MAIL_FROM's domain>`.
   * Sending the same message again (a retry after a lost SMTP reply) then carries the same Message-ID, so
   * receivers can recognise and drop the copy. Without it nodemailer makes a random one per send.
   */
  stableId?: string;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  send(msg: OutgoingMail): Promise<SendResult>;
  /** Ends pooled connections; call from the owner's shutdown hook. */
  close(): void;
}

/** The message itself is unacceptable (bad address, line break in a header...). Never retry: it will fail again. */
export class MailInputError extends Error {
  readonly code = 'MAIL_INPUT';
  readonly temporary = false;
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'MailInputError';
  }
}

/** The SMTP exchange failed. `temporary` says whether the same message may succeed later (4xx, connection trouble). */
export class MailSendError extends Error {
  readonly temporary: boolean;
  readonly responseCode: number | undefined;
  /** Nodemailer's error code (ECONNECTION, EENVELOPE, EAUTH...). */
  readonly code: string | undefined;
  /**
   * The whole message had been handed to the server and no answer came (connection lost, timeout): the server
   * may have accepted it. Sending it again may deliver a second copy. False when the server answered (a 4xx/5xx
   * refuses the message) or the failure came before the end of the message.
   */
  readonly maybeDelivered: boolean;
  /** The Message-ID the message carried (with `stableId`), to match a copy that did arrive. */
  readonly messageId: string | undefined;
  constructor(message: string, opts: { temporary: boolean; responseCode?: number; code?: string; cause?: unknown; maybeDelivered?: boolean; messageId?: string }) {
    super(message, { cause: opts.cause });
    this.name = 'MailSendError';
    this.temporary = opts.temporary;
    this.responseCode = opts.responseCode;
    this.code = opts.code;
    this.maybeDelivered = opts.maybeDelivered ?? false;
    this.messageId = opts.messageId;
  }
}

// RFC 3834 marks the message as machine-made; X-Auto-Response-Suppress is Exchange's equivalent.
const AUTO_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } as const;

// Headers a caller may not set: they decide who gets the message, or we set them ourselves.
const RESERVED_HEADERS = new Set([
  'from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'return-path', 'mime-version',
  'content-type', 'content-transfer-encoding', 'auto-submitted', 'x-auto-response-suppress',
]);

// Any C0 control but TAB, and DEL: CR/LF would start a new header, the others have no business in a header.
const CONTROL_CHARS = /[\x00-\x08\x0a-\x1f\x7f]/;
// The left part of a Message-ID we make: a dot-atom of plain characters, short enough for any header line.
const STABLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
// RFC 5322 field-name: printable ASCII except ':'.
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
// Conservative addr-spec: dot-atom local part and an LDH domain. No quoted local parts, IP literals or
// UTF-8 (SMTPUTF8): nothing we send notices to needs them, and each is a parser-disagreement risk.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

// A notice connection that hangs should fail (temporary) long before a job's lock expires.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };
// Nodemailer errors that mean "could not talk to the server", not "the server said no".
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROXY']);

// sendMail option read by the 'stream' plugin below: called once the message body has been read to its end, i.e.
// handed to the SMTP connection, which then ends DATA. A failure without a server reply after that point leaves
// the outcome unknown (the end-of-data dot may have reached the server and been accepted).
const ON_BODY_SENT = 'mailwardenOnBodySent';

export function createMailer(config: MailerConfig): Mailer {
  let from: { name: string; address: string };
  try {
    from = parseSingleAddress('MAIL_FROM', config.MAIL_FROM);
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  const auth = config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined;
  const loopback = isLoopback(config.SMTP_HOST);

  const transport = nodemailer.createTransport({
    pool: true,
    // Notices trickle out of a job queue; two connections keep up without tripping an MTA's per-client limit.
    maxConnections: 2,
    // No silent resend by the pool after a dropped connection (it could deliver twice): the job retries instead.
    maxRequeues: 0,
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE, // true = implicit TLS (465)
    // Otherwise STARTTLS whenever the server offers it, except on loopback, where it protects nothing and the
    // local MTA's certificate (snakeoil, or none, like the test sink) would not verify for 127.0.0.1.
    ignoreTLS: !config.SMTP_SECURE && loopback,
    // Credentials never cross the network in clear text: without TLS on a remote server, fail instead of AUTH.
    requireTLS: !config.SMTP_SECURE && !loopback && auth !== undefined,
    auth,
    ...TIMEOUTS,
    logger: false, // nodemailer's own logs can include the AUTH exchange
    debug: false,
  });

  transport.use('stream', (mail, done) => {
    const onBodySent = (mail.data as Record<string, unknown>)[ON_BODY_SENT];
    if (typeof onBodySent === 'function') {
      mail.message.transform(new Transform({ transform: (chunk, _enc, cb) => cb(null, chunk), flush: (cb) => { onBodySent(); cb(); } }));
    }
    done();
  });

  return {
    async send(msg) {
      // Validate everything before touching the network: a rejected message must not be half-sent.
      const to = parseSingleAddress('to', msg.to);
      const cc = msg.cc === undefined ? undefined : parseSingleAddress('cc', msg.cc);
      assertHeaderText('subject', msg.subject);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(msg.headers ?? {})) {
        if (!HEADER_NAME.test(name)) throw new MailInputError('headers', `invalid header name ${JSON.stringify(name)}`);
        if (RESERVED_HEADERS.has(name.toLowerCase())) throw new MailInputError('headers', `${name} may not be set by the caller`);
        assertHeaderText(`headers.${name}`, value);
        headers[name] = value;
      }
      if (msg.stableId !== undefined && (!STABLE_ID.test(msg.stableId) || msg.stableId.length > 100)) {
        throw new MailInputError('stableId', 'must be letters, digits, dots and hyphens (at most 100)');
      }
      const messageId = msg.stableId ? `<${msg.stableId}@${domainOf(from.address)}>` : undefined;
      let bodySent = false;
      try {
        const info = await transport.sendMail({
          from,
          to,
          cc,
          subject: plainSubject(msg.subject),
          text: msg.text,
          html: msg.html,
          headers: { ...headers, ...AUTO_HEADERS },
          ...(messageId ? { messageId } : {}),
          [ON_BODY_SENT]: () => { bodySent = true; },
        } as SendMailOptions);
        return { messageId: info.messageId, accepted: info.accepted.map(addressOf), rejected: info.rejected.map(addressOf) };
      } catch (err) {
        throw toSendError(err, { bodySent, messageId });
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * nodemailer passes a valid RFC 2047 encoded-word through untouched (so callers may pre-encode), and the receiver
 * decodes it: a display name like "=?UTF-8?B?…?=" rendered into a subject would arrive as whatever it encodes,
 * line breaks and "Bcc:" included. Our subjects are always plain text, so one holding "=?" is encoded as a whole:
 * the receiver then shows the look-alike literally.
 */
function plainSubject(subject: string): string {
  return subject.includes('=?') ? encodeWord(subject, 'B', 52) : subject;
}

function assertHeaderText(field: string, value: unknown): void {
  if (typeof value !== 'string') throw new MailInputError(field, 'must be a string');
  if (CONTROL_CHARS.test(value)) throw new MailInputError(field, 'must not contain line breaks or control characters');
}

/** Exactly one mailbox, returned as {name, address} so nodemailer encodes the display name itself. */
function parseSingleAddress(field: string, value: string): { name: string; address: string } {
  assertHeaderText(field, value);
  const parsed = addressparser(value);
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only || only.group !== undefined) throw new MailInputError(field, 'must be exactly one address');
  const address = only.address;
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 1 || address.length > 254 || local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    throw new MailInputError(field, `not a valid address: ${JSON.stringify(address)}`);
  }
  return { name: only.name, address };
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

function addressOf(entry: string | { address: string }): string {
  return typeof entry === 'string' ? entry : entry.address;
}

function toSendError(err: unknown, sent: { bodySent: boolean; messageId?: string }): MailSendError {
  const e = err as { message?: string; code?: string; responseCode?: number; permanent?: boolean };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  // RFC 5321: 4yz is transient, 5yz permanent, except 503 (wrong session state: a new connection may do).
  const temporary =
    responseCode !== undefined
      ? !(responseCode >= 500 && responseCode <= 599 && responseCode !== 503)
      : e.code !== undefined && TRANSIENT_CODES.has(e.code);
  const kind = temporary ? 'temporary' : 'permanent';
  // A reply (even a 4xx) settles it: the server did not take the message. Silence after the body does not.
  const maybeDelivered = sent.bodySent && responseCode === undefined;
  return new MailSendError(`SMTP send failed (${maybeDelivered ? 'no answer after the message was sent' : kind}): ${e.message ?? String(err)}`, {
    temporary,
    responseCode,
    code: e.code,
    cause: err,
    maybeDelivered,
    messageId: sent.messageId,
  });
}
