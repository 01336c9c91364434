// Real PostgreSQL (the migrated schema with its dovecot_users view), real Dovecot reading that view, the API via
// app.inject. Nothing is stubbed: the TypeScript limit rule and the SQL view are compared on generated data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import { loadLimitExplanation, planFor, recomputeEffectiveLimit } from '../../server/core/services/mailbox-limits.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const HOUR = 3_600_000;
let app: FastifyInstance;
let config: Config;
let ops: Session;

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
});
afterAll(() => app.close());

const req = (method: 'POST' | 'PUT', url: string, payload: object) => as(app, ops, { method, url, payload });

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be reproduced from its seed. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

const quotaRule = (limit: number | null) => (limit === null ? null : `*:storage=${Math.floor(limit / KiB)}K`);

describe('one default plan and one default retention policy', () => {
  it('moves the default flag when another plan is made the default, and PostgreSQL refuses a second one', async () => {
    const a = (await req('POST', '/api/plans', { name: 'A', storageLimitBytes: GiB, isDefault: true })).json();
    const b = await req('POST', '/api/plans', { name: 'B', storageLimitBytes: 2 * GiB, isDefault: true });
    expect([b.statusCode, b.json().isDefault]).toEqual([201, true]);
    const c = (await req('POST', '/api/plans', { name: 'C', storageLimitBytes: 3 * GiB })).json();
    const moved = await req('PUT', `/api/plans/${c.id}`, { isDefault: true });
    expect([moved.statusCode, moved.json().isDefault]).toEqual([200, true]);
    expect((await app.prisma.quotaPlan.findMany({ where: { isDefault: true } })).map((p) => p.id)).toEqual([c.id]);

    await expect(app.prisma.$executeRaw`UPDATE quota_plans SET is_default = true WHERE id = ${a.id}`).rejects.toThrow(/quota_plans_one_default|unique/i);
  });

  it('runs concurrent "make default" requests one after the other: all succeed, exactly one default remains', async () => {
    const plans = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => (await req('POST', '/api/plans', { name: `Race ${n}`, storageLimitBytes: n * GiB })).json()));
    const answers = await Promise.all(plans.map((p) => req('PUT', `/api/plans/${p.id}`, { isDefault: true })));
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await app.prisma.quotaPlan.count({ where: { isDefault: true } })).toBe(1);
  });

  it('keeps one default retention policy', async () => {
    const rule = { folderSelector: 'INBOX', maxAgeDays: 30 };
    const first = (await req('POST', '/api/retention-policies', { name: 'First', isDefault: true, rules: [rule] })).json();
    const second = await req('POST', '/api/retention-policies', { name: 'Second', isDefault: true, rules: [rule] });
    expect([second.statusCode, second.json().isDefault]).toEqual([201, true]);
    const defaults = await app.prisma.retentionPolicy.findMany({ where: { isDefault: true } });
    expect(defaults.map((p) => p.id)).toEqual([second.json().id]);
    await expect(app.prisma.$executeRaw`UPDATE retention_policies SET is_default = true WHERE id = ${first.id}`).rejects.toThrow(/retention_policies_one_default|unique/i);
  });
});

