// Real: the API (app.inject with chosen peer addresses) and its login limits in Redis; nothing stubbed.
// The lockout model of server/routes/auth/login-limits.ts: attackers elsewhere never lock the owner out of an address
// they logged in from before, one noisy NAT does not lock out its colleagues, and password spraying is still stopped.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, STAFF_PASSWORD } from '../harness/app.ts';

let app: FastifyInstance;

beforeAll(async () => {
  ({ app } = await startTestApp());
});
afterAll(() => app?.close());

const attempt = (email: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
const codes = async (n: number, make: (i: number) => Promise<{ statusCode: number }>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await make(i)).statusCode);
  return out;
};
const count = (list: number[], code: number) => list.filter((c) => c === code).length;

describe('an account under attack from other addresses', () => {
  it('stays open to its owner from an address they logged in from before', async () => {
    await createStaff(app, 'admin', 'owner@example.test');
    expect((await attempt('owner@example.test', STAFF_PASSWORD, '10.20.0.1')).statusCode).toBe(200); // the owner's usual address

    // A botnet: 60 guesses, each from its own address.
    const botnet = await codes(60, (i) => attempt('owner@example.test', `guess-${i}`, `10.21.${i >> 8}.${(i % 254) + 1}`));
    // One stubborn address too.
    const single = await codes(15, (i) => attempt('owner@example.test', `again-${i}`, '10.22.0.1'));
    expect(count(botnet, 401)).toBe(30);
    expect(count(botnet, 429)).toBe(30);
    expect(single.every((c) => c === 429)).toBe(true); // the account is closed to new addresses for the window

    // The owner, from the known address, with the right password: in. A typo first does not change that.
    expect((await attempt('owner@example.test', 'owner typo', '10.20.0.1')).statusCode).toBe(401);
    expect((await attempt('owner@example.test', STAFF_PASSWORD, '10.20.0.1')).statusCode).toBe(200);
    // The price: a first login from a new address waits while the attack lasts.
    expect((await attempt('owner@example.test', STAFF_PASSWORD, '10.20.0.2')).statusCode).toBe(429);
    console.info(`[lockout] botnet: ${botnet.length} guesses from ${botnet.length} addresses (${count(botnet, 401)} checked, ${count(botnet, 429)} refused) + ${single.length} from one address; owner from the known address: 200`);
  });

  it('still limits guessing from a known address, on that address alone', async () => {
    await createStaff(app, 'ops', 'pair@example.test');
    expect((await attempt('pair@example.test', STAFF_PASSWORD, '10.23.0.1')).statusCode).toBe(200);
    const guesses = await codes(12, (i) => attempt('pair@example.test', `guess-${i}`, '10.23.0.1'));
    expect(guesses).toEqual([...Array(10).fill(401), 429, 429]);
    expect((await attempt('pair@example.test', STAFF_PASSWORD, '10.23.0.9')).statusCode).toBe(200); // another address is not affected
  });
});

describe('one NAT address shared by many staff', () => {
  it('keeps working for colleagues who logged in from it before, while spraying from it is stopped', async () => {
    const NAT = '10.30.0.1';
    const colleagues = ['nat-a@example.test', 'nat-b@example.test', 'nat-c@example.test'];
    for (const email of colleagues) {
      await createStaff(app, 'helpdesk', email);
      expect((await attempt(email, STAFF_PASSWORD, NAT)).statusCode).toBe(200);
    }
    await createStaff(app, 'helpdesk', 'nat-new@example.test');

    // Someone behind the NAT sprays one password over 40 accounts.
    const spray = await codes(40, (i) => attempt(`victim-${i}@example.test`, 'Winter2026!', NAT));
    expect(spray).toEqual([...Array(30).fill(401), ...Array(10).fill(429)]);

    // Colleagues who logged in from the NAT before: in. A colleague on their first login from it waits, like the sprayer.
    for (const email of colleagues) expect((await attempt(email, STAFF_PASSWORD, NAT)).statusCode).toBe(200);
    expect((await attempt('nat-new@example.test', STAFF_PASSWORD, NAT)).statusCode).toBe(429);
    console.info(`[lockout] NAT: ${count(spray, 401)} spraying failures then ${count(spray, 429)} refused; ${colleagues.length}/${colleagues.length} known colleagues logged in`);
  });

  it('stops spraying from a fresh address after 30 failures, whatever the accounts', async () => {
    const spray = await codes(31, (i) => attempt(`spray-${i}@example.test`, 'Summer2026!', '10.40.0.1'));
    expect(spray).toEqual([...Array(30).fill(401), 429]);
  });
});
