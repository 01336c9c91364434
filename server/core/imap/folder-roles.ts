// Special-use roles and order for a folder list read without imapflow's list() (imap/usage-fast-path.ts), so a
// quick scan stores the same usageFolders as the imapflow path: retention falls back to these roles when a
// mailbox was never probed. Per folder, imapflow's own detector decides (server SPECIAL-USE flag first, then
// the localized-name tables); when several folders claim a role, imapflow's documented precedence picks one:
// stronger source, then the shallower folder, then alphabetical; each folder takes at most one role.
// test/jobs/imap-usage.test.ts compares both paths on the same mailbox.
import { specialUse, type SpecialUseSource } from 'imapflow/lib/special-use.js';

export interface ListedFolder {
  /** Decoded path, INBOX upper-cased. */
  path: string;
  delimiter: string | null;
  flags: Set<string>;
}

export interface FolderWithRole extends ListedFolder { specialUse: string | null }

type Source = SpecialUseSource;
const SOURCE_ORDER: Source[] = ['extension', 'name', 'name-guess'];
const ROLE_ORDER = ['\\Inbox', '\\Flagged', '\\Sent', '\\Drafts', '\\All', '\\Archive', '\\Junk', '\\Trash'];

const segments = (f: ListedFolder) => (f.delimiter ? f.path.split(f.delimiter) : [f.path]);

export function assignFolderRoles(folders: ListedFolder[], hasSpecialUseExtension: boolean): FolderWithRole[] {
  const candidates: { role: string; source: Source; folder: ListedFolder }[] = [];
  for (const folder of folders) {
    const phantom = folder.flags.has('\\NonExistent');
    if (folder.path === 'INBOX' && !phantom) candidates.push({ role: '\\Inbox', source: 'name', folder });
    const found = specialUse(hasSpecialUseExtension, { flags: folder.flags, name: segments(folder).at(-1) ?? folder.path });
    // A name is no evidence for a folder that does not exist; a server flag is.
    if (found.flag && found.source && (found.source === 'extension' || !phantom)) candidates.push({ role: found.flag, source: found.source, folder });
  }
  candidates.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source)
    || segments(a.folder).length - segments(b.folder).length
    || a.folder.path.localeCompare(b.folder.path));

  const roles = new Map<ListedFolder, string>();
  const taken = new Set<string>();
  for (const { role, folder } of candidates) {
    if (taken.has(role) || roles.has(folder)) continue;
    roles.set(folder, role);
    taken.add(role);
  }
  const withRoles = folders.map((f) => ({ ...f, specialUse: roles.get(f) ?? null }));
  // Special-use folders first in a fixed order, then the others by path segments (imapflow's order).
  return withRoles.sort((a, b) => {
    if (a.specialUse || b.specialUse) {
      if (!a.specialUse) return 1;
      if (!b.specialUse) return -1;
      return ROLE_ORDER.indexOf(a.specialUse) - ROLE_ORDER.indexOf(b.specialUse);
    }
    const [as, bs] = [segments(a), segments(b)];
    for (let i = 0; i < as.length; i++) if (as[i] !== bs[i]) return as[i].localeCompare(bs[i] ?? '');
    return a.path.localeCompare(b.path);
  });
}
