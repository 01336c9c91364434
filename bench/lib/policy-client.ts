// A minimal Postfix-policy client: one persistent connection, one request in flight at a time (as Postfix's
// smtpd does), each reply matched to its request and timed. Shared by the benchmark and the policy tests,
// so both speak to Mailwarden's server and to Dovecot's quota-status exactly alike.
import net from 'node:net';

export type Attributes = Record<string, string | number>;

export function encodeRequest(attrs: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attrs)) text += `${name}=${value}\n`;
  return text + '\n';
}

export class PolicyClient {
  private buffer = '';
  private waiting: Array<{ resolve: (action: string) => void; reject: (err: Error) => void }> = [];
  private closedError: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    const fail = (err: Error) => {
      this.closedError = err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by server')));
  }

  /** A TCP port on `host`, or a UNIX socket path. */
  static connect(target: number | string, host = '127.0.0.1'): Promise<PolicyClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(typeof target === 'number' ? { port: target, host } : { path: target }, () => {
        socket.off('error', reject);
        resolve(new PolicyClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Send one request and resolve with its `action=` value. */
  request(attrs: Attributes): Promise<string> {
    return this.send(encodeRequest(attrs));
  }

  /** Send raw text that ends one request (tests of the wire format). */
  send(raw: string): Promise<string> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(raw);
    });
  }

  /** Send one request and measure the round trip in microseconds. */
  async timed(attrs: Attributes | string): Promise<{ action: string; micros: number }> {
    const raw = typeof attrs === 'string' ? attrs : encodeRequest(attrs);
    const started = process.hrtime.bigint();
    const action = await this.send(raw);
    return { action, micros: Number(process.hrtime.bigint() - started) / 1000 };
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const reply = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const waiter = this.waiting.shift();
      if (!waiter) continue;
      if (reply.startsWith('action=') && !reply.includes('\n')) waiter.resolve(reply.slice('action='.length));
      else waiter.reject(new Error(`malformed reply: ${JSON.stringify(reply)}`));
    }
  }
}

/** The attributes Postfix sends at RCPT TO (trimmed to the ones that matter plus a few it always sends). */
export function rcptRequest(recipient: string, size: number, extra: Attributes = {}): Attributes {
  return {
    request: 'smtpd_access_policy', protocol_state: 'RCPT', protocol_name: 'ESMTP',
    client_address: '192.0.2.10', client_name: 'mx.example.net', helo_name: 'mx.example.net',
    sender: 'someone@example.net', recipient, recipient_count: 0, queue_id: '', instance: `${Math.random().toString(16).slice(2)}.1`,
    size, ...extra,
  };
}
