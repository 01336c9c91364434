// What a sync would change: the directory's entries against the mailboxes Mailwarden has. Pure and deterministic
// (every list sorted by address), so a dry-run shows exactly what the real run then applies.
// Entries match mailboxes by address. A mailbox is the directory's to take out only if a sync of this source created
// or adopted it (directorySource); mailboxes made by hand or by CSV are never "gone". A mailbox the sync took out
// (disabled or deleted, DIRECTORY_GONE_STATUS) comes back ("returned") when its entry does; one that staff disabled
// or deleted stays so, though its fields follow.
import type { DirectoryEntry, EntryProblem } from './mapping.ts';
import type { MailboxStatus } from '../mailbox-lifecycle.ts';

export type { MailboxStatus };
/** Statuses a gone entry no longer changes: the mailbox is out already (by staff or by an earlier run). */
const OUT: ReadonlySet<MailboxStatus> = new Set(['disabled', 'deleted']);

export interface CurrentMailbox {
  id: number;
  address: string;
  imapLogin: string;
  displayName: string;
  alternateEmail: string | null;
  /** Plan name, null = none. */
  plan: string | null;
  status: MailboxStatus;
  /** The directory source that created or adopted it; null = made by hand or by CSV. */
  directorySource: string | null;
  /** Taken out by a sync because its entry was gone (not by staff). */
  goneFromDirectory: boolean;

}

export interface Fields {
  displayName: string;
  imapLogin: string;
  alternateEmail: string | null;
  plan: string | null;
}

export interface FieldChange {
  id: number;
  address: string;
  dn: string;
  before: Partial<Fields>;
  after: Partial<Fields>;
  /** A mailbox made by hand that the directory now manages. */
  adopted?: true;
}

export interface SyncDiff {
  added: Array<{ address: string; dn: string } & Fields>;
  changed: FieldChange[];
  gone: Array<{ id: number; address: string }>;
  returned: FieldChange[];
  problems: EntryProblem[];
  unchanged: number;
  /** This source's mailboxes not disabled or deleted before the run: what the safety stop measures `gone` against. */
  managed: number;
}

export interface DiffOptions {
  source: string;
  /** Existing plan names. An entry naming another plan is reported and keeps its current plan. */
  plans: Iterable<string>;
}

const byAddress = (a: { address: string }, b: { address: string }) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

export function diffDirectory(entries: Iterable<DirectoryEntry | EntryProblem>, mailboxes: Iterable<CurrentMailbox>, opts: DiffOptions): SyncDiff {
  const diff: SyncDiff = { added: [], changed: [], gone: [], returned: [], problems: [], unchanged: 0, managed: 0 };
  const plans = new Map([...opts.plans].map((p) => [p.toLowerCase(), p]));
  const byAddr = new Map<string, CurrentMailbox>();
  const loginOwner = new Map<string, number>();
  for (const m of mailboxes) {
    byAddr.set(m.address.toLowerCase(), m);
    loginOwner.set(m.imapLogin.toLowerCase(), m.id);
  }

  // Addresses and logins that occur more than once in the directory: every entry involved is reported (which
  // one is meant is not ours to guess), and the mailbox of such an address is kept as it is.
  const present = new Set<string>();
  const valid: DirectoryEntry[] = [];
  const addressCount = new Map<string, number>();
  const loginCount = new Map<string, number>();
  for (const e of entries) {
    if (e.address) present.add(e.address);
    if ('reason' in e) { diff.problems.push(e); continue; }
    valid.push(e);
    addressCount.set(e.address, (addressCount.get(e.address) ?? 0) + 1);
    loginCount.set(e.imapLogin, (loginCount.get(e.imapLogin) ?? 0) + 1);
  }

  for (const e of valid) {
    const problem = (reason: EntryProblem['reason'], detail?: string) => diff.problems.push({ dn: e.dn, address: e.address, reason, ...(detail ? { detail } : {}) });
    if (addressCount.get(e.address)! > 1) { problem('duplicate-address'); continue; }
    if (loginCount.get(e.imapLogin)! > 1) { problem('duplicate-login', e.imapLogin); continue; }
    const current = byAddr.get(e.address);
    const owner = loginOwner.get(e.imapLogin);
    if (owner !== undefined && owner !== current?.id) { problem('login-taken', e.imapLogin); continue; }
    if (current?.directorySource && current.directorySource !== opts.source) { problem('other-source', current.directorySource); continue; }

    let plan = e.plan;
    if (plan) {
      plan = plans.get(plan.toLowerCase());
      if (plan === undefined) problem('unknown-plan', e.plan!);
    }
    const wanted: Fields = { displayName: e.displayName, imapLogin: e.imapLogin, alternateEmail: e.alternateAddress, plan: plan ?? null };
    if (!current) {
      if (plan === undefined) wanted.plan = null; // a new mailbox with an unknown or unmapped plan gets the default
      diff.added.push({ address: e.address, dn: e.dn, ...wanted });
      continue;
    }
    const change = fieldChange(current, e.dn, wanted, plan !== undefined);
    if (!current.directorySource) change.adopted = true;
    if (current.goneFromDirectory) diff.returned.push(change);
    else if (Object.keys(change.after).length || change.adopted) diff.changed.push(change);
    else diff.unchanged++;
  }

  for (const m of byAddr.values()) {
    if (m.directorySource !== opts.source || OUT.has(m.status)) continue;
    diff.managed++;
    if (!present.has(m.address.toLowerCase())) diff.gone.push({ id: m.id, address: m.address });
  }
  for (const list of [diff.added, diff.changed, diff.gone, diff.returned]) list.sort(byAddress);
  diff.problems.sort((a, b) => (a.dn < b.dn ? -1 : a.dn > b.dn ? 1 : 0));
  return diff;
}

function fieldChange(current: CurrentMailbox, dn: string, wanted: Fields, comparePlan: boolean): FieldChange {
  const change: FieldChange = { id: current.id, address: current.address, dn, before: {}, after: {} };
  const now: Fields = { displayName: current.displayName, imapLogin: current.imapLogin.toLowerCase(), alternateEmail: current.alternateEmail?.toLowerCase() ?? null, plan: current.plan };
  for (const key of ['displayName', 'imapLogin', 'alternateEmail', 'plan'] as const) {
    if (key === 'plan' && !comparePlan) continue;
    if (now[key] !== wanted[key]) {
      (change.before as Record<string, unknown>)[key] = key === 'imapLogin' ? current.imapLogin : now[key];
      (change.after as Record<string, unknown>)[key] = wanted[key];
    }
  }
  return change;
}
