// What a mailbox looks like from IMAP: the server's capabilities, the quota root of INBOX and
// the folder list with SPECIAL-USE flags. Read-only.
import type { ImapFlow } from 'imapflow';

export interface ProbeResult {
  capabilities: string[];
  quota: { root: string | null; storageUsedBytes: number | null; storageLimitBytes: number | null; messagesUsed: number | null; messagesLimit: number | null } | null;
  folders: { path: string; specialUse: string | null; delimiter: string; flags: string[]; subscribed: boolean }[];
}

export async function probeMailbox(client: ImapFlow): Promise<ProbeResult> {
  const capabilities = [...client.capabilities.keys()].sort();
  let quota: ProbeResult['quota'] = null;
  if (client.capabilities.has('QUOTA')) {
    const q = await client.getQuota('INBOX');
    if (q) {
      // imapflow converts STORAGE from KiB to bytes already.
      quota = {
        root: q.path ?? null,
        storageUsedBytes: q.storage?.usage ?? null,
        storageLimitBytes: q.storage?.limit ?? null,
        messagesUsed: q.message?.usage ?? null,
        messagesLimit: q.message?.limit ?? null,
      };
    }
  }
  const list = await client.list();
  const folders = list.map((f) => ({
    path: f.path,
    specialUse: f.specialUse ?? null,
    delimiter: f.delimiter,
    flags: [...(f.flags ?? [])].sort(),
    subscribed: Boolean(f.subscribed),
  }));
  return { capabilities, quota, folders };
}
