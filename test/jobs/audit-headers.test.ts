// Pure: the audit's header fields read from a HEADER.FIELDS answer (server/core/imap/expiry/audit-headers.ts). No I/O, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { parseAuditHeaders } from '../../server/core/imap/expiry/audit-headers.ts';

describe('parseAuditHeaders', () => {
  it('reads Message-ID, Subject and Date, in any order and case', () => {
    const h = parseAuditHeaders(Buffer.from('date: Fri, 30 Oct 2026 23:21:37 +0100\r\nSUBJECT: Quarterly report\r\nMessage-ID: <a.1@example.test>\r\n\r\n'));
    expect(h).toEqual({ messageId: '<a.1@example.test>', subject: 'Quarterly report', sentDate: new Date('2026-10-30T22:21:37Z') });
  });

  it('joins folded lines and decodes encoded words, keeping a subject\'s own quotes', () => {
    const h = parseAuditHeaders('Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n =?UTF-8?B?YXVzIEvDtmxu?=\r\n\r\n');
    expect(h.subject).toBe('Grüßeaus Köln');
    expect(parseAuditHeaders('Subject: "=?UTF-8?Q?zitiert?="\r\n').subject).toBe('"zitiert"');
    expect(parseAuditHeaders('Subject: a long\r\n\tsubject\r\n').subject).toBe('a long\tsubject');
  });

  it('gives null for missing, empty or unparseable fields, and keeps the first of repeated ones', () => {
    expect(parseAuditHeaders(Buffer.from('\r\n'))).toEqual({ messageId: null, subject: null, sentDate: null });
    expect(parseAuditHeaders(null)).toEqual({ messageId: null, subject: null, sentDate: null });
    const h = parseAuditHeaders('Subject:\r\nDate: not a date\r\nMessage-ID: <first@x>\r\nMessage-ID: <second@x>\r\n');
    expect(h).toEqual({ messageId: '<first@x>', subject: null, sentDate: null });
  });
});
