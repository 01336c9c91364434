// Notice templates: the defaults per kind, and rendering with {{placeholders}}. Pure.
// Values come partly from users (display names), so: HTML output escapes them, the subject drops line
// breaks (the mailer would refuse them; we never want a header to depend on a user's name), and a
// placeholder we do not know stays visible, so a typo in an edited template shows instead of vanishing.

export type TemplateKind = 'near_quota' | 'over_quota' | 'back_under' | 'increase_ending' | 'increase_ended' | 'expiry_notice'
  | 'space_request_approved' | 'space_request_refused';

export interface Template {
  subject: string;
  text: string;
  /** Optional; without it the HTML part is the rendered text, escaped, in paragraphs. */
  html?: string | null;
}

export interface Rendered { subject: string; text: string; html: string }

export const PLACEHOLDERS = ['name', 'address', 'usage', 'limit', 'percent', 'threshold', 'helpUrl', 'expiresAt', 'count', 'subjects', 'exportUrl'] as const;
export type TemplateData = Partial<Record<(typeof PLACEHOLDERS)[number], string>>;

const SIGNATURE = '\n\nHow to make room: {{helpUrl}}\n\nThis message was sent automatically; replies are not read.';

export const DEFAULT_TEMPLATES: Record<TemplateKind, Template> = {
  near_quota: {
    subject: 'Your mailbox is {{percent}} full',
    text: 'Hello {{name}},\n\nyour mailbox {{address}} has passed {{threshold}}% of its quota: {{usage}} of {{limit}} ({{percent}}) is in use.\n'
      + 'When it is full, new mail to you will be refused. Please delete or archive messages you no longer need, and empty the Trash.' + SIGNATURE,
  },
  over_quota: {
    subject: 'Your mailbox is full: new mail may be refused',
    text: 'Hello {{name}},\n\nyour mailbox {{address}} is over its quota: {{usage}} of {{limit}} ({{percent}}) is in use.\n'
      + 'Mail sent to you may be refused until you free some space. Please delete or archive messages and empty the Trash.' + SIGNATURE,
  },
  back_under: {
    subject: 'Your mailbox is below its quota again',
    text: 'Hello {{name}},\n\nyour mailbox {{address}} is below its quota again: {{usage}} of {{limit}} ({{percent}}) is in use. '
      + 'New mail is accepted normally.\n\nThis message was sent automatically; replies are not read.',
  },
  increase_ending: {
    subject: 'Your temporary mailbox increase ends on {{expiresAt}}',
    text: 'Hello {{name}},\n\nthe temporary increase of the quota of {{address}} ends on {{expiresAt}}. Your limit will then be {{limit}}; '
      + 'you currently use {{usage}}. Please make room before then.' + SIGNATURE,
  },
  increase_ended: {
    subject: 'Your temporary mailbox increase has ended',
    text: 'Hello {{name}},\n\nthe temporary increase of the quota of {{address}} ended on {{expiresAt}}. Your limit is now {{limit}}; '
      + 'you use {{usage}} ({{percent}}).' + SIGNATURE,
  },
  expiry_notice: {
    subject: 'Old mail in {{address}} will be removed on {{expiresAt}}',
    text: 'Hello {{name}},\n\nunder your organisation\'s retention policy, {{count}} old message(s) in {{address}} will be removed from {{expiresAt}} on. '
      + 'The oldest are:\n{{subjects}}\n\nDownload a copy of it now (mbox or zip, no sign-in needed): {{exportUrl}}\n\n'
      + 'Or move anything you want to keep to your Archive folder, or download it with a POP or IMAP client that keeps local copies, before then.' + SIGNATURE,
  },
  space_request_approved: {
    subject: 'Your request for more mailbox space was approved',
    text: 'Hello {{name}},\n\nyour request for more space in {{address}} was approved: your limit is now {{limit}} until {{expiresAt}}. '
      + 'After that date it returns to what it was; you currently use {{usage}}.' + SIGNATURE,
  },
  space_request_refused: {
    subject: 'Your request for more mailbox space was not approved',
    text: 'Hello {{name}},\n\nyour request for more space in {{address}} was not approved. Your limit stays {{limit}}; you use {{usage}}. '
      + 'Please make room by deleting or archiving mail, or contact your help desk.' + SIGNATURE,
  },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
// CR, LF and every other control character but TAB, and Unicode's own line breaks (NEL, LS, PS), which some
// mail clients show as a new line: a value with them becomes one line.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f\u0085\u2028\u2029]+/g;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

function fill(template: string, data: TemplateData, transform: (v: string) => string): string {
  return template.replace(PLACEHOLDER, (match, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) && data[key as keyof TemplateData] !== undefined
      ? transform(data[key as keyof TemplateData]!)
      : match);
}

export function render(template: Template, data: TemplateData): Rendered {
  const subject = fill(template.subject, data, (v) => v.replace(CONTROL, ' ')).replace(CONTROL, ' ').trim();
  const text = fill(template.text, data, (v) => v);
  const html = template.html
    ? fill(template.html, data, escapeHtml)
    : text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`).join('\n');
  return { subject, text, html };
}

/** 1536 -> "1.5 KiB"; binary units, as quotas are set and shown in them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** What a Notification row's data (numbers frozen at the crossing) looks like to a reader. */
export interface NoticeFacts {
  name?: string | null;
  address: string;
  usedBytes?: number | null;
  limitBytes?: number | null;
  percent?: number | null;
  threshold?: number | null;
  expiresAt?: string | null;
  /** Expiry notices: how many messages will go, and the subjects of the oldest few. */
  count?: number | null;
  subjects?: string[] | null;
}

/**
 * {{exportUrl}} where no link is given: staff previews and the copy of a notice kept in the database never hold the
 * signed download link (it opens the user's mail to whoever has it); only the email sent to the user does.
 */
export const EXPORT_URL_WITHHELD = '(a personal download link, in the email sent to the user only)';

export function templateData(facts: NoticeFacts, helpUrl: string, links: { exportUrl?: string } = {}): TemplateData {
  const data: TemplateData = { address: facts.address, name: facts.name || facts.address, helpUrl, exportUrl: links.exportUrl ?? EXPORT_URL_WITHHELD };
  if (facts.usedBytes != null) data.usage = formatBytes(facts.usedBytes);
  if (facts.limitBytes != null) data.limit = formatBytes(facts.limitBytes);
  if (facts.percent != null) data.percent = `${Math.floor(facts.percent)}%`;
  if (facts.threshold != null) data.threshold = String(facts.threshold);
  if (facts.expiresAt) data.expiresAt = new Date(facts.expiresAt).toISOString().slice(0, 10);
  if (facts.count != null) data.count = String(facts.count);
  // One subject per line; line breaks inside a subject are flattened so it cannot fake extra lines.
  if (facts.subjects?.length) data.subjects = facts.subjects.slice(0, 5).map((s) => `  - ${s.replace(/[\r\n]+/g, ' ')}`).join('\n');
  return data;
}
