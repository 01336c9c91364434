// Least privilege (#15 item 8), through the real API (PostgreSQL, Redis, Dovecot): events about staff accounts are
// for admins only, and message metadata (subjects, senders, Message-IDs) needs its own permission, which admins have
// and grant. Without it the expiry preview keeps its figures and the expired-message audit its records.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startMailboxReader, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { createMailboxRow, createPolicy, STANDARD_RULES, seed } from '../harness/retention.ts';

let app: FastifyInstance;
let config: Config;
let admin: Session;
let ops: Session;
let helpdesk: Session;
let reader: { close(): Promise<void> };
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  reader = startMailboxReader(app, config);
  for (const role of ['admin', 'ops', 'helpdesk'] as const) ids[role] = (await createStaff(app, role)).id;
  [admin, ops, helpdesk] = await Promise.all(['admin', 'ops', 'helpdesk'].map((r) => login(app, `${r}@example.test`)));
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

const get = (s: Session, url: string) => as(app, s, { method: 'GET', url });
const filter = (f: object) => encodeURIComponent(JSON.stringify(f));

describe('audit events about staff accounts', () => {
  it('are listed for admins only, whatever the filter', async () => {
    // A role change makes a staff.update event with the account's email, role and last login in it.
    expect((await as(app, admin, { method: 'PUT', url: `/api/staff/${ids.ops}`, payload: { name: 'Ops person' } })).statusCode).toBe(200);
    await app.audit.record(null, { action: 'mailbox.update', entityType: 'mailbox', entityId: 1 });

    const staffFilter = `/api/audit-events?filter=${filter({ action: 'staff.*' })}&range=[0,99]`;
    const forAdmin = (await get(admin, staffFilter)).json();
    expect(forAdmin.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['staff.login', 'staff.update']));
    for (const session of [helpdesk, ops]) {
      const res = await get(session, staffFilter);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([]);
      expect(res.headers['content-range']).toBe('audit-events 0-0/0');
      const byType = (await get(session, `/api/audit-events?filter=${filter({ entityType: 'staff' })}`)).json();
      expect(byType).toEqual([]);
      const all = (await get(session, '/api/audit-events?range=[0,99]')).json();
      expect(all.map((e: { action: string }) => e.action)).toEqual(['mailbox.update']);
    }
    const staffEvent = forAdmin.find((e: { action: string }) => e.action === 'staff.update');
    expect((await get(helpdesk, `/api/audit-events/${staffEvent.id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/audit-events/${staffEvent.id}`)).statusCode).toBe(200);
  });
});

describe('message metadata', () => {
  const user = testMailUser(58);
  let mailboxId: number;

  beforeAll(async () => {
    const policy = await createPolicy(app.prisma, 'Least privilege', STANDARD_RULES);
    mailboxId = (await createMailboxRow(app.prisma, user, { retentionPolicyId: policy.id })).id;
    await seed(config, user);
    const run = await app.prisma.expiryRun.create({ data: { scope: `mailbox:${mailboxId}`, status: 'completed' } });
    const mailboxRun = await app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId, status: 'done' } });
    await app.prisma.expiredMessage.create({
      data: { mailboxRunId: mailboxRun.id, mailboxId, folder: 'INBOX', uidValidity: 1n, uid: 7, action: 'delete', state: 'done', messageId: '<m7@sender.example>', size: 1234, subject: 'Salary review 2027', internalDate: new Date('2026-01-02T03:04:05Z') },
    });
  });

  const preview = (s: Session) => as(app, s, { method: 'POST', url: `/api/mailboxes/${mailboxId}/expiry-preview` });
  const inboxOf = (body: { folders: { path: string; count: number; bytes: number; sample: { subject: string | null; from: string | null; date: string | null; size: number }[] }[] }) =>
    body.folders.find((f) => f.path === 'INBOX')!;

  it('is in the expiry preview for admins; help desk and ops get counts, bytes, dates and sizes without subjects or senders', async () => {
    const full = await preview(admin);
    expect(full.statusCode).toBe(200);
    const inbox = inboxOf(full.json());
    expect(inbox.sample.length).toBe(3);
    expect(inbox.sample.every((m) => m.subject?.startsWith('expire old-read') && m.from)).toBe(true);

    for (const session of [helpdesk, ops]) {
      const res = await preview(session);
      expect(res.statusCode).toBe(200);
      const bare = inboxOf(res.json());
      expect(bare).toMatchObject({ count: inbox.count, bytes: inbox.bytes });
      expect(bare.sample.map((m) => [m.subject, m.from, m.date, m.size])).toEqual(inbox.sample.map((m) => [null, null, m.date, m.size]));
      expect(res.body).not.toContain('expire old-read');
    }
  });

  it('is in the expired-message audit for admins; without the permission subject and Message-ID are null and a subject search is refused', async () => {
    const url = `/api/expired-messages?filter=${filter({ mailboxId })}`;
    expect((await get(admin, url)).json()).toEqual([expect.objectContaining({ subject: 'Salary review 2027', messageId: '<m7@sender.example>' })]);
    const bare = await get(helpdesk, url);
    expect(bare.json()).toEqual([expect.objectContaining({ uid: 7, size: 1234, folder: 'INBOX', internalDate: '2026-01-02T03:04:05.000Z', subject: null, messageId: null })]);
    // Looking up a Message-ID the user gave still finds the record (without echoing anything new).
    expect((await get(helpdesk, `/api/expired-messages?filter=${filter({ messageId: '<m7@sender.example>' })}`)).json()).toHaveLength(1);
    const search = await get(helpdesk, `/api/expired-messages?filter=${filter({ q: 'Salary' })}`);
    expect(search.statusCode).toBe(403);
    expect(search.json().message).toMatch(/^filter\.q /);
  });

  it('is granted (and taken back) by an admin, audited, and /api/auth/me tells the console', async () => {
    expect((await get(helpdesk, '/api/auth/me')).json().canViewMessageMetadata).toBe(false);
    expect((await get(admin, '/api/auth/me')).json().canViewMessageMetadata).toBe(true);
    const grant = await as(app, admin, { method: 'PUT', url: `/api/staff/${ids.helpdesk}`, payload: { canViewMessageMetadata: true } });
    expect(grant.json()).toMatchObject({ canViewMessageMetadata: true });
    // helpdesk may not grant it to itself
    expect((await as(app, helpdesk, { method: 'PUT', url: `/api/staff/${ids.helpdesk}`, payload: { canViewMessageMetadata: true } })).statusCode).toBe(403);

    expect((await get(helpdesk, '/api/auth/me')).json().canViewMessageMetadata).toBe(true);
    expect(inboxOf((await preview(helpdesk)).json()).sample.every((m) => m.subject)).toBe(true);
    expect((await get(helpdesk, `/api/expired-messages?filter=${filter({ q: 'Salary' })}`)).json()).toEqual([expect.objectContaining({ subject: 'Salary review 2027' })]);

    await as(app, admin, { method: 'PUT', url: `/api/staff/${ids.helpdesk}`, payload: { canViewMessageMetadata: false } });
    expect((await get(helpdesk, `/api/expired-messages?filter=${filter({ mailboxId })}`)).json()[0].subject).toBeNull();
    const event = await app.prisma.auditEvent.findFirstOrThrow({ where: { action: 'staff.update', entityId: String(ids.helpdesk) }, orderBy: { id: 'asc' } });
    expect(event.after).toMatchObject({ canViewMessageMetadata: true });
  });
});
