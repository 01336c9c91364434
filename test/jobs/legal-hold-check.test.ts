// Real PostgreSQL; nothing stubbed. The raw hold check expiry runs before every STORE and UID EXPUNGE
// (firstActiveHold) must agree with the Prisma rule the rest of the app uses (activeHoldWhere), hold by hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type Db } from '../../server/core/lib/prisma.ts';
import { activeHoldWhere, firstActiveHold } from '../../server/core/repositories/legal-holds.ts';
import { truncateAll } from '../harness/db.ts';
import { testConfig, testMailUser } from '../harness/env.ts';
import { createMailboxRow } from '../harness/retention.ts';

const HOUR = 3_600_000;
let prisma: Db;

beforeAll(async () => {
  prisma = createPrisma(testConfig().DATABASE_URL);
  await truncateAll(prisma);
});
afterAll(() => prisma?.$disconnect());

describe('firstActiveHold', () => {
  it('finds exactly the holds activeHoldWhere calls active, the earliest first', async () => {
    const now = new Date();
    const at = (h: number) => new Date(now.getTime() + h * HOUR);
    // One mailbox per kind of hold: started or not, lifted or not, ended or not, open-ended or not.
    const kinds = [
      { startsAt: at(-5) }, { startsAt: at(1) }, { startsAt: at(-5), endsAt: at(-1) }, { startsAt: at(-5), endsAt: at(2) },
      { startsAt: at(-5), liftedAt: at(-1), liftedBy: 'ops' }, { startsAt: at(-5), endsAt: at(3), liftedAt: at(-2), liftedBy: 'ops' },
      { startsAt: new Date(now.getTime() + 1) }, { startsAt: at(-5), endsAt: new Date(now.getTime() + 1) },
    ];
    for (const [i, kind] of kinds.entries()) {
      const { id } = await createMailboxRow(prisma, testMailUser(1) + `.hold${i}`);
      await prisma.legalHold.create({ data: { mailboxId: id, reason: `kind ${i}`, setBy: 'ops@example.test', ...kind } });
      const expected = await prisma.legalHold.findFirst({ where: { mailboxId: id, ...activeHoldWhere(now) } });
      const found = await firstActiveHold(prisma, id, now);
      expect(found?.id ?? null, `kind ${i}`).toBe(expected?.id ?? null);
    }
    // Two active holds: the earlier start is named (activeHolds orders by startsAt too).
    const { id } = await createMailboxRow(prisma, testMailUser(1) + '.two');
    await prisma.legalHold.create({ data: { mailboxId: id, reason: 'later', setBy: 'a', startsAt: at(-1) } });
    const earlier = await prisma.legalHold.create({ data: { mailboxId: id, reason: 'earlier', setBy: 'b', startsAt: at(-3) } });
    expect(await firstActiveHold(prisma, id, now)).toEqual({ id: earlier.id, setBy: 'b', reason: 'earlier' });
  });
});
