// Demo data for `npm start`: staff accounts, quota plans, mailboxes, and real mail in Dovecot
// (old and new, several folders) so quotas and retention have something to show. Idempotent.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../server/core/config.ts';
import type { Db } from '../../server/core/lib/prisma.ts';
import { createStaffRepository } from '../../server/core/repositories/staff.ts';
import { openMailboxSession } from '../../server/core/imap/connect.ts';
import { seedMailbox, type SeedSpec } from '../lib/seed-mail.ts';
import { planStatusChange } from '../../server/core/domain/mailbox-lifecycle.ts';
import { createAuditLog } from '../../server/core/repositories/audit-log.ts';
import type { DovecotHandle } from '../lib/dovecot.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
export const DEMO_MAIL_PASSWORD = 'demo-mail-password';

const PLANS = [
  { name: 'Student', storageLimitBytes: 2 * GiB, isDefault: true },
  { name: 'Staff', storageLimitBytes: 10 * GiB, isDefault: false },
  // Small on purpose: the demo mailboxes on it sit near and over their quota.
  { name: 'Lab (10 MiB)', storageLimitBytes: 10 * MiB, isDefault: false },
];

type DemoStatus = { status: 'suspended' | 'disabled' | 'deleted'; reason: string };
const MAILBOXES: { address: string; displayName: string; plan: string; specs: SeedSpec[]; lifecycle?: DemoStatus }[] = [
  { address: 'alice@example.org', displayName: 'Alice Archer', plan: 'Student', specs: [
    { folder: 'INBOX', count: 40, ageDays: [0, 60], sizeBytes: 20_000 },
    { folder: '\\Sent', count: 10, ageDays: [1, 90], sizeBytes: 8_000 },
    { folder: '\\Trash', count: 8, ageDays: [5, 40], sizeBytes: 10_000 },
    { folder: '\\Junk', count: 6, ageDays: [2, 30], sizeBytes: 6_000 },
  ] },
  { address: 'bob@example.org', displayName: 'Bob Baker', plan: 'Staff', specs: [
    { folder: 'INBOX', count: 25, ageDays: [0, 45], sizeBytes: 50_000 },
    { folder: '\\Archive', count: 15, ageDays: [100, 400], sizeBytes: 30_000 },
  ] },
  { address: 'carol@example.org', displayName: 'Carol Chen', plan: 'Lab (10 MiB)', specs: [
    { folder: 'INBOX', count: 34, ageDays: [0, 50], sizeBytes: 250_000 },
  ] },
  { address: 'dave@example.org', displayName: 'Dave Diaz', plan: 'Lab (10 MiB)', specs: [
    { folder: 'INBOX', count: 42, ageDays: [0, 70], sizeBytes: 260_000 },
  ] },
  { address: 'erin@example.org', displayName: 'Erin Evans (POP user)', plan: 'Student', specs: [
    { folder: 'INBOX', count: 12, ageDays: [0, 20], sizeBytes: 15_000 },
  ] },
  // One mailbox per status besides active (docs/mailbox-lifecycle.md): their users cannot log in, and the policy
  // service answers their mail as each status says (npm run demo:check-postfix shows it).
  { address: 'frank@example.org', displayName: 'Frank Fischer (suspended)', plan: 'Student', specs: [{ folder: 'INBOX', count: 5, ageDays: [0, 10], sizeBytes: 10_000 }],
    lifecycle: { status: 'suspended', reason: 'demo: account compromised, password reset pending (mail still delivered)' } },
  { address: 'grace@example.org', displayName: 'Grace Green (disabled)', plan: 'Student', specs: [{ folder: 'INBOX', count: 5, ageDays: [0, 10], sizeBytes: 10_000 }],
    lifecycle: { status: 'disabled', reason: 'demo: on leave, mail deferred' } },
  { address: 'heidi@example.org', displayName: 'Heidi Hart (deleted)', plan: 'Student', specs: [{ folder: 'INBOX', count: 5, ageDays: [0, 10], sizeBytes: 10_000 }],
    lifecycle: { status: 'deleted', reason: 'demo: left the organisation, restorable until the purge' } },
];

/** The demo mailboxes that show a status other than active, for the start banner. */
export const DEMO_STATUSES = MAILBOXES.filter((m) => m.lifecycle).map((m) => ({ address: m.address, status: m.lifecycle!.status }));

