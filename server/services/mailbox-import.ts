// Imports validated CSV rows in one transaction: all rows or none (mode 'all'), or only the valid
// ones (mode 'valid-only'). Used by the API and by scripts/import-mailboxes.ts.
import type { Db } from '../core/lib/prisma.ts';
import { withExistingAddresses, type CsvRowError, type ValidMailboxRow } from '../core/domain/mailbox-csv.ts';
import { parseMailboxCsvInThread } from './mailbox-csv-parse.ts';
import { SETTINGS_ID } from '../core/services/guidance-defaults.ts';
import { insertMailboxes, registeredAddresses } from '../core/repositories/mailbox-bulk.ts';
import { createAuditLog, type AuditContext } from '../core/repositories/audit-log.ts';
import { explainLimit } from '../core/domain/effective-limit.ts';
import { toNumber } from '../core/lib/bigint.ts';
import { planFor } from '../core/services/mailbox-limits.ts';

export type ImportMode = 'all' | 'valid-only';
export interface ImportResult { imported: number; errors: CsvRowError[]; warnings: CsvRowError[]; refused: boolean }

// Rows per INSERT: each is one event-loop turn of work (a few ms, mostly Prisma's query compiler), a round trip between.
const CHUNK = 500;

export async function importMailboxCsv(prisma: Db, csv: string, mode: ImportMode, actor: AuditContext): Promise<ImportResult> {
  const plans = await prisma.quotaPlan.findMany({ select: { id: true, name: true, storageLimitBytes: true } });
  const byName = new Map(plans.map((p) => [p.name, p]));
  const settings = await prisma.mailSettings.findUnique({ where: { id: SETTINGS_ID }, select: { domains: true } });
  const servedDomains = settings?.domains.length ? settings.domains.map((d) => d.toLowerCase()) : null;
  // Parsed and validated in a worker thread; the addresses already registered are looked up here, a batch at a time,
  // while the thread parses on.
  const batches = parseMailboxCsvInThread({ csv, planNames: [...byName.keys()], servedDomains });
  const validated: ValidMailboxRow[] = [];
  const existing = new Set<string>();
  let next = await batches.next();
  try {
    for (; !next.done; next = await batches.next()) {
      for (const address of await registeredAddresses(prisma, next.value.map((r) => r.address))) existing.add(address);
      for (const row of next.value) validated.push(row);
    }
  } finally {
    // A failed lookup ends the import: the thread drops the file (a no-op once it has ended).
    if (!next.done) await batches.return({ errors: [], warnings: [], fileError: true });
  }
  const end = next.value;
  const { rows, errors, warnings } = withExistingAddresses({ rows: end.fileError ? [] : validated, errors: end.errors, warnings: end.warnings }, existing);
  if (errors.length && mode === 'all') return { imported: 0, errors, warnings, refused: true };

  const fallback = await planFor(prisma, { planId: null });
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await insertMailboxes(tx, rows.slice(i, i + CHUNK).map((r) => {
        const plan = r.planName ? byName.get(r.planName)! : fallback;
        // A new mailbox has no temporary increases yet.
        const { effectiveLimitBytes: effective } = explainLimit({
          planName: plan?.name ?? null, planLimitBytes: toNumber(plan?.storageLimitBytes), overrideBytes: r.limitOverrideBytes, increases: [],
        }, now);
        return {
          address: r.address, imapLogin: r.address, displayName: r.displayName,
          planId: r.planName ? plan!.id : null,
          limitOverrideBytes: r.limitOverrideBytes === null ? null : BigInt(r.limitOverrideBytes),
          effectiveLimitBytes: effective === null ? null : BigInt(effective),
        };
      }));
    }
    await createAuditLog(tx).record(actor, {
      action: 'mailbox.import', entityType: 'mailbox',
      after: { imported: rows.length, skippedRows: errors.map((e) => e.line), mode },
    }, tx);
  }, { timeout: 120_000 });
  return { imported: rows.length, errors, warnings, refused: false };
}
