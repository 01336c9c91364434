// An in-process SMTP sink for tests and the demo: a real SMTP server (smtp-server) on a loopback port
// that keeps every message it accepts, so tests assert on what actually crossed the wire.
// No STARTTLS (nothing to encrypt on loopback, and no certificate to manage); any AUTH is accepted
// so a mailer configured with credentials can talk to it too.
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface ReceivedMessage {
  /** What the client said in MAIL FROM / RCPT TO: the real recipients, whatever the headers claim. */
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: {
    subject: string;
    from: string;
    to: string;
    text: string;
    html: string | null;
    messageId: string | null;
    /** Lower-cased header name -> unfolded raw value; repeated headers are joined with ', '. */
    headers: Record<string, string>;
  };
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  messages: ReceivedMessage[];
  waitFor(predicate: (m: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  clear(): void;
  stop(): Promise<void>;
  /** Answer RCPT TO and DATA with this code (e.g. 451 = "try again later"); null accepts again. */
  setRejecting(code: number | null): void;
  /** Answer RCPT TO for this one address with `code` (e.g. 552, a full mailbox refused at SMTP time); null accepts it again. */
  refuseRecipient(address: string, code: number | null): void;
}

// Well above any notice we send, small enough that a runaway test cannot eat the machine's memory.
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface Waiter {
  predicate: (m: ReceivedMessage) => boolean;
  resolve: (m: ReceivedMessage) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface SmtpSinkOptions {
  port: number;
  host?: string;
  /** Called after each message is stored and acknowledged (the CLI logs with it). */
  onMessage?: (m: ReceivedMessage) => void;
}

/** Start a sink; `port: 0` picks a free port (read it back from `sink.port`). */
export async function startSmtpSink(opts: SmtpSinkOptions): Promise<SmtpSink> {
  const host = opts.host ?? '127.0.0.1';
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<Waiter>();
  let rejecting: number | null = null;
  const refusedRecipients = new Map<string, number>();
  let stopped: Promise<void> | null = null;

  const rejection = (code: number): Error =>
    Object.assign(new Error(code < 500 ? 'Refusing mail for now, try again later' : 'Refusing mail'), { responseCode: code });

  const store = (message: ReceivedMessage): void => {
    messages.push(message);
    for (const waiter of waiters) {
      if (!waiter.predicate(message)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true, // AUTH without TLS: the sink only ever listens where nothing can eavesdrop
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    logger: false,
    // On stop() we drop clients ourselves; this only bounds a client that ignores our 421.
    closeTimeout: 1000,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sink' }),
    onRcptTo: (address, _session, callback) => {
      const code = refusedRecipients.get(address.address.toLowerCase()) ?? rejecting;
      callback(code === null ? null : rejection(code));
    },
    onData(stream, session, callback) {
      const code = rejecting;
      // Drain before answering, even when refusing: the client is mid-DATA and waits for the final dot.
      readAll(stream)
        .then(async (raw) => {
          if (code !== null) return callback(rejection(code));
          if (stream.sizeExceeded) return callback(null); // rejectOversized answers 552; keep nothing
          const message = await toReceivedMessage(raw, session.envelope);
          store(message);
          // Answer 250 only once the message is stored, so a resolved send() implies it is in `messages`.
          callback(null);
          // Outside this promise chain: a throwing listener must not turn an accepted message into a 451.
          if (opts.onMessage) queueMicrotask(() => opts.onMessage?.(message));
        })
        .catch((err: Error) => callback(Object.assign(err, { responseCode: 451 })));
    },
  });
  // smtp-server re-emits client socket errors (resets, timeouts) here; without a listener they would crash the process.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject); // EADDRINUSE and friends, before we are listening
    server.listen(opts.port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    port,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received)`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
    },
    setRejecting(code) {
      if (code !== null && !(code >= 400 && code <= 599)) throw new RangeError(`Not an SMTP error code: ${code}`);
      rejecting = code;
    },
    refuseRecipient(address, code) {
      if (code !== null && !(code >= 400 && code <= 599)) throw new RangeError(`Not an SMTP error code: ${code}`);
      if (code === null) refusedRecipients.delete(address.toLowerCase());
      else refusedRecipients.set(address.toLowerCase(), code);
    },
    stop() {
      // Idempotent: afterEach hooks and tests that already stopped the sink may both call it.
      stopped ??= new Promise<void>((resolve) => {
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('SMTP sink stopped'));
        }
        waiters.clear();
        server.close(() => resolve());
        // Behave like a server going down: tell open (pooled) clients and hang up now, instead of
        // waiting for them to leave. Once every socket is gone the port is free for a restart.
        for (const connection of server.connections) {
          connection.send(421, 'Service shutting down');
          connection.close();
        }
      });
      return stopped;
    },
  };
}

async function readAll(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function toReceivedMessage(
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
): Promise<ReceivedMessage> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    // `line` is the raw header as sent; unfold it and drop the "Name:" prefix.
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return {
    envelope: {
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((r) => r.address),
    },
    raw,
    parsed: {
      subject: parsed.subject ?? '',
      from: parsed.from?.text ?? '',
      to: addressText(parsed.to),
      text: parsed.text ?? '',
      html: parsed.html || null,
      messageId: parsed.messageId ?? null,
      headers,
    },
    receivedAt: new Date(),
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}