export async function seedDemo(opts: { prisma: Db; config: Config; dovecot: DovecotHandle | null; adminPassword?: string; logger: Logger }) {
  const { prisma, logger } = opts;
  const staff = createStaffRepository(prisma);
  let printedPassword: string | null = null;
  if ((await prisma.staffUser.count()) === 0) {
    const password = opts.adminPassword || randomBytes(12).toString('base64url');
    for (const [email, role, name] of [
      ['admin@example.org', 'admin', 'Demo Admin'],
      ['ops@example.org', 'ops', 'Demo Ops'],
      ['helpdesk@example.org', 'helpdesk', 'Demo Helpdesk'],
    ] as const) {
      await staff.create({ email, name, role, password });
    }
    printedPassword = opts.adminPassword ? null : password;
  }

  await seedRetention(prisma);
  for (const plan of PLANS) {
    await prisma.quotaPlan.upsert({ where: { name: plan.name }, update: {}, create: { ...plan, storageLimitBytes: BigInt(plan.storageLimitBytes) } });
  }

  for (const m of MAILBOXES) {
    const plan = await prisma.quotaPlan.findUniqueOrThrow({ where: { name: m.plan } });
    const existing = await prisma.mailbox.findUnique({ where: { address: m.address } });
    // Created on the default plan (2 GiB; Dovecot reads the limit live from dovecot_users), so seeding can go past
    // the Lab plan; the mailbox's own plan is applied right after.
    const mailbox = existing ?? await prisma.mailbox.create({
      data: { address: m.address, imapLogin: m.address, displayName: m.displayName, planId: null },
    });
    if (opts.dovecot) {
      await opts.dovecot.addUser(m.address, DEMO_MAIL_PASSWORD);
      await seedMailIfEmpty(opts.config, m.address, m.specs, logger);
    }
    if (!existing) await prisma.mailbox.update({ where: { id: mailbox.id }, data: { planId: plan.id, effectiveLimitBytes: plan.storageLimitBytes } });
    // Set after seeding (the seed logs in as master user, which works in any status) and only on creation: a status
    // changed in the console survives a restart.
    if (!existing && m.lifecycle) await setDemoStatus(prisma, mailbox.id, m.lifecycle, opts.config.MAILBOX_PURGE_GRACE_DAYS);
  }
  return { printedPassword };
}

async function seedMailIfEmpty(config: Config, address: string, specs: SeedSpec[], logger: Logger) {
  const client = await openMailboxSession(config, address);
  try {
    const status = await client.status('INBOX', { messages: true });
    if (status && (status.messages ?? 0) > 0) return;
    const seeded = await seedMailbox(client, address, specs);
    logger.info({ address, messages: seeded.length }, 'seeded demo mail');
  } finally {
    await client.logout();
  }
}

/** The classic policy the demo ships: INBOX mail older than 32 days is deleted (POP users keep local copies,
 *  IMAP users archive); Trash and Junk go faster, counted from when mail was moved there. */
async function seedRetention(prisma: Db) {
  if (await prisma.retentionPolicy.count()) return;
  await prisma.retentionPolicy.create({
    data: {
      name: 'Classic 32 days',
      description: 'INBOX mail older than 32 days is deleted; Trash after 30 days and Junk after 14 days in the folder.',
      isDefault: true,
      rules: {
        create: [
          { position: 1, folderSelector: 'INBOX', maxAgeDays: 32, ageBasis: 'received', action: 'delete', keepFlagged: true, noticeDays: 7 },
          { position: 2, folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved', action: 'delete', keepFlagged: false },
          { position: 3, folderSelector: '\\Junk', maxAgeDays: 14, ageBasis: 'saved', action: 'delete', keepFlagged: false },
        ],
      },
    },
  });
}

async function setDemoStatus(prisma: Db, id: number, lifecycle: DemoStatus, graceDays: number) {
  const now = new Date();
  const change = planStatusChange({ status: 'active', purgeAfter: null, purgedAt: null }, lifecycle.status, now, graceDays);
  await prisma.mailbox.update({ where: { id }, data: { ...change, statusReason: lifecycle.reason, statusChangedAt: now } });
  await createAuditLog(prisma).record(null, {
    action: lifecycle.status === 'deleted' ? 'mailbox.delete' : 'mailbox.status', entityType: 'mailbox', entityId: id,
    before: { status: 'active' }, after: { status: lifecycle.status, reason: lifecycle.reason, purgeAfter: change.purgeAfter },
  });
}
