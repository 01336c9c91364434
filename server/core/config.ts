// The one place that reads process.env. Every entrypoint (API, worker, policy server, scripts)
// calls loadConfig() once and passes the result down; nothing else looks at the environment.
// The settings without a default (SECRET_KEYS) are checked only by the processes that use them:
// the API needs both, a worker the IMAP admin password, the policy service and the CLIs neither.
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** API processes sharing HOST:PORT (node:cluster, server/http/api-processes.ts); one per core the API may use. */
  API_PROCESSES: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', default: 'postgresql://root@127.0.0.1:5432/mailwarden' }),
  /** Opening a PostgreSQL connection fails after this long: 3 s lets an API request answer 503 promptly while the database is down. */
  DB_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 3_000 }),
  /** PostgreSQL statement_timeout; the client gives up 2 s later if no answer comes at all (a silent network partition),
   *  so no request or job hangs on the database. 30 s is far above any query Mailwarden makes; 0 = no limit. */
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
  /** TCP keepalive on database connections after this much idle time (0 = off): keeps NAT/firewall state, finds dead peers. */
  DB_KEEPALIVE_IDLE_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 10_000 }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  /** Prefix for every BullMQ key, so tests and several installations can share one Redis. */
  QUEUE_PREFIX: Type.String({ minLength: 1, default: 'mailwarden' }),

  IMAP_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  IMAP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 143 }),
  IMAP_SECURE: Type.Boolean({ default: false }),
  /** Accept self-signed certificates on the IMAP server (lab setups only). */
  IMAP_TLS_INSECURE: Type.Boolean({ default: false }),
  /** How Mailwarden reaches every mailbox: a Dovecot master user (`user*admin`) or SASL PLAIN with an authorization identity. */
  IMAP_ADMIN_MODE: Type.Enum(['master', 'authzid'], { default: 'master' }),
  IMAP_ADMIN_USER: Type.String({ minLength: 1, default: 'mailwarden' }),
  IMAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 1 })),
  IMAP_MASTER_SEPARATOR: Type.String({ minLength: 1, maxLength: 4, default: '*' }),
  /** A usage scan gives up when the IMAP server sends nothing for this long (greeting, login, each reply): 30 s is far
   *  above a LIST-STATUS over a large mailbox and far below the 5-minute idle limit of other sessions, so a server that
   *  stops answering fails the scan (scanError) instead of holding a worker slot. */
  IMAP_READ_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),

  SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 25 }),
  SMTP_SECURE: Type.Boolean({ default: false }),
  SMTP_USER: Type.String({ default: '' }),
  SMTP_PASSWORD: Type.String({ default: '' }),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Mailwarden <mailwarden@example.org>' }),

  /** Usage-scan jobs one worker process runs at once: each holds one IMAP session (and a Dovecot imap process) open,
   *  a batch job scanning its mailboxes one after another. */
  SCAN_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 100, default: 4 }),
  /** Admin logins per second across all worker hosts (BullMQ's limiter is per queue; it admits this / SCAN_BATCH_SIZE
   *  jobs a second, jobs/workers/usage-scan.ts), so this caps the load a full fan-out puts on the IMAP server's auth. */
  SCAN_RATE_PER_SECOND: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  /** Live usage (jobs/live-usage.ts, docs/operations.md): `quota-clone` listens for the usage Dovecot's quota_clone plugin writes
   *  to the dovecot_quota_clone table and records it (with notices and the policy service's refresh) within a second,
   *  no scan needed; `off` leaves usage to the scheduled scan. Idle, and harmless, where nothing writes the table. */
  LIVE_USAGE: Type.Enum(['quota-clone', 'off'], { default: 'quota-clone' }),
  /** A scheduled scan reads a mailbox's quota root alone (one command: totals, not folders) when its folders were
   *  measured less than this many hours ago; otherwise it lists every folder too. A manual scan always does. 0 = every
   *  scan lists folders. The per-folder sizes feed the "largest folders" views and the /me page. */
  SCAN_FOLDERS_HOURS: Type.Integer({ minimum: 0, maximum: 8760, default: 24 }),
  /** When every mailbox is scanned (cron, server time zone). Hourly at :15, off the top of the hour where cron jobs pile up. */
  SCAN_CRON: Type.String({ pattern: '^\\S+( \\S+){4,5}$', default: '15 * * * *' }),
  /** The scan's short IMAP exchange (server/core/imap/usage-fast-path.ts): `auto` uses it on servers whose capabilities allow it,
   *  `off` measures every mailbox through imapflow (more round trips, same figures). */
  SCAN_FAST_PATH: Type.Enum(['auto', 'off'], { default: 'auto' }),
  /** Whether Mailwarden sets each mailbox's storage limit on the IMAP server with SETQUOTA (RFC 9208, as the admin):
   *  `auto` on servers that offer QUOTA and are not Dovecot (which reads the limit from Mailwarden's dovecot_users view),
   *  `setquota` on any server offering QUOTA, `off` never (the limit the server reports is still recorded and compared). */
  QUOTA_SYNC: Type.Enum(['auto', 'setquota', 'off'], { default: 'auto' }),
  /** Re-send the over-quota notice while a mailbox stays over, at most this often; 0 = only once per episode. Daily keeps it a reminder, not spam. */
  NOTICE_OVER_QUOTA_RESEND_HOURS: Type.Integer({ minimum: 0, maximum: 720, default: 24 }),
  /** A fired threshold re-arms only once usage drops this many points below it, so a mailbox hovering at 80 % is not told again on every scan. */
  NOTICE_HYSTERESIS_PERCENT: Type.Number({ minimum: 0, maximum: 20, default: 2 }),
  /** Dovecot applies a user's quota at login: when a limit drops to or below usage, `doveadm` disconnects the user's
   *  open sessions so they log in again under the new limit (docs/policy.md). Off by default: it needs doveadm on the
   *  host of the API and the workers, run by a user that may use Dovecot's anvil socket (root or the dovecot group). */
  SESSION_KICK: Type.Enum(['off', 'doveadm'], { default: 'off' }),
  /** The dovecot.conf passed to `doveadm -c`; empty = doveadm's own default (/etc/dovecot/dovecot.conf). */
  DOVEADM_CONFIG: Type.String({ default: '' }),
  /** Dovecot's doveadm HTTP API (`http://host:port/doveadm/v1`), with DOVEADM_API_KEY (its `doveadm_api_key`): scheduled
   *  scans then read the totals of a whole batch in one request (quotaGet, no IMAP login per mailbox); folders, manual
   *  scans and any user it cannot answer for still go over IMAP. Empty = IMAP only. Workers only. */
  DOVEADM_API_URL: Type.String({ pattern: '^(https?://\\S+)?$', default: '' }),
  DOVEADM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),

  /** When the retention sweep runs (cron, server time zone). 02:30 nightly: out of office hours, off the hour's :00/:15 jobs. */
  EXPIRY_CRON: Type.String({ pattern: '^\\S+( \\S+){4,5}$', default: '30 2 * * *' }),
  /** Mailboxes one worker process expires at once; each holds one IMAP session that STOREs and EXPUNGEs. 2 keeps
   *  the write load on the mail storage modest while a nightly sweep still covers thousands of mailboxes an hour. */
  EXPIRY_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 50, default: 2 }),
  /** Mailbox reads (expiry previews, live folder lists) one worker process runs at once, each in its own IMAP session.
   *  The API never opens IMAP: it asks a worker through the mailbox-read queue and waits (server/services/mailbox-reads.ts). */
  MAILBOX_READ_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 50, default: 4 }),
  /** How long the API waits for a mailbox read before answering 503. */
  MAILBOX_READ_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 60_000 }),
  /** Mailbox reads one API process waits for at once; more are answered 429 with Retry-After. */
  MAILBOX_READ_MAX_WAITING: Type.Integer({ minimum: 1, maximum: 1_000, default: 8 }),
  /** Allow a plain EXPUNGE on servers without UIDPLUS. It also removes messages users marked \Deleted themselves: off by default. */
  EXPIRY_ALLOW_PLAIN_EXPUNGE: Type.Boolean({ default: false }),
  /** What the per-message expiry audit keeps of a subject: the text, or only its SHA-256 (privacy-minded deployments). */
  EXPIRY_AUDIT_SUBJECT: Type.Enum(['subject', 'hash'], { default: 'subject' }),
  /** Days the per-message expiry audit keeps a confirmed row (maintenance task prune-expiry-audit); rows of a mailbox
   *  under a legal hold are kept while it lasts. 0 = keep forever: the default, because the audit is the record of
   *  what was destroyed, and how long to keep that is the organisation's records policy, not something an upgrade decides. */
  EXPIRY_AUDIT_KEEP_DAYS: Type.Integer({ minimum: 0, maximum: 36_500, default: 0 }),
  /** Longest UID set (characters) one expiry STORE / UID EXPUNGE carries. 7,500 keeps a command within the 8,192
   *  octets RFC 7162 asks clients to stay under. Dovecot accepts lines up to `imap_max_line_length` (64 KB by
   *  default): 60000 there lets a scattered set (every other message expired) go in ~8,500 UIDs per UID EXPUNGE
   *  instead of ~1,070, and Dovecot's cost on a huge folder is per UID EXPUNGE (docs/benchmarks.md). */
  EXPIRY_MAX_UID_SET_CHARS: Type.Integer({ minimum: 1_000, maximum: 1_000_000, default: 7_500 }),

  /** Postfix policy service (server/policy, `npm run policyd`). Loopback by default: Postfix runs on the same host and the
   *  protocol has no authentication, so anything that can connect can read which mailboxes are full. */
  POLICY_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** 10040 is the port Postfix's SMTPD_POLICY_README and most policy daemons use by convention. 0 = no TCP listener
   *  (POLICY_SOCKET only: then only the socket's group can ask, not every local process). */
  POLICY_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 10040 }),
  /** Optional UNIX socket as well (e.g. /var/spool/postfix/private/mailwarden-policy for a chrooted smtpd); empty = none. */
  POLICY_SOCKET: Type.String({ default: '' }),
  /** Connections one TCP client address may hold. Postfix opens one per smtpd process (default_process_limit 100; busy hosts run a few
   *  hundred), so 1024 leaves it room while one hostile local client takes at most a quarter of the 4,096 connections. */
  POLICY_MAX_CONNECTIONS_PER_CLIENT: Type.Integer({ minimum: 1, maximum: 4096, default: 1024 }),
  /** Idle policy connections close after this long. Postfix closes its own after smtpd_policy_service_max_idle (300 s):
   *  330 s lets it hang up first, so a connection it still means to reuse is never cut. */
  POLICY_IDLE_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 330 }),
  /** Reply for a recipient Mailwarden does not manage. DUNNO lets Postfix's own lookups decide (aliases, other domains). */
  POLICY_UNKNOWN_RECIPIENT_ACTION: Type.String({ pattern: '^[^\\r\\n]+$', maxLength: 500, default: 'DUNNO' }),
  /** Reply when the last usage scan is too old (or missing) to trust. DUNNO: a broken scanner must not stop mail. */
  POLICY_STALE_ACTION: Type.String({ pattern: '^[^\\r\\n]+$', maxLength: 500, default: 'DUNNO' }),
  /** Reply for a recipient whose mailbox is disabled (docs/mailbox-lifecycle.md). A 4xx makes senders retry for days, so a
   *  mailbox enabled again within that time gets its mail; set a 5xx (e.g. `550 5.2.1 Mailbox disabled`) to bounce at once. */
  POLICY_DISABLED_ACTION: Type.String({ pattern: '^[^\\r\\n]+$', maxLength: 500, default: '450 4.2.1 Mailbox disabled, try again later' }),
  /** Reply for a recipient whose mailbox is deleted (pending purge): a permanent "no such user", so senders learn at once. */
  POLICY_DELETED_ACTION: Type.String({ pattern: '^[^\\r\\n]+$', maxLength: 500, default: '550 5.1.1 Mailbox deleted' }),
  /** Usage older than this is "stale". 48 h tolerates a scan schedule that misses a day; 0 = never stale once scanned. */
  POLICY_STALE_AFTER_HOURS: Type.Number({ minimum: 0, maximum: 24 * 365, default: 48 }),
  /** Postfix's recipient_delimiter: each character separates the address from its extension (user+tag@ → user@). Empty = none. */
  POLICY_RECIPIENT_DELIMITER: Type.String({ maxLength: 8, default: '+' }),
  /** Prometheus /metrics of the policy service. 9464 (the usual exporter port) stays clear of Dovecot's quota-status (10041 in tests); 0 = off. */
  POLICY_METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9464 }),

  /** Bearer token for the API's /metrics (and the worker's). Empty = /metrics answers loopback callers only (Prometheus on the
   *  same host); set it as soon as a scraper connects from elsewhere or a reverse proxy on this host forwards requests. */
  METRICS_TOKEN: Type.String({ default: '' }),
  /** Where a worker process serves its own /metrics (job durations and failures it saw). Loopback by default: like the policy
   *  service, it is for a Prometheus on the same host. */
  WORKER_METRICS_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** 9465: next to the policy service's 9464. 0 = off. A second worker on the same host finds the port taken, logs it and
   *  runs without metrics (give each its own port, or scrape one per host). */
  WORKER_METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9465 }),

  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  /** A session unused this long ends, whatever its lifetime left. 30 min: NIST SP 800-63B's inactivity limit at AAL2
   *  (a console that can change quotas and delete mail is worth it). Any authenticated request counts as use. */
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
  /** Each API process keeps a resolved staff session this long instead of reading it from PostgreSQL on every request
   *  (0 = off). Logout, role, password, MFA and account changes reach every process at once over Redis pub/sub; the
   *  cache is bypassed while that subscription is down (server/plugins/app/session-cache.ts). */
  SESSION_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 10 }),
  /** Staff roles that must use MFA (TOTP): comma-separated roles, or `none`. A staff member of such a role without MFA
   *  can do nothing but enrol. Admin by default: an admin account can change every other one. */
  MFA_REQUIRED_ROLES: Type.String({ pattern: '^\\s*(none|(admin|ops|helpdesk)(\\s*,\\s*(admin|ops|helpdesk))*)\\s*$', default: 'admin' }),
  /** Key for the TOTP secrets stored in the database (AES-256-GCM, key derived with HKDF-SHA256). Unset: derived from
   *  SESSION_SECRET instead, so changing SESSION_SECRET then makes every enrolment unreadable (admins reset MFA). */
  MFA_SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** Self-service (/me, #20): the key that seals a mail user's password between the API and the worker that checks it
   *  with an IMAP LOGIN (AES-256-GCM, key derived with HKDF-SHA256; server/core/lib/login-seal.ts), so the password is
   *  never in Redis in clear. The API and every worker need the same value. Unset: /me sign-in is off. */
  MAIL_LOGIN_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** A mail user's /me session lasts at most this long (idle ones end after SESSION_IDLE_MINUTES, as staff ones do). */
  SELF_SERVICE_SESSION_MINUTES: Type.Integer({ minimum: 5, maximum: 1440, default: 60 }),
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3000' }),
  /** "Take it with you" (/me export, #20): the key that signs the pre-expiry notice's download links (HMAC-SHA256, key
   *  derived with HKDF-SHA256 for that purpose; server/core/lib/export-tokens.ts). The API, the export service and every
   *  worker need the same value. Unset: no export. */
  EXPORT_LINK_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** The export service (`npm run exporter`, server/export/): the only process besides the workers that opens IMAP, to
   *  stream a user's mail to the download. Loopback by default: the front (the TLS proxy) routes the two /me download
   *  paths to it (docs/deployment.md); users never reach it otherwise. */
  EXPORT_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** 3001: next to the API's 3000. */
  EXPORT_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  /** Downloads one export process streams at once (each holds one IMAP session); more are answered 429. 4 matches
   *  MAILBOX_READ_CONCURRENCY: a handful of users taking their mail at once, without crowding the IMAP server. */
  EXPORT_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 100, default: 4 }),
  /** Extra origin allowed by CORS (the Vite dev server); the API's own origin is always allowed. */
  CONSOLE_ORIGIN: Type.String({ default: '' }),

  /** Where mailboxes come from besides the API and CSV: `ldap` syncs them from an LDAP / Active Directory, `sql` from
   *  the user table an existing userdb reads (DIRECTORY_SQL_*) (the directory-sync job, server/core/directory/), `none`
   *  never runs a sync. */
  DIRECTORY_SOURCE: Type.Enum(['none', 'ldap', 'sql'], { default: 'none' }),
  /** DIRECTORY_SOURCE=sql: the PostgreSQL database the mail server's userdb reads (a read-only role is enough; its
   *  password is a secret, never logged or shown), and one SELECT naming its columns address, imap_login,
   *  display_name, alternate_address, plan (docs/directory-sync.md). */
  DIRECTORY_SQL_URL: Type.String({ pattern: '^(postgres(ql)?://\\S+)?$', default: '' }),
  DIRECTORY_SQL_QUERY: Type.String({ default: '' }),
  /** Whether the query's `plan` column sets each mailbox's plan (by name); off: plans stay the console's business. */
  DIRECTORY_SQL_PLANS: Type.Boolean({ default: false }),
  /** When the sync runs (cron, server time zone). Hourly at :40, off the scan's :15 and the sweep's 02:30. */
  DIRECTORY_SYNC_CRON: Type.String({ pattern: '^\\S+( \\S+){4,5}$', default: '40 * * * *' }),
  /** The safety stop: a run that would disable more than this share of the directory's mailboxes applies nothing.
   *  10 %: more people than that do not leave between two hourly runs, but a wrong filter or a half-synced replica does. */
  DIRECTORY_MAX_DISABLE_PERCENT: Type.Number({ minimum: 0, maximum: 100, default: 10 }),
  /** The status a mailbox gets when its entry is gone from the directory: `disabled` (kept, login refused, mail deferred) or
   *  `deleted` (purged after MAILBOX_PURGE_GRACE_DAYS unless the entry returns or a legal hold covers it). */
  DIRECTORY_GONE_STATUS: Type.Enum(['disabled', 'deleted'], { default: 'disabled' }),
  /** The diff lines of the newest this-many runs are kept; older runs keep their counts, their lines are pruned after each run. */
  DIRECTORY_KEEP_RUNS: Type.Integer({ minimum: 1, maximum: 100_000, default: 50 }),
  /** How long a deleted mailbox can be restored before the purge removes its mail (docs/mailbox-lifecycle.md). */
  MAILBOX_PURGE_GRACE_DAYS: Type.Integer({ minimum: 0, maximum: 3650, default: 30 }),
  /** ldap://host:389 (optionally with LDAP_STARTTLS) or ldaps://host:636. */
  LDAP_URL: Type.String({ pattern: '^(ldaps?://.+)?$', default: '' }),
  LDAP_STARTTLS: Type.Boolean({ default: false }),
  /** PEM file of the CA that signed the directory's certificate; empty = the system's CAs. */
  LDAP_CA_FILE: Type.String({ default: '' }),
  /** Empty = anonymous bind. The password is a secret: never logged, never in job data or API answers. */
  LDAP_BIND_DN: Type.String({ default: '' }),
  LDAP_BIND_PASSWORD: Type.Optional(Type.String({ minLength: 1 })),
  LDAP_BASE_DN: Type.String({ default: '' }),
  LDAP_FILTER: Type.String({ pattern: '^\\(.*\\)$', default: '(&(objectClass=inetOrgPerson)(mail=*))' }),
  LDAP_SCOPE: Type.Enum(['sub', 'one'], { default: 'sub' }),
  /** Attribute mapping (names as the directory spells them). LOGIN empty = the address is the IMAP login;
   *  ALTERNATE and PLAN empty = not synced. Active Directory: mail, sAMAccountName or userPrincipalName, displayName, proxyAddresses. */
  LDAP_ATTR_ADDRESS: Type.String({ minLength: 1, default: 'mail' }),
  LDAP_ATTR_LOGIN: Type.String({ default: '' }),
  LDAP_ATTR_NAME: Type.String({ default: 'displayName' }),
  LDAP_ATTR_ALTERNATE: Type.String({ default: '' }),
  LDAP_ATTR_PLAN: Type.String({ default: '' }),
  /** With LDAP_ATTR_PLAN=memberOf: a JSON object of group DN → plan name, e.g. {"cn=large,ou=groups,dc=x":"Large"}. */
  LDAP_PLAN_GROUPS: Type.String({ default: '' }),
  /** Entries per page of the paged search. 500 stays under OpenLDAP's and Active Directory's usual caps (1,000). */
  LDAP_PAGE_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
  /** Connecting and each request give up after this long: a directory that hangs fails the run, changing nothing. */
  LDAP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
});

