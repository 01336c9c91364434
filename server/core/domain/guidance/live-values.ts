// The live numbers guidance is written around (quota, INBOX retention, POP "leave on server" days) and
// the {{placeholders}} articles use. Pure: services/guidance-context.ts loads the rows.
import { planFolders } from '../retention/plan.ts';
import type { Rule } from '../retention/rules.ts';
import { formatBytes } from '../templates.ts';
import { loginName, type ParsedAddress } from './address.ts';
import { endpoint, securityLabel, type MailSettingsData } from './types.ts';

/** Used when neither the setting nor a retention rule says how long POP clients leave mail on the server. */
export const DEFAULT_POP_LEAVE_DAYS = 14;

/**
 * Days after which INBOX mail is deleted, or null when INBOX is never expired. Uses the retention planner
 * itself (first rule by position whose selector matches INBOX, globs and "INBOX" in any case), so the help page
 * can never disagree with what the expiry job does. A `move` rule takes mail out of INBOX without deleting it.
 */
export function inboxRetentionDays(rules: Rule[]): number | null {
  const [plan] = planFolders(rules, [{ path: 'INBOX', specialUse: null }]);
  const rule = plan?.rule;
  return rule && rule.action === 'delete' ? rule.maxAgeDays : null;
}

/**
 * How long POP clients should leave mail on the server. Capped one day below the INBOX retention age:
 * a client told to keep mail for as long as the server keeps it would race the expiry job and, on some
 * clients, treat the server's deletion as its own and drop the local copy. 0 = do not leave mail.
 */
export function popLeaveOnServerDays(setting: number | null, retentionDays: number | null): number {
  if (retentionDays === null) return setting ?? DEFAULT_POP_LEAVE_DAYS;
  const cap = Math.max(0, retentionDays - 1);
  return Math.min(setting ?? cap, cap);
}

/** Everything a rendered article or client config may mention. */
export interface GuidanceFacts {
  settings: MailSettingsData;
  /** The quota of the user's plan (or the default plan); null = none set. */
  quotaBytes: number | null;
  /** The quota and retention are this reader's own (their mailbox was looked up, or they signed in at /me). Otherwise
   *  they are the default plan's, and every sentence says so: a public page never presents them as the reader's. */
  figuresAreOwn?: boolean;
  inboxRetentionDays: number | null;
  /** Where /help and /mobileconfig live (PUBLIC_BASE_URL). */
  baseUrl: string;
  /** Set only for a personalised page: the address the user typed (never looked up for these values). */
  address?: ParsedAddress | null;
}

export const leaveDays = (f: GuidanceFacts) => popLeaveOnServerDays(f.settings.popLeaveOnServerDays, f.inboxRetentionDays);

export function retentionSentence(days: number | null): string {
  return days === null ? 'INBOX mail is not expired automatically' : `INBOX mail older than ${days} days is deleted`;
}

export const quotaText = (bytes: number | null) => (bytes === null ? 'not limited' : formatBytes(bytes));

/** The {{quota}} placeholder: the reader's own figure, or the default plan's, saying so. */
const quotaPlaceholder = (f: GuidanceFacts) => (f.figuresAreOwn ? quotaText(f.quotaBytes) : `${quotaText(f.quotaBytes)} on the standard plan`);

/** Placeholder name -> text. Documented in the console's article editor (GUIDANCE_PLACEHOLDERS). */
export function placeholderValues(f: GuidanceFacts): Record<string, string> {
  const s = f.settings;
  const values: Record<string, string> = {
    organisation: s.organisationName,
    domain: f.address?.domain && s.domains.includes(f.address.domain) ? f.address.domain : s.domains[0]!,
    domains: s.domains.join(', '),
    username: f.address ? loginName(f.address, s.usernameFormat) : s.usernameFormat === 'address' ? 'your full email address' : 'the part of your address before the @',
    email: f.address?.address ?? 'your email address',
    quota: quotaPlaceholder(f),
    inboxRetentionDays: f.inboxRetentionDays === null ? 'unlimited' : String(f.inboxRetentionDays),
    inboxRetention: f.figuresAreOwn ? retentionSentence(f.inboxRetentionDays) : `${retentionSentence(f.inboxRetentionDays)} on the standard plan`,
    popLeaveOnServerDays: String(leaveDays(f)),
    helpdesk: s.helpdeskContact || 'your help desk',
    webmail: s.webmailUrl ?? '(no webmail)',
    helpUrl: `${f.baseUrl}/help`,
    mobileconfigUrl: `${f.baseUrl}/mobileconfig${f.address ? `?email=${encodeURIComponent(f.address.address)}` : ''}`,
  };
  for (const service of ['imap', 'pop3', 'smtp'] as const) {
    const e = endpoint(s, service);
    values[`${service}.host`] = e.host;
    values[`${service}.port`] = String(e.port);
    values[`${service}.security`] = securityLabel(e.tls);
  }
  return values;
}

export const PLACEHOLDER_NAMES = [
  'organisation', 'domain', 'domains', 'username', 'email', 'quota', 'inboxRetentionDays', 'inboxRetention', 'popLeaveOnServerDays',
  'helpdesk', 'webmail', 'helpUrl', 'mobileconfigUrl',
  'imap.host', 'imap.port', 'imap.security', 'pop3.host', 'pop3.port', 'pop3.security', 'smtp.host', 'smtp.port', 'smtp.security',
] as const;

/** Fills {{name}}; an unknown name stays visible so a typo in an edited article shows instead of vanishing. */
export function fillPlaceholders(markdown: string, values: Record<string, string>): string {
  return markdown.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}