/** Every gen-* mailbox: what the view says and what the TypeScript rule says, at the database's now(). */
async function compareViewWithTypeScript(): Promise<{ compared: number; mismatches: string[] }> {
  // Dovecot reads the view from sessions whose TimeZone may not be UTC: expires_at must still compare in UTC.
  const [, rows] = await app.prisma.$transaction([
    app.prisma.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`),
    app.prisma.$queryRaw<{ now_ms: number; username: string; quota_rule: string | null; quota_rule2: string | null }[]>`
      SELECT (extract(epoch FROM now()) * 1000)::float8 AS now_ms, username, quota_rule, quota_rule2 FROM dovecot_users WHERE username LIKE 'gen-%'`,
  ]);
  const dbNow = new Date(rows[0].now_ms); // epoch: a timestamptz in a +14 session would be misread
  const mailboxes = await app.prisma.mailbox.findMany({ where: { address: { startsWith: 'gen-' } } });
  const view = new Map(rows.map((row) => [row.username, { quotaRule: row.quota_rule, quotaRule2: row.quota_rule2 }]));
  // The mailbox_plan view (read by the policy cache, usage scans and the dashboard) is planFor's SQL twin.
  const viewPlans = new Map((await app.prisma.$queryRaw<{ mailbox_id: number; plan_id: number | null }[]>`SELECT mailbox_id, plan_id FROM mailbox_plan`)
    .map((r) => [r.mailbox_id, r.plan_id]));
  const mismatches: string[] = [];
  for (const m of mailboxes) {
    const planId = (await planFor(app.prisma, m))?.id ?? null;
    if (viewPlans.get(m.id) !== planId) mismatches.push(`${m.address}: mailbox_plan ${viewPlans.get(m.id)}, planFor ${planId}`);
    const limit = (await loadLimitExplanation(app.prisma, m.id, dbNow))!.effectiveLimitBytes;
    const plan = await planFor(app.prisma, m);
    const expected = { quotaRule: quotaRule(limit), quotaRule2: plan?.messageLimit == null ? null : `*:messages=${plan.messageLimit}` };
    if (JSON.stringify(view.get(m.imapLogin)) !== JSON.stringify(expected)) {
      const increases = await app.prisma.temporaryIncrease.findMany({ where: { mailboxId: m.id }, select: { extraBytes: true, expiresAt: true, endedAt: true } });
      mismatches.push(`${m.address} at ${dbNow.toISOString()}: view ${JSON.stringify(view.get(m.imapLogin))}, TypeScript ${JSON.stringify(expected)}, ` +
        `plan ${m.planId}, override ${m.limitOverrideBytes}, increases ${increases.map((i) => `${i.extraBytes}@${i.expiresAt.toISOString()}/${i.endedAt?.toISOString()}`).join(' ')}`);
    }
    // The denormalised column is written by the same TypeScript rule.
    const { after } = await recomputeEffectiveLimit(app.prisma, m.id, dbNow);
    if (after !== limit) mismatches.push(`${m.address}: effective_limit_bytes ${after}, explanation ${limit}`);
  }
  return { compared: mailboxes.length, mismatches };
}

describe('the TypeScript limit rule and the dovecot_users view agree', () => {
  it('on overrides, temporary increases (active, expired, ended) and the default plan, over generated cases', async () => {
    await app.prisma.$executeRaw`UPDATE quota_plans SET is_default = false`;
    const plans = await Promise.all([
      { name: 'Gen small', storageLimitBytes: 100 * MiB + 123, messageLimit: 1000 },
      { name: 'Gen big', storageLimitBytes: 5 * GiB, messageLimit: null },
      { name: 'Gen odd', storageLimitBytes: 7 * MiB + 5 * KiB + 17, messageLimit: 42 },
    ].map((p) => app.prisma.quotaPlan.create({ data: { ...p, storageLimitBytes: BigInt(p.storageLimitBytes) } })));
    let cases = 0;
    let withExpired = 0;
    let fallbacks = 0;
    // Rounds: no default plan, then each plan as the default in turn.
    for (const [round, defaultPlan] of [null, ...plans].entries()) {
      await app.prisma.$executeRaw`UPDATE quota_plans SET is_default = false`;
      if (defaultPlan) await app.prisma.quotaPlan.update({ where: { id: defaultPlan.id }, data: { isDefault: true } });
      const r = rng(1000 + round);
      const now = Date.now();
      const specs = Array.from({ length: 80 }, (_, i) => {
        const address = `gen-${round}-${i}@example.test`;
        return {
          address, imapLogin: address,
          planId: r.next() < 0.4 ? null : r.pick(plans).id,
          limitOverrideBytes: r.next() < 0.3 ? BigInt(r.int(1, 20_000) * KiB + r.int(0, 1023)) : null,
        };
      });
      const created = await app.prisma.mailbox.createManyAndReturn({ data: specs, select: { id: true, planId: true } });
      const increases = created.flatMap((mailbox) => Array.from({ length: r.int(0, 3) }, () => {
        const kind = r.pick(['active', 'expired', 'ended', 'ended-expired'] as const);
        const future = kind === 'active' || kind === 'ended';
        // At least a minute away from now, so the comparison below is never decided by milliseconds.
        const expiresAt = new Date(now + (future ? 1 : -1) * r.int(1, 30 * 24 * 60) * 60_000);
        if (kind === 'expired') withExpired++;
        return {
          mailboxId: mailbox.id, extraBytes: BigInt(r.int(1, 4096) * MiB + r.int(0, 999)), reason: kind, expiresAt, createdBy: 'test',
          endedAt: kind.startsWith('ended') ? new Date(now - HOUR) : null,
        };
      }));
      await app.prisma.temporaryIncrease.createMany({ data: increases });
      fallbacks += defaultPlan ? created.filter((m) => m.planId === null).length : 0;
      // Every mailbox so far, under this round's default plan (or none).
      const { compared, mismatches } = await compareViewWithTypeScript();
      expect(mismatches).toEqual([]);
      cases += compared;
    }
    expect(cases).toBe(80 + 160 + 240 + 320);
    expect(withExpired).toBeGreaterThan(40);
    expect(fallbacks).toBeGreaterThan(60);
  }, 120_000);

  it('Dovecot enforces the limit without an increase that has expired, before any job has ended it', async () => {
    const user = testMailUser(57);
    await resetMaildir(user);
    await app.prisma.$executeRaw`UPDATE quota_plans SET is_default = false`;
    const plan = await app.prisma.quotaPlan.create({ data: { name: 'Dovecot check', storageLimitBytes: BigInt(50 * MiB), isDefault: true } });
    const mailbox = await app.prisma.mailbox.create({ data: { address: user, imapLogin: user } });
    await app.prisma.temporaryIncrease.create({ data: { mailboxId: mailbox.id, extraBytes: BigInt(GiB), reason: 'over', expiresAt: new Date(Date.now() - 60_000), createdBy: 'test' } });
    await app.prisma.temporaryIncrease.create({ data: { mailboxId: mailbox.id, extraBytes: BigInt(10 * MiB), reason: 'running', expiresAt: new Date(Date.now() + HOUR), createdBy: 'test' } });
    const quota = await withMailbox(config, user, (c) => c.getQuota('INBOX'));
    const expected = (await loadLimitExplanation(app.prisma, mailbox.id))!.effectiveLimitBytes;
    expect(expected).toBe(60 * MiB);
    expect(quota && quota.storage?.limit).toBe(expected);
    expect(plan.isDefault).toBe(true);
  });
});
