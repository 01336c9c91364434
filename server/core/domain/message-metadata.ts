// Message metadata (subjects, senders, Message-IDs) is the content of users' mail, not mailbox administration: only
// staff with the message-metadata permission see it (admins always; others when an admin grants it, as Exchange keeps
// Discovery Management apart from Help Desk). Without it, figures stay: counts, bytes, dates, sizes, folders.

/** An expiry preview's folders without the subjects and senders of their sample messages. */
export function previewWithoutMetadata<F extends { sample: { subject: string | null; from: string | null }[] }>(folders: F[]): F[] {
  return folders.map((folder) => ({ ...folder, sample: folder.sample.map((m) => ({ ...m, subject: null, from: null })) }));
}

/** An expired-message record without its subject and Message-ID. */
export function expiredMessageWithoutMetadata<M extends { subject: string | null; messageId: string | null }>(message: M): M {
  return { ...message, subject: null, messageId: null };
}
