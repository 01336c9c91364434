// Real: OpenLDAP slapd (private instance on 10606), PostgreSQL (the shared test database, emptied first), Redis (the
// policy-cache message), ldapts. The sync runs in-process through runDirectorySync, exactly as the worker calls it.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.ts';
import { ldapSettings, readLdap } from '../../server/core/directory/ldap-source.ts';
import { failRun, runDirectorySync, type SyncDeps } from '../../server/core/directory/sync.ts';
import { createPrisma, type Db } from '../../server/core/lib/prisma.ts';
import { createRun } from '../../server/core/repositories/directory-sync-runs.ts';
import { recomputeEffectiveLimits } from '../../server/core/services/mailbox-limits.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_REDIS_URL, testPort } from '../harness/env.ts';
import { directoryLdif, numberedPerson, PEOPLE_OU, range, type Person } from '../harness/ldif.ts';
import { startSlapd, type SlapdHandle } from '../harness/slapd.ts';

const SUFFIX = 'dc=example,dc=org';
const COUNT = 5000;
const GiB = 1024 ** 3;
let slapd: SlapdHandle;
let dir: string;
let prisma: Db;
let redis: Redis;

const people = (from: number, to: number, edit: (p: Person, n: number) => Person = (p) => p) => [...range(from, to)].map((n) => edit(numberedPerson(n), n));
const load = (list: Person[]) => slapd.reload(directoryLdif(SUFFIX, list));

function deps(overrides: Partial<SyncDeps> = {}): SyncDeps {
  const settings = ldapSettings(loadConfig({
    LDAP_URL: slapd.url, LDAP_BASE_DN: PEOPLE_OU(SUFFIX), LDAP_BIND_DN: slapd.rootDn, LDAP_BIND_PASSWORD: slapd.rootPassword,
    LDAP_ATTR_LOGIN: 'uid', LDAP_ATTR_ALTERNATE: 'mailLocalAddress', LDAP_ATTR_PLAN: 'employeeType', LDAP_FILTER: '(objectClass=inetOrgPerson)',
  }, []));
  return {
    prisma, redis, queuePrefix: `mwtest-dir-${process.pid}`, source: 'ldap', mapping: settings.mapping, read: () => readLdap(settings),
    maxDisablePercent: 10, logger: { warn: () => undefined }, ...overrides,
  };
}

async function sync(dryRun = false, overrides: Partial<SyncDeps> = {}) {
  const runId = await createRun(prisma, { source: 'ldap', dryRun, trigger: 'manual' });
  return { runId, ...await runDirectorySync(deps(overrides), { runId, dryRun }) };
}

/** Everything a sync may change, per mailbox, in address order. */
const snapshot = () => prisma.$queryRaw<unknown[]>`
  SELECT m.address, m.imap_login, m.display_name, m.alternate_email, p.name AS plan, m.status::text, m.effective_limit_bytes::text, m.directory_source,
         m.directory_gone_at IS NOT NULL AS gone
  FROM mailboxes m LEFT JOIN quota_plans p ON p.id = m.plan_id ORDER BY m.address`;
const changes = (runId: number) => prisma.$queryRaw<unknown[]>`
  SELECT kind, address, mailbox_id, dn, before, after, detail FROM directory_sync_changes WHERE run_id = ${runId} ORDER BY id`;
const auditCount = () => prisma.auditEvent.count({ where: { entityType: 'mailbox' } });

beforeAll(async () => {
  prisma = createPrisma(TEST_DATABASE_URL);
  redis = new Redis(TEST_REDIS_URL);
  await truncateAll(prisma);
  await prisma.quotaPlan.create({ data: { name: 'large', storageLimitBytes: BigInt(10 * GiB) } });
  await prisma.quotaPlan.create({ data: { name: 'standard', storageLimitBytes: BigInt(GiB), isDefault: true } });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-dir-sync-'));
  slapd = await startSlapd({ dir, port: testPort(10606), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, people(1, COUNT)) });
});

