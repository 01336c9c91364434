// The one place that reads process.env. Every entrypoint (API, worker, policy server, scripts)
// calls loadConfig() once and passes the result down; nothing else looks at the environment.
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', default: 'postgresql://root@127.0.0.1:5432/mailwarden' }),
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
  IMAP_ADMIN_PASSWORD: Type.String({ minLength: 1 }),
  IMAP_MASTER_SEPARATOR: Type.String({ minLength: 1, maxLength: 4, default: '*' }),

  SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 25 }),
  SMTP_SECURE: Type.Boolean({ default: false }),
  SMTP_USER: Type.String({ default: '' }),
  SMTP_PASSWORD: Type.String({ default: '' }),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Mailwarden <mailwarden@example.org>' }),

  SESSION_SECRET: Type.String({ minLength: 32 }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3000' }),
  /** Extra origin allowed by CORS (the Vite dev server); the API's own origin is always allowed. */
  CONSOLE_ORIGIN: Type.String({ default: '' }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parse and validate the environment. Throws ConfigError naming every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const keys = Object.keys(ConfigSchema.properties);
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') picked[key] = raw;
  }
  const withDefaults = Value.Default(ConfigSchema, picked);
  const converted = Value.Convert(ConfigSchema, withDefaults);
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = [...Value.Errors(ConfigSchema, converted)].map(describe);
    throw new ConfigError([...new Set(problems)]);
  }
  return Object.freeze(converted as Static<typeof ConfigSchema>);
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
