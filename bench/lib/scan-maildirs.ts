// Mail for the scan benchmark, written straight into each user's Maildir (what delivery would leave there:
// one file per message in cur/, LF line ends as Dovecot stores them, owned by the mail uid). Appending over IMAP
// cost ~40 ms a mailbox; this is ~1 ms. Dovecot indexes the files on first access, which bench/scan.ts does
// once, untimed, before either side is measured, so both read the same data from the same state.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';

const MAIL_UID = 5000; // scripts/lib/dovecot.ts: every mailbox belongs to the virtual uid/gid 5000
const PARALLEL = 32;

/** Size of message `m` of user `i`: varies per user, so a mix-up between mailboxes shows as a mismatch. */
export const messageSize = (i: number, m: number) => 20_000 + ((i * 7 + m) % 13) * 1000;

const fileName = (i: number, m: number) => `${1767225600 + m}.M${i}P${m}.mailwarden-bench:2,S`;

/**
 * Gives each user exactly `perUser` messages in INBOX. A Maildir that already holds this benchmark's mail (kept
 * between runs) is left alone; anything else there is wiped first, so no stale quota file (maildirsize) or mail
 * from another run can skew the figures. Returns the users written, which Dovecot has not indexed yet.
 */
export async function seedMaildirs(mailRoot: string, users: string[], perUser: number): Promise<string[]> {
  let next = 0;
  const written: string[] = [];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < users.length) {
      const i = next++;
      const home = path.join(mailRoot, users[i]);
      const maildir = path.join(home, 'Maildir');
      const present = new Set(await fs.readdir(path.join(maildir, 'cur')).catch(() => []));
      const unexpected = (await fs.readdir(path.join(maildir, 'new')).catch(() => [])).length;
      if (!unexpected && present.size === perUser && Array.from({ length: perUser }, (_, m) => fileName(i, m)).every((f) => present.has(f))) continue;
      await fs.rm(home, { recursive: true, force: true });
      for (const sub of ['cur', 'new', 'tmp']) await fs.mkdir(path.join(maildir, sub), { recursive: true, mode: 0o700 });
      for (let m = 0; m < perUser; m++) {
        const raw = buildMessage({ from: 'bench@example.test', to: users[i], subject: `scan bench ${m}`, date: new Date(Date.UTC(2026, 0, 1 + m)), sizeBytes: messageSize(i, m) });
        await fs.writeFile(path.join(maildir, 'cur', fileName(i, m)), raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      }
      await chownTree(home);
      written.push(users[i]);
    }
  }));
  return written;
}

async function chownTree(dir: string): Promise<void> {
  await fs.chown(dir, MAIL_UID, MAIL_UID);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(p);
    else await fs.chown(p, MAIL_UID, MAIL_UID);
  }
}
