// Expiry history for the API: runs with their totals (aggregated from the mailbox rows), per-mailbox rows, and the
// per-message audit. Message metadata (subject, Message-ID) is shown only with the message-metadata permission;
// without it a subject search is refused, since it would read subjects one guess at a time.
import type { Db } from '../core/lib/prisma.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createExpiryHistoryRepository, type ExpiredMessageFilter, type MailboxRunFilter, type RunFilter } from '../core/repositories/expiry-history.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { ForbiddenError, NotFoundError } from '../core/domain/errors.ts';
import { expiredMessageWithoutMetadata } from '../core/domain/message-metadata.ts';
import { withTotals } from '../core/services/expiry-runs.ts';
import { withScopeNames } from './entity-names.ts';

/** address: the mailbox's exact address (lower-cased), looked up first: expired_messages has no relation to mailboxes. */
export type MessageQueryFilter = ExpiredMessageFilter & { address?: string };

export function createExpiryHistoryService(db: Db) {
  const history = createExpiryHistoryRepository(db);
  return {
    async listRuns(query: ListQuery<RunFilter>) {
      const { rows, total } = await history.listRuns(query);
      return { rows: await withScopeNames(db, await withTotals(db, rows)), total };
    },

    async getRun(id: number) {
      const run = await history.findRun(id);
      if (!run) throw new NotFoundError('Expiry run', id);
      return (await withScopeNames(db, await withTotals(db, [run])))[0];
    },

    listMailboxRuns: (query: ListQuery<MailboxRunFilter>) => history.listMailboxRuns(query),

    async getMailboxRun(id: number) {
      const row = await history.findMailboxRun(id);
      if (!row) throw new NotFoundError('Expiry mailbox run', id);
      return row;
    },

    async listExpiredMessages(query: ListQuery<MessageQueryFilter>, withMetadata: boolean) {
      const { address, ...filter } = query.filter;
      if (filter.q && !withMetadata) throw new ForbiddenError('filter.q searches message subjects, which needs the message-metadata permission');
      // An unknown address (or one that contradicts the mailboxId filter) finds nothing.
      const addressed = address ? await createMailboxRepository(db).findIdByAddress(address) : undefined;
      if (addressed === null || (addressed && filter.mailboxId && filter.mailboxId !== addressed)) return { rows: [], total: 0 };
      const { rows, total } = await history.listExpiredMessages({ ...query, filter: { ...filter, ...(addressed ? { mailboxId: addressed } : {}) } });
      return { rows: withMetadata ? rows : rows.map(expiredMessageWithoutMetadata), total };
    },
  };
}
