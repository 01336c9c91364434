// Mail server settings for the API: a change is normalised and checked (domain/guidance/settings-rules.ts), then
// written with its audit event (before and after) in one transaction.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createMailSettingsRepository } from '../core/repositories/mail-settings.ts';
import { checkSettings, normaliseSettings } from '../core/domain/guidance/settings-rules.ts';
import type { StaffActor } from './actor.ts';

export function createMailSettingsService(db: Db, audit: AuditLog) {
  const settings = createMailSettingsRepository(db);
  return {
    get: () => settings.get(),

    async update(actor: StaffActor, raw: Parameters<typeof normaliseSettings>[0]) {
      const data = normaliseSettings(raw);
      checkSettings(data);
      await settings.get(); // creates the row with defaults on a fresh install, outside the transaction
      return db.$transaction(async (tx) => {
        const before = await settings.current(tx);
        const after = await settings.update(data, tx);
        await audit.record(actor, { action: 'settings.mail.update', entityType: 'mail-settings', entityId: 'mail', before, after }, tx);
        return after;
      });
    },
  };
}
