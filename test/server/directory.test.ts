// Real: the API (app.inject), PostgreSQL, Redis/BullMQ with the directory-sync worker in-process, OpenLDAP slapd
// (private instance on 10608). Nothing stubbed.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job, Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySyncWorker } from '../../jobs/workers/directory-sync.ts';
import type { Config } from '../../server/core/config.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { registerDirectorySchedule } from '../../server/core/queues/directory-schedule.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';
import { waitForJob } from '../harness/jobs.ts';
import { directoryLdif, numberedPerson, PEOPLE_OU, range } from '../harness/ldif.ts';
import { startSlapd, type SlapdHandle } from '../harness/slapd.ts';

const SUFFIX = 'dc=example,dc=org';
let slapd: SlapdHandle;
let dir: string;
let app: FastifyInstance;
let config: Config;
let ops: Session;
let helpdesk: Session;
const workers: Array<{ close(): Promise<void> }> = [];

function startWorker(overrides: Partial<Config> = {}) {
  const connection = createWorkerRedis(config.REDIS_URL);
  const worker = createDirectorySyncWorker({ config: { ...config, ...overrides }, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
  const handle = { async close() { await worker.close(); connection.disconnect(); } };
  workers.push(handle);
  return handle;
}

async function startRun(dryRun: boolean) {
  const res = await as(app, ops, { method: 'POST', url: '/api/directory/runs', payload: { dryRun } });
  expect(res.statusCode).toBe(202);
  const { runId, jobId } = res.json();
  const queue = app.queues['directory-sync'] as unknown as Queue;
  const settled = await waitForJob(queue, (await queue.getJob(jobId)) as Job).catch((e: Error) => e);
  return { runId: runId as number, settled };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-dir-api-'));
  slapd = await startSlapd({ dir, port: testPort(10608), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, [...range(1, 50)].map((n) => numberedPerson(n))) });
  ({ app, config } = await startTestApp({
    DIRECTORY_SOURCE: 'ldap', LDAP_URL: slapd.url, LDAP_BASE_DN: PEOPLE_OU(SUFFIX), LDAP_BIND_DN: slapd.rootDn, LDAP_BIND_PASSWORD: slapd.rootPassword,
    LDAP_ATTR_LOGIN: 'uid', LDAP_FILTER: '(objectClass=inetOrgPerson)',
  }));
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
});

afterAll(async () => {
  for (const w of workers) await w.close();
  await app?.close();
  await slapd?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('/api/directory', () => {
  it('is for ops and admins: help desk gets 403', async () => {
    expect((await as(app, helpdesk, { method: 'GET', url: '/api/directory/status' })).statusCode).toBe(403);
    expect((await as(app, helpdesk, { method: 'POST', url: '/api/directory/runs', payload: {} })).statusCode).toBe(403);
  });

  it('shows the source and mapping, never the bind password', async () => {
    const res = await as(app, ops, { method: 'GET', url: '/api/directory/status' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ source: { source: 'ldap', url: slapd.url, bindDn: slapd.rootDn, mapping: { address: 'mail', imapLogin: 'uid' }, maxDisablePercent: 10 }, lastRun: null, safetyStopped: false });
    expect(res.body).not.toContain(slapd.rootPassword);
  });

  it('is scheduled by DIRECTORY_SYNC_CRON when a source is configured, and unscheduled without one', async () => {
    expect(await registerDirectorySchedule(app.queues, { DIRECTORY_SOURCE: 'ldap', DIRECTORY_SYNC_CRON: '5 * * * *' })).toBe('5 * * * *');
    expect((await as(app, ops, { method: 'GET', url: '/api/directory/status' })).json().schedule).toMatchObject({ pattern: '5 * * * *', next: expect.any(String) });
    expect(await registerDirectorySchedule(app.queues, { DIRECTORY_SOURCE: 'none', DIRECTORY_SYNC_CRON: '5 * * * *' })).toBeNull();
    expect((await as(app, ops, { method: 'GET', url: '/api/directory/status' })).json().schedule).toBeNull();
  });

  it('previews a sync (dry run) without changing mailboxes, then applies it; the diff is listed per change', async () => {
    startWorker();
    const dry = await startRun(true);
    expect(dry.settled).toMatchObject({ runId: dry.runId, status: 'completed', applied: false });
    expect(await app.prisma.mailbox.count()).toBe(0);
    const run = await as(app, ops, { method: 'GET', url: `/api/directory/runs/${dry.runId}` });
    expect(run.json()).toMatchObject({ status: 'completed', dryRun: true, applied: false, added: 50, entries: 50, createdBy: 'ops@example.test' });
    const page = await as(app, ops, { method: 'GET', url: `/api/directory/runs/${dry.runId}/changes?range=[0,9]&filter=${encodeURIComponent('{"kind":"added"}')}` });
    expect(page.headers['content-range']).toBe('directory/changes 0-9/50');
    // In address order: "user10@" sorts before "user1@" ('0' < '@').
    expect(page.json()[0]).toMatchObject({ kind: 'added', address: 'user10@dir.example.test', after: { imapLogin: 'u10', displayName: 'User 10' } });

    const real = await startRun(false);
    expect(real.settled).toMatchObject({ status: 'completed', applied: true, touched: 50 });
    expect(await app.prisma.mailbox.count({ where: { directorySource: 'ldap' } })).toBe(50);
    expect(await app.prisma.auditEvent.count({ where: { action: 'directory_sync.started', actorEmail: 'ops@example.test' } })).toBe(2);
    const list = await as(app, ops, { method: 'GET', url: '/api/directory/runs' });
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([real.runId, dry.runId]);
  });

  it('fails a run at once on a wrong bind password, records why, and never retries it', async () => {
    for (const w of workers.splice(0)) await w.close();
    startWorker({ LDAP_BIND_PASSWORD: 'wrong-password-123' });
    const { runId, settled } = await startRun(false);
    expect(settled).toBeInstanceOf(Error);
    const run = await app.prisma.directorySyncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: 'failed', applied: false, error: expect.stringMatching(/refused the bind .*invalid credentials/) });
    expect(run.error).not.toContain('wrong-password-123');
    const job = (await app.queues['directory-sync'].getFailed())[0];
    expect(job.attemptsMade).toBe(1);
    expect(JSON.stringify(job.data)).not.toContain('wrong-password');
  });

  it('retries a directory that is down within the same run, and records the run failed after the last try', async () => {
    for (const w of workers.splice(0)) await w.close();
    startWorker({ LDAP_URL: `ldap://127.0.0.1:${testPort(10609)}` });
    const queue = app.queues['directory-sync'];
    const before = await app.prisma.mailbox.count();
    // A scheduled run: no runId in the job; the worker creates the run and keeps its id in the job for the retry.
    const job = await queue.add('sync', { dryRun: false, trigger: 'scheduled' }, { attempts: 2, backoff: { type: 'fixed', delay: 200 } });
    await expect(waitForJob(queue as unknown as Queue, job as unknown as Job)).rejects.toThrow(/could not be read: .*ECONNREFUSED/);
    const fresh = (await queue.getJob(job.id!))!;
    expect(fresh.attemptsMade).toBe(2);
    const runs = await app.prisma.directorySyncRun.findMany({ where: { trigger: 'scheduled' } });
    expect(runs).toHaveLength(1);
    expect(fresh.data.runId).toBe(runs[0].id);
    expect(runs[0]).toMatchObject({ status: 'failed', applied: false, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(await app.prisma.mailbox.count()).toBe(before);
  });
});
