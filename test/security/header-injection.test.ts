// Real: templates (server/core/domain/templates.ts), the mailer (nodemailer) and the notify worker (jobs/start.ts) delivering to an smtp-server sink over SMTP, PostgreSQL, Redis. Hostile display names and addresses come from a corpus and a seeded generator (test/harness/fuzz.ts); the raw messages the sink received are inspected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, render, templateData, type Template } from '../../server/core/domain/templates.ts';
import { createMailer, MailInputError, type Mailer, type OutgoingMail } from '../../server/core/mail/mailer.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';
import type { ReceivedMessage } from '../../scripts/lib/smtp-sink.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testPort } from '../harness/env.ts';
import { forAllAsync, type Gen } from '../harness/fuzz.ts';

const TO = 'user@example.test';
const HOSTILE_NAMES = [
  'Eve\r\nBcc: victim@evil.test', 'Eve\nSubject: you won', 'Eve\rTo: other@evil.test', 'Eve\r\n\r\n<html>body takeover', 'Eve\u2028Bcc: x@evil.test',
  'Eve\u0085Cc: x@evil.test', 'Eve\0Bcc: x@evil.test', '=?UTF-8?Q?Eve=0D=0ABcc:_x@evil.test?=', '=?UTF-8?B?RXZlDQpCY2M6IHhAZXZpbC50ZXN0?=',
  'Doe, John <evil@evil.test>', '"Eve" <evil@evil.test>, victim@evil.test', '<script>alert(1)</script>', `${'A'.repeat(1200)}\r\nBcc: x@evil.test`,
  'Ève Ünïcødé 日本 😀', '%0d%0aBcc: x@evil.test', '\tfolded\r\n continuation: yes',
];
const ALLOWED_HEADERS = new Set(['from', 'to', 'cc', 'subject', 'message-id', 'date', 'mime-version', 'content-type', 'content-transfer-encoding', 'auto-submitted', 'x-auto-response-suppress', 'x-mailwarden-notice']);
const SUBJECTED: Template = { subject: 'Hello {{name}} <{{address}}>: {{percent}}', text: 'Dear {{name}},\n{{address}} is at {{percent}}.', html: '<p>Dear {{name}}</p>' };

function hostileName(g: Gen): string {
  return g.bool(0.3) ? g.pick(HOSTILE_NAMES) : `${g.text(0, 12)}${g.pick(['\r\n', '\n', '\r', '\u2028', ''])}${g.pick(['Bcc', 'To', 'Cc', 'Subject', 'Reply-To', 'Content-Type'])}: ${g.text(0, 20)}@evil.test${g.text(0, 8)}`;
}

/** Header names of the raw message, unfolded, in order. */
function headerNames(raw: string): string[] {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  return head.split(/\r?\n(?![ \t])/).map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

function expectClean(msg: ReceivedMessage, recipients: string[]) {
  expect(msg.envelope.to.sort()).toEqual(recipients.sort());
  const names = headerNames(msg.raw);
  expect(names.filter((n) => !ALLOWED_HEADERS.has(n)), msg.raw.slice(0, 600)).toEqual([]);
  for (const once of ['from', 'to', 'subject', 'message-id', 'date']) expect(names.filter((n) => n === once), once).toHaveLength(1);
  expect(names).not.toContain('bcc');
  expect(msg.parsed.subject).not.toMatch(/[\r\n\u2028\u0085]/);
  expect(msg.parsed.to).toBe(recipients.includes(TO) ? TO : msg.parsed.to);
  expect(msg.parsed.html ?? '').not.toMatch(/<script/i);
}

let h: JobsHarness;
let mailer: Mailer;
beforeAll(async () => {
  h = await startJobsHarness(testPort(10399));
  mailer = createMailer(h.ctx.config);
});
afterAll(async () => {
  mailer?.close();
  await h?.stop();
});

describe('rendered notices through the mailer', () => {
  it('never let a display name or placeholder value add a header or a recipient (seeded cases)', async () => {
    await forAllAsync(120, async (g) => {
      h.sink.clear();
      const name = hostileName(g);
      const template = g.pick([DEFAULT_TEMPLATES.near_quota, DEFAULT_TEMPLATES.over_quota, DEFAULT_TEMPLATES.expiry_notice, SUBJECTED]);
      const rendered = render(template, templateData({ name, address: TO, usedBytes: 90, limitBytes: 100, percent: 90, threshold: 80, expiresAt: '2026-12-24T00:00:00Z' }, 'https://help.example.test/help'));
      await mailer.send({ to: TO, ...rendered, headers: { 'X-Mailwarden-Notice': 'near_quota; id=1' } });
      expect(h.sink.messages).toHaveLength(1);
      expectClean(h.sink.messages[0], [TO]);
    });
  });

  it('refuses addresses and header values that carry line breaks or several recipients, sending nothing', async () => {
    h.sink.clear();
    const bad: Array<Partial<OutgoingMail> & { to: string }> = [
      { to: `${TO}\r\nBcc: victim@evil.test` }, { to: `${TO}, victim@evil.test` }, { to: `Eve <${TO}>, victim@evil.test` }, { to: 'victim@evil.test\0' },
      { to: TO, cc: 'admin@example.test\nBcc: x@evil.test' }, { to: TO, headers: { 'X-Note': 'a\r\nBcc: x@evil.test' } }, { to: TO, headers: { 'Bcc': 'x@evil.test' } },
      { to: TO, headers: { 'X-Bad\r\nBcc': 'x' } }, { to: TO, subject: 'a\nBcc: x@evil.test' },
    ];
    for (const fields of bad) {
      await expect(mailer.send({ subject: 'Notice', text: 'x', ...fields }), JSON.stringify(fields)).rejects.toBeInstanceOf(MailInputError);
    }
    expect(h.sink.messages).toHaveLength(0);
  });
});

describe('the notify worker end to end', () => {
  it('sends each hostile-named mailbox exactly one clean notice, to its own address only', async () => {
    h.sink.clear();
    const ids: number[] = [];
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const address = `hostile${i}@example.test`;
      const { id } = await h.ctx.prisma.mailbox.create({ data: { address, imapLogin: address, displayName: name.replace(/\0/g, ''), usedBytes: 95n, effectiveLimitBytes: 100n } });
      ids.push(id);
    }
    await h.ctx.prisma.notificationTemplate.upsert({ where: { kind: 'near_quota' }, create: { kind: 'near_quota', ...SUBJECTED }, update: SUBJECTED });
    for (const id of ids) await evaluateQuotaNotices(h.ctx.prisma, h.queues.notify, id);
    await h.idle(30_000);
    expect(h.sink.messages).toHaveLength(HOSTILE_NAMES.length);
    for (const [i] of HOSTILE_NAMES.entries()) {
      const mine = h.sink.messages.filter((m) => m.envelope.to.includes(`hostile${i}@example.test`));
      expect(mine).toHaveLength(1);
      expectClean(mine[0], [`hostile${i}@example.test`]);
    }
    // A name that is itself an RFC 2047 encoded-word arrives as that literal text, not decoded into line breaks.
    for (const name of HOSTILE_NAMES.filter((n) => n.startsWith('=?'))) {
      expect(h.sink.messages.filter((m) => m.parsed.subject.includes(name))).toHaveLength(1);
    }
    expect(await h.ctx.prisma.notification.count({ where: { status: 'sent' } })).toBe(HOSTILE_NAMES.length);
  });
});
