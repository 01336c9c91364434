// Foreground SMTP sink for the demo: `tsx scripts/smtp-sink.ts --port 10025 [--host 127.0.0.1]`.
// Point SMTP_HOST/SMTP_PORT at it and watch quota notices arrive, one log line per message.
// Not the app's config on purpose: the sink is a stand-in for someone else's mail server.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startSmtpSink } from './lib/smtp-sink.ts';

// Pretty lines for a person at a terminal, JSON when piped (same rule as the servers).
const log = pino(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {});

const { values } = parseArgs({
  options: { port: { type: 'string', default: '10025' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.error({ port: values.port }, '--port must be an integer between 0 and 65535');
  process.exit(2);
}

const sink = await startSmtpSink({
  port,
  host: values.host,
  onMessage: (m) => log.info({ to: m.envelope.to, subject: m.parsed.subject }, 'message received'),
});
log.info({ host: values.host, port: sink.port }, 'SMTP sink listening (Ctrl-C to stop)');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, received: sink.messages.length }, 'stopping SMTP sink');
    // No process.exit(): with the server closed nothing keeps the loop alive, and a natural exit
    // lets the log transport flush its last lines.
    sink.stop().catch((err: unknown) => {
      log.error({ err }, 'SMTP sink did not stop cleanly');
      process.exitCode = 1;
    });
  });
}
