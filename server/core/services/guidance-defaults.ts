// Defaults for a new installation: the demo organisation's server settings and the starter articles.
// Seeded from code on first use rather than in a migration, so tests (which truncate tables) and fresh
// installs get the same start, and the defaults can change without a schema change.
import type { DbOrTx, Db } from '../lib/prisma.ts';
import type { MailSettingsData } from '../domain/guidance/types.ts';
import { DEFAULT_ARTICLES } from './guidance-default-articles.ts';

export const DEFAULT_SETTINGS: MailSettingsData = {
  organisationName: 'Example.org',
  domains: ['example.org'],
  // Implicit TLS first (RFC 8314): 993, 995 and 465.
  imapHost: 'mail.example.org', imapPort: 993, imapTls: 'implicit',
  pop3Host: 'mail.example.org', pop3Port: 995, pop3Tls: 'implicit',
  smtpHost: 'mail.example.org', smtpPort: 465, smtpTls: 'implicit',
  usernameFormat: 'address',
  webmailUrl: null,
  helpdeskContact: 'helpdesk@example.org',
  popLeaveOnServerDays: 14,
  // Off: /help?email= must not reveal which addresses exist unless the organisation decides it may.
  allowPersonalLookup: false,
};

export const SETTINGS_ID = 1;

type SettingsRow = NonNullable<Awaited<ReturnType<DbOrTx['mailSettings']['findUnique']>>>;

/**
 * The settings row, created with the defaults on first use. The starter articles are seeded in the same
 * transaction, and only by the request that created the row: deleting every article later stays deleted.
 */
export async function loadSettingsRow(db: Db): Promise<SettingsRow> {
  const row = await db.mailSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (row) return row;
  return db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: two first requests at once create one row, and only the winner seeds articles.
    const { count } = await tx.mailSettings.createMany({ data: [{ id: SETTINGS_ID, ...DEFAULT_SETTINGS }], skipDuplicates: true });
    if (count === 1 && (await tx.guidanceArticle.count()) === 0) {
      await tx.guidanceArticle.createMany({ data: DEFAULT_ARTICLES, skipDuplicates: true });
    }
    return tx.mailSettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } });
  });
}
