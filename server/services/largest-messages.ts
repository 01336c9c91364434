// "Why is this mailbox full?" for the API: the largest messages, read by a worker while the request waits (a
// mailbox-read job: the API never opens IMAP). Audited like the expiry preview, because it reads a user's mail
// (with the message-metadata permission, subjects and senders too).
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { NotFoundError } from '../core/domain/errors.ts';
import type { MailboxReads } from './mailbox-reads.ts';
import type { StaffActor } from './actor.ts';

export function createLargestMessagesService(db: Db, audit: AuditLog, reads: MailboxReads) {
  const mailboxes = createMailboxRepository(db);
  return {
    async read(actor: StaffActor, id: number, limit: number, withMetadata: boolean) {
      const row = await mailboxes.findStored(id);
      if (!row) throw new NotFoundError('Mailbox', id);
      const { messages, method, errors } = await reads.read({ kind: 'largest-messages', mailboxId: row.id, limit, withMetadata }, row.imapLogin);
      await audit.record(actor, { action: 'mailbox.largest_messages', entityType: 'mailbox', entityId: row.id, after: { messagesListed: messages.length, subjects: withMetadata ? 'shown' : 'hidden' } });
      return { mailboxId: row.id, at: new Date(), method, withMetadata, messages, errors };
    },
  };
}