afterAll(async () => {
  await slapd?.stop();
  redis?.disconnect();
  await prisma?.$disconnect();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('runDirectorySync against slapd and PostgreSQL', () => {
  it(`creates a mailbox for each of ${COUNT} entries, with its plan's limit, each audited`, async () => {
    const started = Date.now();
    const run = await sync();
    const seconds = (Date.now() - started) / 1000;
    console.info(`first sync of ${COUNT} entries: ${seconds.toFixed(2)} s`);
    expect(run).toMatchObject({ status: 'completed', applied: true, entries: COUNT, touched: COUNT });
    expect(await prisma.mailbox.count({ where: { directorySource: 'ldap', status: 'active' } })).toBe(COUNT);
    const u10 = await prisma.mailbox.findUniqueOrThrow({ where: { address: 'user10@dir.example.test' }, include: { plan: true } });
    expect({ login: u10.imapLogin, name: u10.displayName, alt: u10.alternateEmail, plan: u10.plan?.name, limit: u10.effectiveLimitBytes })
      .toEqual({ login: 'u10', name: 'User 10', alt: null, plan: 'large', limit: BigInt(10 * GiB) });
    const u3 = await prisma.mailbox.findUniqueOrThrow({ where: { address: 'user3@dir.example.test' } });
    expect({ alt: u3.alternateEmail, planId: u3.planId, limit: u3.effectiveLimitBytes }).toEqual({ alt: 'alias3@dir.example.test', planId: null, limit: BigInt(GiB) });
    expect(await prisma.auditEvent.count({ where: { action: 'mailbox.create', actorType: 'system' } })).toBe(COUNT);
    // The limits written with the INSERT are what the one rule (services/mailbox-limits.ts) computes: nothing moves.
    const ids = (await prisma.mailbox.findMany({ select: { id: true } })).map((m) => m.id);
    expect(await prisma.$transaction((tx) => recomputeEffectiveLimits(tx, ids))).toEqual([]);
    expect(seconds).toBeLessThan(30);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const run = await sync();
    expect(run.diff).toMatchObject({ added: [], changed: [], gone: [], returned: [], problems: [], unchanged: COUNT });
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('trips the safety stop when 20 % of the entries disappear, disabling nothing, and says so in the run', async () => {
    await load(people(1, COUNT * 0.8));
    const before = await snapshot();
    const run = await sync();
    expect(run).toMatchObject({ status: 'stopped', applied: false, touched: 0, safety: { tripped: true, gone: COUNT * 0.2, managed: COUNT, percent: 20, limitPercent: 10 } });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.mailbox.count({ where: { status: 'disabled' } })).toBe(0);
    const stored = await prisma.directorySyncRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(stored).toMatchObject({ status: 'stopped', applied: false, gone: COUNT * 0.2 });
    expect(await prisma.auditEvent.count({ where: { action: 'directory.safety_stop', entityId: String(run.runId) } })).toBe(1);
  });

  it('applies in a real run exactly the diff a dry run showed', async () => {
    // 5 % gone (under the stop), renames, new logins and plans, 100 new people, one entry without an address.
    const edited = people(1, COUNT * 0.95, (p, n) => (n % 50 === 0 ? { ...p, displayName: `Renamed ${n}` } : n % 70 === 0 ? { ...p, uid: `login${n}` } : n % 90 === 0 ? { ...p, plan: 'large' } : p));
    await load([...edited, ...people(COUNT + 1, COUNT + 100), { uid: 'nomail', displayName: 'No Mail' }]);
    const before = await snapshot();
    const dry = await sync(true);
    expect(await snapshot()).toEqual(before);
    expect(dry).toMatchObject({ status: 'completed', applied: false });
    expect(dry.diff.added).toHaveLength(100);
    expect(dry.diff.gone).toHaveLength(COUNT * 0.05);
    expect(dry.diff.problems).toEqual([{ dn: `uid=nomail,${PEOPLE_OU(SUFFIX)}`, reason: 'no-address', detail: 'mail' }]);
    expect(dry.diff.changed.length).toBeGreaterThan(100);

    const audits = await auditCount();
    const real = await sync(false);
    const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), mailbox_id: (r as { kind: string }).kind === 'added' ? null : (r as { mailbox_id: number }).mailbox_id }));
    expect(strip(await changes(real.runId))).toEqual(strip(await changes(dry.runId)));
    const d = dry.diff;
    expect(await auditCount() - audits).toBe(d.added.length + d.changed.length + d.gone.length + d.returned.length);
    expect(await prisma.mailbox.count({ where: { status: 'disabled', directoryGoneAt: { not: null } } })).toBe(COUNT * 0.05);
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: 'user50@dir.example.test' } })).toMatchObject({ displayName: 'Renamed 50' });
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: 'user70@dir.example.test' } })).toMatchObject({ imapLogin: 'login70' });
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: 'user90@dir.example.test' } })).toMatchObject({ effectiveLimitBytes: BigInt(10 * GiB) });
    const again = await sync(true);
    expect(again.diff).toMatchObject({ added: [], changed: [], gone: [], returned: [] });
  });

  it('brings back the mailboxes it disabled when their entries return', async () => {
    await load(people(1, COUNT + 100));
    const run = await sync();
    expect(run.diff.returned).toHaveLength(COUNT * 0.05);
    expect(await prisma.mailbox.count({ where: { status: 'disabled' } })).toBe(0);
    expect(await prisma.mailbox.count({ where: { directoryGoneAt: { not: null } } })).toBe(0);
  });

  it('fails with nothing changed when the directory is down', async () => {
    const before = await snapshot();
    const down = ldapSettings(loadConfig({ LDAP_URL: `ldap://127.0.0.1:${testPort(10609)}`, LDAP_BASE_DN: PEOPLE_OU(SUFFIX) }, []));
    const runId = await createRun(prisma, { source: 'ldap', dryRun: false, trigger: 'manual' });
    const err = await runDirectorySync(deps({ read: () => readLdap(down) }), { runId, dryRun: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DirectoryReadError', permanent: false });
    await failRun(prisma, runId, err);
    expect(await prisma.directorySyncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'failed', applied: false, error: expect.stringMatching(/could not be read: .*ECONNREFUSED/) });
    expect(await prisma.directorySyncChange.count({ where: { runId } })).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the diff lines of the newest DIRECTORY_KEEP_RUNS runs and prunes older ones, keeping their run rows and counts', async () => {
    const before = await prisma.directorySyncRun.findMany({ orderBy: { id: 'asc' } });
    expect(before.length).toBeGreaterThan(3);
    const oldest = before[0];
    expect(await prisma.directorySyncChange.count({ where: { runId: oldest.id } })).toBe(COUNT); // the first sync's added lines

    // Kept: this dry run, the failed run before it (no lines) and the run that brought mailboxes back (its lines).
    const last = await sync(true, { keepRuns: 3 });
    const finished = (await prisma.directorySyncRun.findMany({ orderBy: { id: 'desc' } })).filter((r) => r.status !== 'running');
    const [newest, failed, broughtBack, ...older] = finished;
    expect([newest.id, failed.status, broughtBack.returned]).toEqual([last.runId, 'failed', COUNT * 0.05]);
    for (const r of [newest, failed, broughtBack]) expect(r.changesPrunedAt).toBeNull();
    const lines = (r: typeof broughtBack) => r.added + r.changed + r.gone + r.returned + r.problems;
    expect(await prisma.directorySyncChange.count({ where: { runId: broughtBack.id } })).toBe(lines(broughtBack));
    expect(older.length).toBeGreaterThan(0);
    for (const r of older) expect(r.changesPrunedAt).not.toBeNull();
    expect(await prisma.directorySyncChange.count({ where: { runId: { in: older.map((r) => r.id) } } })).toBe(0);
    // The run rows keep their counts.
    expect(await prisma.directorySyncRun.findUniqueOrThrow({ where: { id: oldest.id } })).toMatchObject({ added: COUNT, applied: true });
  });
});
