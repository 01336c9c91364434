// Which protocol to recommend, in general and for one mailbox. Pure.
import { formatBytes } from '../templates.ts';
import { leaveDays, quotaText, retentionSentence, type GuidanceFacts } from './live-values.ts';
import { endpoint, enabled } from './types.ts';

/** From here on a mailbox counts as near its quota for the advice (the usual first warning threshold). */
export const NEAR_QUOTA_PERCENT = 80;

export interface Offer {
  imap: boolean;
  pop: boolean;
  inboxRetentionDays: number | null;
  quotaBytes: number | null;
  popLeaveDays: number;
  /** The figures are the reader's own, not the default plan's (GuidanceFacts.figuresAreOwn). */
  own?: boolean;
}

export function offerOf(f: GuidanceFacts): Offer {
  return {
    imap: enabled(endpoint(f.settings, 'imap')),
    pop: enabled(endpoint(f.settings, 'pop3')),
    inboxRetentionDays: f.inboxRetentionDays,
    quotaBytes: f.quotaBytes,
    popLeaveDays: leaveDays(f),
    own: f.figuresAreOwn === true,
  };
}

/** The "POP or IMAP?" answer with the organisation's own numbers, as short paragraphs (plain text). */
export function generalAdvice(o: Offer): string[] {
  // Someone else's figures are never "yours": without a looked-up mailbox they are the default plan's, said as such.
  const out = [o.own
    ? `${retentionSentence(o.inboxRetentionDays)}; your quota is ${quotaText(o.quotaBytes)}.`
    : `On the standard plan, ${retentionSentence(o.inboxRetentionDays)}; the quota is ${quotaText(o.quotaBytes)}.`];
  if (o.imap && o.pop) {
    out.push('IMAP keeps your mail on the server and shows the same folders on every device. Choose it if you read mail on more than one device.');
    out.push(o.inboxRetentionDays === null
      ? 'POP downloads your mail to one computer. Choose it if you read mail on a single computer and want a copy there.'
      : `POP downloads your mail to one computer, which keeps it after the server has deleted it. Your mail program leaves a copy on the server for ${o.popLeaveDays} days.`);
  } else if (o.imap) {
    out.push('This organisation offers IMAP: your mail stays on the server and shows the same folders on every device.');
  } else {
    out.push('This organisation offers POP: your mail program downloads your mail and keeps it on your computer.');
  }
  if (o.imap && o.inboxRetentionDays !== null) {
    out.push(`With IMAP, move mail you want to keep out of the INBOX into an archive folder in your mail program's local folders before it is ${o.inboxRetentionDays} days old.`);
  }
  return out;
}

export interface Usage {
  planName: string | null;
  limitBytes: number | null;
  usedBytes: number | null;
  measuredAt: Date | null;
}

export interface PersonalAdvice {
  level: 'ok' | 'near' | 'over' | 'unknown';
  percent: number | null;
  usageText: string;
  recommendation: string[];
}

export function personalAdvice(u: Usage, o: Offer): PersonalAdvice {
  if (u.usedBytes === null) {
    return { level: 'unknown', percent: null, usageText: 'Your usage has not been measured yet.', recommendation: generalAdvice(o).slice(1) };
  }
  const percent = u.limitBytes ? Math.round((u.usedBytes / u.limitBytes) * 1000) / 10 : null;
  const usageText = percent === null
    ? `You use ${formatBytes(u.usedBytes)}; your mailbox has no quota.`
    : `You use ${formatBytes(u.usedBytes)} of ${formatBytes(u.limitBytes!)} (${percent}%).`;
  if (percent === null || percent < NEAR_QUOTA_PERCENT) {
    return { level: 'ok', percent, usageText, recommendation: generalAdvice(o).slice(1) };
  }
  const recommendation = [
    percent >= 100 ? 'Your mailbox is full: new mail to you may be refused until you make room.' : 'Your mailbox is nearly full.',
  ];
  if (o.imap) recommendation.push("If you use IMAP, move older mail into a local archive folder on your computer (it then no longer counts against your quota), and empty the Trash.");
  if (o.imap && o.pop) recommendation.push('If you read mail on one computer only, POP is an alternative: it downloads your mail and removes it from the server after a few days.');
  if (!o.imap) recommendation.push('Make sure your mail program does not leave every message on the server: set it to remove downloaded mail after a few days.');
  return { level: percent >= 100 ? 'over' : 'near', percent, usageText, recommendation };
}
