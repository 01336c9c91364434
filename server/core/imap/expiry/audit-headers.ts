// The three header fields the expiry audit records (Message-ID, Subject, Date), read from a
// `BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT DATE)]` answer instead of an ENVELOPE: the server sends one
// literal per message rather than ~40 nested tokens (four address lists the audit never stores), which halves
// what the worker parses per expired message. Values are read the way imapflow reads the same fields out of an
// ENVELOPE (encoded words decoded by imapflow's own decoder, the date through `new Date`), so audit rows look
// the same as before.
import { decodeText } from 'imapflow/lib/tools.js';

/** Header names for imapflow's `headers` fetch option. */
export const AUDIT_HEADER_FIELDS = ['message-id', 'subject', 'date'];

export interface AuditHeaders {
  messageId: string | null;
  subject: string | null;
  sentDate: Date | null;
}

/** RFC 2047 words decoded; text without any is returned as it is (most subjects: no decoder call at all). */
function decodeSubject(raw: string): string {
  if (!raw.includes('=?')) return raw;
  const decoded = decodeText(raw);
  // decodeText also strips one pair of surrounding quotes (meant for display names); a subject keeps them.
  return raw.length > 2 && raw.startsWith('"') && raw.endsWith('"') ? `"${decoded}"` : decoded;
}

/** Parses the header block (folded lines joined, first occurrence of each field wins, as in an ENVELOPE). */
export function parseAuditHeaders(block: Buffer | string | undefined | null): AuditHeaders {
  const out: AuditHeaders = { messageId: null, subject: null, sentDate: null };
  if (!block) return out;
  const text = typeof block === 'string' ? block : block.toString('utf8');
  // Unfold: a line starting with space or tab continues the previous one (RFC 5322 2.2.3).
  const lines = text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/);
  let seenId = false;
  let seenSubject = false;
  let seenDate = false;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'message-id' && !seenId) {
      seenId = true;
      out.messageId = value || null;
    } else if (name === 'subject' && !seenSubject) {
      seenSubject = true;
      out.subject = value ? decodeSubject(value) : null;
    } else if (name === 'date' && !seenDate) {
      seenDate = true;
      const d = value ? new Date(value) : null;
      out.sentDate = d && !Number.isNaN(d.getTime()) ? d : null;
    }
  }
  return out;
}
