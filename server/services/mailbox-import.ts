// Imports validated CSV rows in one transaction: all rows or none (mode 'all'), or only the valid
// ones (mode 'valid-only'). Used by the API and by scripts/import-mailboxes.ts.
import type { Db } from '../lib/prisma.ts';
import { validateMailboxCsv, type CsvRowError } from '../domain/mailbox-csv.ts';
import { createAuditLog, type AuditContext } from '../plugins/app/audit.ts';
import { explainLimit } from '../domain/effective-limit.ts';
import { toNumber } from '../lib/bigint.ts';
import { planFor } from './mailbox-limits.ts';

export type ImportMode = 'all' | 'valid-only';
export interface ImportResult { imported: number; errors: CsvRowError[]; refused: boolean }

const CHUNK = 1000;

export async function importMailboxCsv(prisma: Db, csv: string, mode: ImportMode, actor: AuditContext): Promise<ImportResult> {
  const plans = await prisma.quotaPlan.findMany({ select: { id: true, name: true, storageLimitBytes: true } });
  const byName = new Map(plans.map((p) => [p.name, p]));
  const planNames = new Set(byName.keys());
  // Validate twice: first to learn the addresses, then against those already registered.
  const firstPass = validateMailboxCsv(csv, { planNames, existingAddresses: new Set() });
  const existing = await prisma.mailbox.findMany({ where: { address: { in: firstPass.rows.map((r) => r.address) } }, select: { address: true } });
  const { rows, errors } = validateMailboxCsv(csv, { planNames, existingAddresses: new Set(existing.map((e) => e.address)) });
  if (errors.length && mode === 'all') return { imported: 0, errors, refused: true };

  const fallback = await planFor(prisma, { planId: null });
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.mailbox.createMany({
        data: rows.slice(i, i + CHUNK).map((r) => {
          const plan = r.planName ? byName.get(r.planName)! : fallback;
          // A new mailbox has no temporary increases yet.
          const { effectiveLimitBytes: effective } = explainLimit({
            planName: plan?.name ?? null, planLimitBytes: toNumber(plan?.storageLimitBytes), overrideBytes: r.limitOverrideBytes, increases: [],
          });
          return {
            address: r.address, imapLogin: r.address, displayName: r.displayName,
            planId: r.planName ? plan!.id : null,
            limitOverrideBytes: r.limitOverrideBytes === null ? null : BigInt(r.limitOverrideBytes),
            effectiveLimitBytes: effective === null ? null : BigInt(effective),
          };
        }),
      });
    }
    await createAuditLog(tx).record(actor, {
      action: 'mailbox.import', entityType: 'mailbox',
      after: { imported: rows.length, skippedRows: errors.map((e) => e.line), mode },
    }, tx);
  }, { timeout: 120_000 });
  return { imported: rows.length, errors, refused: false };
}
