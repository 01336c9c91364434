// Real: the API (app.inject) with PostgreSQL and Redis; the queues are the app's own BullMQ producers under this file's prefix (no
// worker runs, so added jobs stay waiting). Nothing stubbed. The queue lists used to ignore sort/filter; now they answer like every list.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';

let app: FastifyInstance;
let ops: Session;
const get = (url: string) => as(app, ops, { method: 'GET', url });
const q = (param: string, value: unknown) => `${param}=${encodeURIComponent(JSON.stringify(value))}`;

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
  for (const mailboxId of [1, 2, 3]) await app.queues.probe.add('probe', { mailboxId });
  await app.queues.notify.add('notify', { notificationId: 1 });
  await app.queues.maintenance.pause();
});
afterAll(async () => {
  await app?.queues.maintenance.resume();
  await app?.close();
});

describe('GET /api/queues', () => {
  it('answers 400 naming sort for a field it cannot sort by, whatever it looks like', async () => {
    for (const field of ['bogus', 'passwordHash', '__proto__', 'name; DROP', 'data']) {
      const res = await get(`/api/queues?${q('sort', [field, 'ASC'])}`);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().message).toMatch(/^sort field must be one of: registry, name, isPaused, waiting/);
    }
    expect((await get(`/api/queues?${q('sort', ['waiting', 'sideways'])}`)).json()).toMatchObject({ statusCode: 400, message: 'sort order must be ASC or DESC' });
  });

  it('sorts by a queue field, pages with range and filters by name or pause state', async () => {
    const byWaiting = await get(`/api/queues?${q('sort', ['waiting', 'DESC'])}&${q('range', [0, 1])}`);
    expect(byWaiting.statusCode).toBe(200);
    expect(byWaiting.json().map((r: { name: string; waiting: number }) => [r.name, r.waiting])).toEqual([['probe', 3], ['notify', 1]]);
    expect(byWaiting.headers['content-range']).toBe('queues 0-1/9');
    const byName = (await get(`/api/queues?${q('sort', ['name', 'ASC'])}`)).json().map((r: { name: string }) => r.name);
    expect(byName).toEqual([...byName].sort());
    expect((await get(`/api/queues?${q('filter', { isPaused: true })}`)).json().map((r: { name: string }) => r.name)).toEqual(['maintenance']);
    expect((await get(`/api/queues?${q('filter', { name: 'probe' })}`)).json()).toMatchObject([{ name: 'probe', waiting: 3 }]);
    expect((await get(`/api/queues?${q('filter', { name: 'nope' })}`)).json().message).toMatch(/^filter\.name must be one of: /);
  });

  it('keeps the registry order without a sort, and refuses unknown parameters', async () => {
    const plain = await get('/api/queues');
    expect(plain.headers['content-range']).toBe('queues 0-8/9');
    expect((await get(`/api/queues?${q('sort', ['registry', 'ASC'])}`)).body).toBe(plain.body);
    expect((await get('/api/queues?order=name')).json().message).toMatch(/querystring\.order is not allowed/);
  });
});

describe('GET /api/queues/:name/jobs', () => {
  it('answers 400 naming sort for a field other than timestamp, and reverses the order with ASC', async () => {
    const bad = await get(`/api/queues/probe/jobs?state=waiting&${q('sort', ['name', 'ASC'])}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('sort field must be one of: timestamp');
    const ids = async (order: string) => (await get(`/api/queues/probe/jobs?state=waiting&${q('sort', ['timestamp', order])}`)).json().map((j: { data: { mailboxId: number } }) => j.data.mailboxId);
    const desc = await ids('DESC');
    expect(desc).toEqual([3, 2, 1]);
    expect(await ids('ASC')).toEqual([1, 2, 3]);
  });
});