/** Settings with no default: a process names the ones it needs when it loads the config. */
export const SECRET_KEYS = ['IMAP_ADMIN_PASSWORD', 'SESSION_SECRET'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];
type Settings = Static<typeof ConfigSchema>;
/** Every setting except the secrets: what the policy service and the CLIs get. */
export type BaseConfig = Readonly<Omit<Settings, SecretKey>>;
/** The base settings plus the secrets K, present and valid. */
export type ConfigWith<K extends SecretKey> = BaseConfig & Readonly<Required<Pick<Settings, K>>>;
/** Everything, secrets included: what the demo (which runs all processes) and the tests get. */
export type Config = ConfigWith<SecretKey>;
/** The API: staff sessions, no IMAP admin access (it never opens IMAP: workers read mailboxes for it). */
export type ApiConfig = ConfigWith<'SESSION_SECRET'>;
/** A worker process: IMAP admin access, no sessions. */
export type WorkerConfig = ConfigWith<'IMAP_ADMIN_PASSWORD'>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parse and validate the environment. Throws ConfigError naming every bad or missing variable.
 * `needs` lists the secrets this process uses (default: all of them); a secret not listed is not
 * required, and is left out of the result's type so the process cannot come to depend on it.
 */
export function loadConfig(env?: Env): Config;
export function loadConfig<K extends SecretKey>(env: Env, needs: readonly K[]): ConfigWith<K>;
export function loadConfig(env: Env = process.env, needs: readonly SecretKey[] = SECRET_KEYS): BaseConfig {
  const keys = Object.keys(ConfigSchema.properties);
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    if ((SECRET_KEYS as readonly string[]).includes(key) && !needs.includes(key as SecretKey)) continue; // not this process's business
    const raw = env[key];
    if (raw !== undefined && raw !== '') picked[key] = raw;
  }
  const withDefaults = Value.Default(ConfigSchema, picked);
  const converted = Value.Convert(ConfigSchema, withDefaults) as Record<string, unknown>;
  const problems = needs.filter((key) => converted[key] === undefined).map((key) => `${key} is required`);
  if (!Value.Check(ConfigSchema, converted)) problems.push(...[...Value.Errors(ConfigSchema, converted)].map(describe));
  if (converted.DOVEADM_API_URL && !converted.DOVEADM_API_KEY) problems.push('DOVEADM_API_KEY is required when DOVEADM_API_URL is set');
  if (problems.length) throw new ConfigError([...new Set(problems)]);
  return Object.freeze(converted as Settings);
}

function describe(error: { instancePath: string; message: string; params?: unknown }): string {
  const missing = (error.params as { requiredProperties?: string[] } | undefined)?.requiredProperties;
  if (missing?.length) return missing.map((k) => `${k} is required`).join('; ');
  const key = error.instancePath.replace(/^\//, '');
  // Never echo the value: it may be a secret.
  const allowed = (error.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
  const message = allowed ? `must be one of: ${allowed.join(', ')}` : error.message;
  return `${key} ${message}`;
}
