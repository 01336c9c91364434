// The pre-expiry notice's download link (#20), on the real Dovecot, PostgreSQL, Redis and SMTP sink: the expiry job
// records the notice, the notify worker sends it to the sink with a signed link, and that link, followed through
// the real API (its landing page) and export service (the download, asked as the front routes it), downloads exactly
// the announced mail (read back by Python's mailbox module). Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { readMbox, startExporter } from '../harness/exporter.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';
import { buildApp } from '../../server/app.ts';
import { EXPORT_URL_WITHHELD } from '../../server/core/domain/templates.ts';
import type { Config } from '../../server/core/config.ts';

const SEEN = ['\\Seen'];
const SPECS = [
  { folder: 'INBOX', count: 3, ageDays: [40, 60] as [number, number], flags: SEEN, subjectPrefix: 'due' },
  { folder: 'INBOX', count: 2, ageDays: [25, 27] as [number, number], flags: SEEN, subjectPrefix: 'soon' },
  { folder: 'INBOX', count: 2, ageDays: 5, flags: SEEN, subjectPrefix: 'young' },
];
const BASE = 'http://127.0.0.1:3999';
const login = testMailUser(58);
let h: JobsHarness;
let app: FastifyInstance;
let exporter: { close(): Promise<void> };

beforeAll(async () => {
  h = await startJobsHarness(testPort(10672), { EXPORT_LINK_KEY: 'export-link-key-for-tests-0123456789abcdef', EXPORT_PORT: String(testPort(10673)), PUBLIC_BASE_URL: BASE });
  // The harness builds a full test config (testConfig); its context only types the worker's part.
  const config = h.ctx.config as Config;
  app = await buildApp(config);
  exporter = await startExporter(config);
});
afterAll(async () => {
  await exporter?.close();
  await app?.close();
  await h?.stop();
});

describe('the pre-expiry notice', () => {
  it('carries a signed link that downloads the mail it announces, and keeps no copy of it', async () => {
    const policy = await createPolicy(h.ctx.prisma, 'Inbox 30 days, 7 days notice', [{ folderSelector: 'INBOX', maxAgeDays: 30, noticeDays: 7 }]);
    const mailboxId = (await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: policy.id, displayName: 'Lena Link' })).id;
    await seed(h.ctx.config, login, SPECS);
    const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun: false, trigger: 'manual', createdBy: null });
    await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId, runId: run.id, dryRun: false }, { now: new Date() });

    const mail = await h.sink.waitFor((m) => m.envelope.to.includes(login), 15_000);
    expect(mail.parsed.subject).toMatch(/will be removed/);
    const found = /http:\/\/127\.0\.0\.1:3999(\/me\/export\/link\?t=[\w.-]+)/.exec(mail.parsed.text);
    expect(found, mail.parsed.text).not.toBeNull();
    const token = found![1].split('t=')[1];

    const page = await app.inject({ method: 'GET', url: found![1] });
    expect(page.statusCode).toBe(200);
    const href = /href="(\/me\/export\/link\/download\?[^"]+format=mbox)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const res = await fetch(`http://127.0.0.1:${(h.ctx.config as Config).EXPORT_PORT}${href}`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status, body.toString().slice(0, 300)).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mw-notice-link-')), 'notice.mbox');
    writeFileSync(file, body);
    const got = readMbox(file);

    // Exactly the five announced messages (due now, or within the notice's 7 days), with IMAP's bytes.
    const announced = await withMailbox(h.ctx.config, login, async (client) => {
      const lock = await client.getMailboxLock('INBOX', { readOnly: true });
      try {
        const out: { messageId: string; source: Buffer; subject: string }[] = [];
        for await (const m of client.fetch('1:*', { envelope: true, source: true })) out.push({ messageId: m.envelope!.messageId!, source: m.source!, subject: m.envelope!.subject! });
        return out.filter((m) => /^(due|soon)/.test(m.subject));
      } finally {
        lock.release();
      }
    });
    expect(announced).toHaveLength(5);
    expect(got.map((m) => m.messageId).sort()).toEqual(announced.map((m) => m.messageId).sort());
    for (const a of announced) expect(got.find((g) => g.messageId === a.messageId)!.bytes.equals(a.source)).toBe(true);

    // The link lives only in the email: the notification row and the audit log never hold it.
    const rows = JSON.stringify(await h.ctx.prisma.notification.findMany({ where: { mailboxId } }), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(rows).not.toContain(token);
    const audit = JSON.stringify(await h.ctx.prisma.auditEvent.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(audit).not.toContain(token);
    expect(audit).toContain('self_service.export');
    expect(EXPORT_URL_WITHHELD).not.toContain('http');
  });
});
