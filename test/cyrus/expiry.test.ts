// Real: Cyrus IMAP 3.6 (admin access through SASL PLAIN authzid), PostgreSQL, Redis/BullMQ workers from jobs/start.ts.
// The standard retention case of test/jobs/expiry.test.ts on Cyrus: INBOX (flagged, unread, user-deleted kept), Junk,
// Trash by saved date (FETCH SAVEDATE, SAVEDATESUPPORTED), Lists/* moved to the \Archive folder; conditional STORE
// (CONDSTORE) and UID EXPUNGE (UIDPLUS). A second run removes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCyrus } from '../harness/cyrus.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { testCyrusConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf } from '../harness/retention.ts';
import { createMailboxRun, expiryJobId } from '../../server/core/services/expiry-runs.ts';

const cyrus = testCyrusConfig();
const LOGIN = testMailUser(14);
let h: JobsHarness;

beforeAll(async () => {
  await ensureTestCyrus();
  h = await startJobsHarness(testPort(10464), { IMAP_PORT: String(cyrus.IMAP_PORT), IMAP_ADMIN_MODE: 'authzid' });
  await createPolicy(h.ctx.prisma, 'Standard', STANDARD_RULES, { isDefault: true });
});
afterAll(() => h?.stop());

async function expire(mailboxId: number) {
  const { run, mailboxRun } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun: false, trigger: 'manual', createdBy: null });
  const job = await h.queues.expiry.add('expiry', { mailboxId, runId: run.id, dryRun: false }, { jobId: expiryJobId(run.id, mailboxId), attempts: 1 });
  await waitForJob(h.queues.expiry, job, 45_000);
  return h.ctx.prisma.expiryMailboxRun.findUniqueOrThrow({ where: { id: mailboxRun.id } });
}

describe('expiry on Cyrus', () => {
  it('removes exactly what the standard policy says, audits each message, and a rerun removes nothing', async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, LOGIN);
    const seeded = await seed(cyrus, LOGIN);
    const first = await expire(id);
    expect(first).toMatchObject({ status: 'done', matched: 8, deleted: 6, moved: 2, error: null });
    expect(await listMail(cyrus, LOGIN)).toEqual(expectedAfterStandardRun(seeded, subjectsOf(seeded)));
    expect(await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id, state: 'done' } })).toBe(8);

    const second = await expire(id);
    expect(second).toMatchObject({ status: 'done', matched: 0, deleted: 0, moved: 0, error: null });
  }, 60_000);
});
