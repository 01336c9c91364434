// The singleton mail settings row (id 1), created with defaults on first read.
import type { Db, DbOrTx } from '../lib/prisma.ts';
import type { MailSettingsData } from '../domain/guidance/types.ts';
import { loadSettingsRow, SETTINGS_ID } from '../services/guidance-defaults.ts';

export type MailSettings = MailSettingsData & { updatedAt: Date };

type Row = Awaited<ReturnType<typeof loadSettingsRow>>;

const toSettings = ({ id: _id, ...rest }: Row): MailSettings => rest;

export function createMailSettingsRepository(db: Db) {
  return {
    get: async (): Promise<MailSettings> => toSettings(await loadSettingsRow(db)),
    /** The row as a transaction sees it (for the audit "before"); get() must have created it. */
    current: async (tx: DbOrTx = db): Promise<MailSettings> => toSettings(await tx.mailSettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } })),
    /** Call get() first (outside the transaction) so the row exists. */
    async update(data: MailSettingsData, tx: DbOrTx = db): Promise<MailSettings> {
      return toSettings(await tx.mailSettings.update({ where: { id: SETTINGS_ID }, data }));
    },
  };
}
