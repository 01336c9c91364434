// Why a job failed, in words ops read: BullMQ keeps the thrower's message ("Command failed", "connect ECONNREFUSED
// 127.0.0.1:993", "job stalled more than allowable limit"), which names a library's view of the problem. The raw text
// stays beside it on screen; this only puts the likely cause first. Pure: no I/O.

interface Cause { test: RegExp; say: string }

// First match wins: the more specific causes come first.
const CAUSES: Cause[] = [
  { test: /no longer exists/i, say: 'What the job was for was deleted before it ran' },
  { test: /through admin access was refused|AUTHENTICATIONFAILED|authentication failed|Invalid credentials/i, say: 'The mail server refused the login' },
  { test: /OVERQUOTA|quota exceeded/i, say: 'The mailbox is over its quota on the mail server' },
  { test: /NONEXISTENT|mailbox doesn'?t exist|Mailbox does not exist/i, say: 'A folder the job needed does not exist on the mail server' },
  { test: /ECONNREFUSED/, say: 'Could not connect: the server refused the connection (is it running?)' },
  { test: /ENOTFOUND|EAI_AGAIN/, say: 'Could not connect: the server name does not resolve' },
  { test: /ECONNRESET|EPIPE|socket hang up|Connection not available|connection (was )?closed/i, say: 'The connection to the server was cut while the job ran' },
  { test: /ETIMEDOUT|did not answer .* within|timed? ?out/i, say: 'The server did not answer in time' },
  { test: /stalled more than allowable limit/i, say: 'The worker running it stopped (crash or restart) too many times' },
  { test: /MAIL_LOGIN_KEY|seal/i, say: 'A /me sign-in check could not be completed' },
  { test: /Can't reach database server|PrismaClient|P10\d\d|database/i, say: 'The database was unreachable or refused the query' },
  { test: /\b(4\d\d|5\d\d)\b.*(SMTP|recipient|mailbox unavailable)|SMTP/i, say: 'The SMTP server refused the message' },
  { test: /^Command failed/i, say: 'The IMAP server refused a command' },
];

/** The likely cause of `failedReason` in plain words, or the reason itself (first line, trimmed) when none is known. */
export function readableFailure(failedReason: string | null | undefined): string {
  const raw = (failedReason ?? '').trim();
  if (!raw) return 'No reason was recorded';
  const cause = CAUSES.find((c) => c.test.test(raw));
  return cause ? cause.say : raw.split('\n')[0].slice(0, 300);
}
