// What the /me page shows a signed-in mail user about their own mailbox (#20): usage against the limit and its recent
// history, the largest folders and messages, the retention rule per folder, whether a legal hold applies (never its details), what
// will expire in the next 7 and 30 days (the expiry engine's own preview, run by a worker at those dates, with the
// user's own subjects), the POP vs IMAP advice with their figures, and their requests for more space.
import type { Db } from '../core/lib/prisma.ts';
import { toNumber } from '../core/lib/bigint.ts';
import type { MailboxReads } from './mailbox-reads.ts';
import type { LargestMessage, PreviewFolder } from '../core/queues/mailbox-read.ts';
import type { Rule } from '../core/domain/retention/rules.ts';
import { loadMailboxPolicy } from '../core/services/retention.ts';
import { firstActiveHold } from '../core/repositories/legal-holds.ts';
import { loadGuidanceContext } from './guidance-context.ts';
import { offerOf, personalAdvice, type Offer, type PersonalAdvice } from '../core/domain/guidance/advice.ts';
import { inboxRetentionDays } from '../core/domain/guidance/live-values.ts';
import { parseAddress } from '../core/domain/guidance/address.ts';

const DAY_MS = 86_400_000;
/** How many of the largest messages the page lists: enough to find what to delete or download, short on a phone. */
export const LARGEST_MESSAGES = 10;
/** The windows the page looks ahead. */
export const EXPIRY_WINDOWS = [7, 30] as const;

export interface MyMailbox {
  organisation: string;
  helpdesk: string;
  address: string;
  planName: string | null;
  usedBytes: number | null;
  limitBytes: number | null;
  scannedAt: Date | null;
  history: { at: Date; usedBytes: number; limitBytes: number | null }[];
  folders: { path: string; messages: number; bytes: number }[];
  /** The largest messages across the folders, largest first, with the user's own subjects and senders (the staff
   *  console's read, for this session's mailbox only), or null when they could not be read now. */
  largestMessages: LargestMessage[] | null;
  /** Every folder the last usage scan saw, by name: what "take it with you" offers to download. */
  folderNames: string[];
  policyName: string | null;
  rules: Rule[];
  legalHold: boolean;
  /** Per window (days): the folders with mail due by then, or null when it could not be read now. */
  expiry: { days: number; at: Date; folders: PreviewFolder[] | null }[];
  offer: Offer;
  advice: PersonalAdvice;
  requests: { id: number; extraBytes: number; until: Date; status: string; createdAt: Date }[];
}

export async function loadMyMailbox(db: Db, reads: MailboxReads, baseUrl: string, mailboxId: number, now = new Date()): Promise<MyMailbox> {
  const mailbox = await db.mailbox.findUniqueOrThrow({ where: { id: mailboxId }, include: { plan: { select: { name: true } } } });
  const [policy, hold, samples, guidance, requests] = await Promise.all([
    loadMailboxPolicy(db, mailbox),
    firstActiveHold(db, mailboxId, now),
    db.usageSample.findMany({ where: { mailboxId, at: { gte: new Date(now.getTime() - 30 * DAY_MS) } }, orderBy: { at: 'asc' }, select: { at: true, usedBytes: true, limitBytes: true } }),
    loadGuidanceContext(db, baseUrl),
    db.spaceRequest.findMany({ where: { mailboxId }, orderBy: { createdAt: 'desc' }, take: 5 }),
  ]);
  const limitBytes = toNumber(mailbox.effectiveLimitBytes);
  const usedBytes = toNumber(mailbox.usedBytes);
  // The generic facts, made this mailbox's: its limit, its own policy's INBOX rule, its address.
  const facts = { ...guidance.facts, quotaBytes: limitBytes, figuresAreOwn: true, inboxRetentionDays: inboxRetentionDays(policy.rules), address: parseAddress(mailbox.address) };
  const offer = offerOf(facts);
  const planName = mailbox.plan?.name ?? null;

  // The staff console's "largest messages" read (a worker's UID SORT REVERSE SIZE per folder), for the session's own
  // mailbox: its subjects and senders are the user's own mail, so they are shown to the user, and not audited (as
  // the expiry preview below is not). A failed read leaves the section out, not the page.
  const largest = reads.read({ kind: 'largest-messages', mailboxId, limit: LARGEST_MESSAGES, withMetadata: true }, mailbox.imapLogin)
    .then((r) => r.messages)
    .catch(() => null);

  // Nothing expires under a hold or without rules: no IMAP session is opened for nothing.
  const expiry = await Promise.all(EXPIRY_WINDOWS.map(async (days) => {
    const at = new Date(now.getTime() + days * DAY_MS);
    if (hold || !policy.rules.length) return { days, at, folders: [] };
    const folders = await reads.read({ kind: 'expiry-preview', mailboxId, at: at.toISOString(), withMetadata: true }, mailbox.imapLogin)
      .then((r) => r.folders.filter((f) => f.count > 0 || f.awaitingNotice > 0 || f.error))
      .catch(() => null);
    return { days, at, folders };
  }));
  const largestMessages = await largest;
  const scanned = Array.isArray(mailbox.usageFolders)
    ? (mailbox.usageFolders as { path: string; messages: number; bytes: number }[]).filter((f) => typeof f?.path === 'string')
    : [];
  const folders = [...scanned].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  return {
    organisation: guidance.facts.settings.organisationName,
    helpdesk: guidance.facts.settings.helpdeskContact,
    address: mailbox.address,
    planName,
    usedBytes,
    limitBytes,
    scannedAt: mailbox.scannedAt,
    history: samples.map((s) => ({ at: s.at, usedBytes: Number(s.usedBytes), limitBytes: toNumber(s.limitBytes) })),
    folders,
    largestMessages,
    folderNames: scanned.map((f) => f.path).sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a.localeCompare(b))),
    policyName: policy.policy?.name ?? null,
    rules: policy.rules,
    legalHold: hold !== null,
    expiry,
    offer,
    advice: personalAdvice({ planName, limitBytes, usedBytes, measuredAt: mailbox.scannedAt }, offer),
    requests: requests.map((r) => ({ id: r.id, extraBytes: Number(r.extraBytes), until: r.until, status: r.status, createdAt: r.createdAt })),
  };
}
