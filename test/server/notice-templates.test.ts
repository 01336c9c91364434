// Real PostgreSQL, Redis, the real workers (notify) in-process and the SMTP sink; the API via app.inject; nothing
// stubbed. Staff edit a notice template through the API, a real quota crossing sends a notice with it, and help desk
// reads what it said. A display name full of markup and placeholders reaches the mail and the screen inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testPort } from '../harness/env.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';
import { templateProblems } from '../../server/core/domain/template-rules.ts';

const KiB = 1024;
const HOSTILE_NAME = '<script>alert(1)</script> {{address}} <img src=x onerror=alert(2)>';
let h: JobsHarness;
let app: FastifyInstance;
let ops: Session;
let helpdesk: Session;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10652));
  ({ app } = await startTestApp({ QUEUE_PREFIX: h.ctx.config.QUEUE_PREFIX }));
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});

const draft = { subject: 'Mailbox {{percent}} full', text: 'Hello {{name}},\n\n{{address}} uses {{usage}} of {{limit}}.', html: '<p>Hello <b>{{name}}</b>,</p><p>{{address}} uses {{usage}} of {{limit}}.</p>' };

describe('notice templates API', () => {
  it('lists every kind with its default until one is saved', async () => {
    const res = await as(app, helpdesk, { method: 'GET', url: '/api/notice-templates' });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { id: string; isDefault: boolean; subject: string }[];
    expect(rows.map((r) => r.id)).toContain('near_quota');
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.isDefault)).toBe(true);
    expect(res.headers['content-range']).toBe('notice-templates 0-7/8');
  });

  it('refuses an unknown placeholder or active HTML with a 400 naming the field, and help desk with a 403', async () => {
    const typo = await as(app, ops, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: { ...draft, text: 'Hello {{nmae}}' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().message).toMatch(/^body\.text has unknown placeholder \{\{nmae\}\}; known: \{\{name\}\}/);
    const code = await as(app, ops, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: { ...draft, subject: 'Hi {{ name.constructor }}' } });
    expect(code.json().message).toContain('body.subject has unknown placeholder {{name.constructor}}');
    const script = await as(app, ops, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: { ...draft, html: '<p onclick="x()">{{name}}</p>' } });
    expect(script.statusCode).toBe(400);
    expect(script.json().message).toMatch(/^body\.html must not contain event-handler attributes/);
    expect((await as(app, ops, { method: 'PUT', url: '/api/notice-templates/nope', payload: draft })).statusCode).toBe(400);
    expect((await as(app, helpdesk, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: draft })).statusCode).toBe(403);
    expect(await app.prisma.notificationTemplate.count()).toBe(0);
  });

  it('previews a draft with made-up values, escaping them in HTML', async () => {
    const res = await as(app, helpdesk, { method: 'POST', url: '/api/notice-templates/expiry_notice/preview', payload: { subject: '{{count}} old messages', text: '{{subjects}}', html: '<p>{{name}} &amp; {{count}}</p>' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subject: '42 old messages', html: '<p>Alex Example &amp; 42</p>' });
    expect(res.json().text).toContain('  - Newsletter, March');
    expect(await app.prisma.notificationTemplate.count()).toBe(0); // a preview saves nothing
  });

  it('saves a template (audited), sends the next notice with it, and shows help desk what it said; markup in a name stays inert', async () => {
    const saved = await as(app, ops, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: { ...draft, reason: 'Ticket 4711: shorter wording' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ id: 'near_quota', isDefault: false, updatedBy: 'ops@example.test', subject: draft.subject });
    const [event] = await app.prisma.auditEvent.findMany({ where: { action: 'notice_template.update' } });
    expect(event).toMatchObject({ entityType: 'notice_template', entityId: 'near_quota', actorEmail: 'ops@example.test' });
    expect(event.before).toMatchObject({ isDefault: true, subject: 'Your mailbox is {{percent}} full' });
    expect(event.after).toMatchObject({ subject: draft.subject, reason: 'Ticket 4711: shorter wording' });

    // A real crossing: 85 KiB of 100 KiB passes the plan's 80 % threshold; the real notify worker sends it.
    const plan = await h.ctx.prisma.quotaPlan.create({ data: { name: 'Small', storageLimitBytes: 100n * 1024n, warnThresholds: [80] } });
    const box = await h.ctx.prisma.mailbox.create({ data: {
      address: 'mallory@example.test', imapLogin: 'mallory@example.test', displayName: HOSTILE_NAME, planId: plan.id,
      usedBytes: BigInt(85 * KiB), effectiveLimitBytes: BigInt(100 * KiB),
    } });
    await evaluateQuotaNotices(h.ctx.prisma, h.queues.notify, box.id);
    await h.idle();
    const [mail] = h.sink.messages;
    expect(mail.parsed.subject).toBe('Mailbox 85% full');
    const html = String(mail.parsed.html);
    expect(html).toContain('<b>&lt;script&gt;alert(1)&lt;/script&gt; {{address}} &lt;img src=x onerror=alert(2)&gt;</b>');
    expect(html).not.toMatch(/<script|<img/i);
    expect(mail.parsed.text).toContain(`Hello ${HOSTILE_NAME},`); // the name once, as given: {{address}} inside it is not filled in
    expect(mail.parsed.text).toContain('mallory@example.test uses 85 KiB of 100 KiB.');

    const [notice] = await h.ctx.prisma.notification.findMany({ where: { mailboxId: box.id } });
    const content = await as(app, helpdesk, { method: 'GET', url: `/api/notifications/${notice.id}/content` });
    expect(content.statusCode, content.body).toBe(200);
    expect(content.json()).toMatchObject({
      source: 'sent', status: 'sent', subject: 'Mailbox 85% full', toAddress: 'mallory@example.test',
      values: { usage: '85 KiB', limit: '100 KiB', percent: '85%', threshold: '80', name: HOSTILE_NAME },
    });
    expect(content.json().text).toBe(String(mail.parsed.text).trim());

    // An edit after the send does not rewrite what help desk reads: the kept body is what went out.
    await as(app, ops, { method: 'PUT', url: '/api/notice-templates/near_quota', payload: { ...draft, text: 'Changed later: {{usage}}' } });
    expect((await as(app, helpdesk, { method: 'GET', url: `/api/notifications/${notice.id}/content` })).json().text).toBe(content.json().text);
  });

  it('renders a notice that has no kept body from the current template, and says so', async () => {
    const box = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { address: 'mallory@example.test' } });
    const old = await h.ctx.prisma.notification.create({ data: { mailboxId: box.id, kind: 'near_quota', threshold: 90, dedupeKey: 'old', toAddress: box.address, status: 'sent', subject: 'Old', sentAt: new Date(), data: { address: box.address, name: 'Mal', usedBytes: 92 * KiB, limitBytes: 100 * KiB, percent: 92, threshold: 90 } } });
    const res = await as(app, helpdesk, { method: 'GET', url: `/api/notifications/${old.id}/content` });
    expect(res.json()).toMatchObject({ source: 'template', text: 'Changed later: 92 KiB', values: { percent: '92%' } });
    expect((await as(app, helpdesk, { method: 'GET', url: '/api/notifications/2147483647/content' })).statusCode).toBe(404);
  });

  it('resets a template to the default, audited', async () => {
    const res = await as(app, ops, { method: 'DELETE', url: '/api/notice-templates/near_quota' });
    expect(res.json()).toMatchObject({ isDefault: true, subject: 'Your mailbox is {{percent}} full' });
    expect(await app.prisma.notificationTemplate.count()).toBe(0);
    expect(await app.prisma.auditEvent.count({ where: { action: 'notice_template.reset', entityId: 'near_quota' } })).toBe(1);
  });
});

describe('templateProblems', () => {
  it('accepts the placeholders it knows, with spaces inside the braces, and refuses script elements and javascript: links', () => {
    expect(templateProblems({ subject: '{{ percent }}', text: '{{name}} {{helpUrl}}', html: '<a href="{{helpUrl}}">help</a>' })).toEqual([]);
    expect(templateProblems({ subject: 's', text: 't', html: '<SCRIPT>x</SCRIPT>' }).map((p) => p.field)).toEqual(['html']);
    expect(templateProblems({ subject: 's', text: 't', html: '<a href=" javascript:alert(1)">x</a>' })[0].message).toContain('javascript:');
    expect(templateProblems({ subject: ' ', text: 't' })).toEqual([{ field: 'subject', message: 'must not be empty' }]);
  });
});
