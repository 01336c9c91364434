// TypeBox schemas for mail settings, guidance articles, the preview and the DNS records.
// The schema bounds types, ranges and lengths; domain/guidance/settings-rules.ts checks hostnames and domains.
import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';
import { ARTICLE_CLIENTS, ARTICLE_PROTOCOLS, TLS_MODES, USERNAME_FORMATS } from '../core/domain/guidance/types.ts';

const Host = Type.String({ minLength: 1, maxLength: 253 });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Tls = Type.Enum([...TLS_MODES]);

const settingsFields = {
  organisationName: Type.String({ minLength: 1, maxLength: 100 }),
  domains: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1, maxItems: 50 }),
  imapHost: Host, imapPort: Port, imapTls: Tls,
  pop3Host: Host, pop3Port: Port, pop3Tls: Tls,
  smtpHost: Host, smtpPort: Port, smtpTls: Tls,
  usernameFormat: Type.Enum([...USERNAME_FORMATS]),
  webmailUrl: Nullable(Type.String({ maxLength: 500 })),
  helpdeskContact: Type.String({ maxLength: 200 }),
  popLeaveOnServerDays: Nullable(Type.Integer({ minimum: 0, maximum: 3650 })),
  allowPersonalLookup: Type.Boolean({ description: 'Whether /help?email= may show plan and usage (and so reveal that the address exists)' }),
};

export const MailSettingsSchema = Type.Object({ id: Type.Literal('mail'), ...settingsFields, updatedAt: DateTime });

export const MailSettingsUpdateSchema = Type.Object(
  {
    ...settingsFields,
    // react-admin sends the whole record back; read-only fields are accepted and ignored.
    id: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type MailSettingsUpdate = Static<typeof MailSettingsUpdateSchema>;

const articleFields = {
  slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'lower-case words joined by hyphens' }),
  protocol: Type.Enum([...ARTICLE_PROTOCOLS]),
  client: Type.Enum([...ARTICLE_CLIENTS]),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  markdown: Type.String({ maxLength: 20_000 }),
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
};

export const ArticleSchema = Type.Object({ id: Type.Integer(), ...articleFields, createdAt: DateTime, updatedAt: DateTime });

export const ArticleCreateSchema = Type.Object(
  { ...articleFields, position: Type.Optional(articleFields.position) },
  { additionalProperties: false },
);
export type ArticleCreate = Static<typeof ArticleCreateSchema>;

export const ArticleUpdateSchema = Type.Object(
  {
    slug: Type.Optional(articleFields.slug),
    protocol: Type.Optional(articleFields.protocol),
    client: Type.Optional(articleFields.client),
    title: Type.Optional(articleFields.title),
    markdown: Type.Optional(articleFields.markdown),
    position: Type.Optional(articleFields.position),
    id: Type.Optional(Type.Integer()),
    createdAt: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ArticleUpdate = Static<typeof ArticleUpdateSchema>;

export const PreviewRequestSchema = Type.Object(
  {
    markdown: articleFields.markdown,
    /** Preview as this user would see it (fills {{email}}, {{username}}); nothing is looked up. */
    email: Type.Optional(Type.String({ maxLength: 254 })),
  },
  { additionalProperties: false },
);

export const PreviewResponseSchema = Type.Object({
  html: Type.String(),
  /** The values the placeholders were filled with, for the editor's help panel. */
  values: Type.Record(Type.String(), Type.String()),
});

export const DnsRecordsSchema = Type.Object({
  zone: Type.String(),
  records: Type.Array(Type.Object({
    name: Type.String(),
    type: Type.Enum(['SRV', 'CNAME', 'A', 'AAAA']),
    ttl: Type.Integer(),
    value: Type.String(),
    purpose: Type.String(),
  })),
  notes: Type.Array(Type.String()),
});
