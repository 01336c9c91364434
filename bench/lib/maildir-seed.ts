// Seeds benchmark mail FAST by writing Maildir++ files straight to disk (hundreds of thousands of messages in
// seconds, where IMAP APPEND would take minutes). Each file is a real RFC 5322 message (scripts/lib/seed-mail.ts)
// named the way Dovecot names its own (`<time>.M<n>P<user>.mwbench,S=<size>,W=<vsize>:2,<flags>`), so Dovecot
// reads sizes from the name; its mtime is the received date, which Dovecot serves as INTERNALDATE for Maildir.
// Deterministic: the same plan and build time give the same files, so what policy must remove can be computed
// from the plan alone (expectedSurvivors) and compared with what each side left on disk (snapshotMail).
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';

export const DAY_MS = 86_400_000;
/** No message is seeded within this many days of a cutoff: day-granular and second-exact date searches then agree,
 *  and a template reused for a few hours still splits the same way. */
export const MARGIN_DAYS = 2;

export interface FolderPlan {
  /** 'INBOX' or a top-level folder name ('Trash', 'Junk'). */
  folder: string;
  count: number;
  /** Messages older than this (received date) are past retention. */
  cutoffDays: number;
  /** Share of the folder seeded past the cutoff, spread evenly through it. */
  oldShare: number;
  /** Age of the oldest message, in days. */
  oldestDays: number;
  /** Every n-th message is \Flagged (0 or absent: none). */
  flaggedEvery?: number;
  /** Every n-th message carries a \Deleted the user set and has not expunged (0 or absent: none). */
  deletedEvery?: number;
}

export interface SeededMessage {
  folder: string;
  /** Maildir file name up to the `:2,` info: stable while flags change, unique per message. */
  base: string;
  ageDays: number;
  old: boolean;
  flagged: boolean;
  deleted: boolean;
  messageId: string;
}

/** Maildir++ directory of a folder inside `<home>/Maildir`. */
export const folderDir = (maildir: string, folder: string) => (folder === 'INBOX' ? maildir : path.join(maildir, `.${folder}`));

const frac = (i: number) => (i * 0.6180339887) % 1; // low-discrepancy spread: ages cover the range evenly in any prefix

/** The messages of one folder of user number `userIndex` (no I/O). */
export function* folderMessages(plan: FolderPlan, userIndex: number): Generator<SeededMessage> {
  const young: [number, number] = [0.2, plan.cutoffDays - MARGIN_DAYS];
  const old: [number, number] = [plan.cutoffDays + MARGIN_DAYS, Math.max(plan.oldestDays, plan.cutoffDays + MARGIN_DAYS + 1)];
  for (let i = 0; i < plan.count; i++) {
    const isOld = Math.floor((i + 1) * plan.oldShare) > Math.floor(i * plan.oldShare);
    const [lo, hi] = isOld ? old : young;
    const ageDays = lo + (hi - lo) * frac(i + 1);
    const every = (n: number | undefined) => Boolean(n) && i % n! === n! - 1;
    yield {
      folder: plan.folder,
      base: `${plan.folder}.M${i}P${userIndex}.mwbench`,
      ageDays, old: isOld, flagged: every(plan.flaggedEvery), deleted: every(plan.deletedEvery),
      messageId: `<u${userIndex}.${plan.folder}.${i}@bench.mailwarden.test>`,
    };
  }
}

// Bodies are padded with whole filler lines (messages of 0.4–2.7 KB): generating per-message random text took longer
// than writing the files.
const LINE = 'Filler line of a benchmark message: retention, quota, archive, policy and storage.\r\n';
const fillers = new Map<number, Buffer>();
const filler = (lines: number) => {
  let b = fillers.get(lines);
  if (!b) fillers.set(lines, (b = Buffer.from(LINE.repeat(lines), 'ascii')));
  return b;
};

/** Writes every user's folders under `mailRoot/<login>/Maildir`; returns the number of files written. Caller chowns. */
export function writeMaildirs(mailRoot: string, users: string[], plans: FolderPlan[], builtAt: Date): number {
  let written = 0;
  users.forEach((login, u) => {
    const maildir = path.join(mailRoot, login, 'Maildir');
    for (const plan of plans) {
      const dir = folderDir(maildir, plan.folder);
      for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(dir, sub), { recursive: true });
      if (plan.folder !== 'INBOX') writeFileSync(path.join(dir, 'maildirfolder'), '');
      for (const m of folderMessages(plan, u)) {
        const date = new Date(Math.floor((builtAt.getTime() - m.ageDays * DAY_MS) / 1000) * 1000);
        const head = buildMessage({ from: 'Bench Sender <sender@bench.mailwarden.test>', to: login, subject: `bench ${plan.folder} ${m.base}`, date, messageId: m.messageId });
        const raw = Buffer.concat([head, filler(Math.floor(((written * 37) % 2300) / LINE.length))]);
        // Messages are stored with CRLF line ends, so the virtual (RFC 822) size W equals the file size S.
        const flags = `${m.flagged ? 'F' : ''}S${m.deleted ? 'T' : ''}`; // Maildir info flags, in ASCII order
        const file = path.join(dir, 'cur', `${Math.floor(date.getTime() / 1000)}.${m.base},S=${raw.length},W=${raw.length}:2,${flags}`);
        writeFileSync(file, raw);
        utimesSync(file, date, date);
        written++;
      }
    }
  });
  return written;
}

/** Which messages must survive the policy, per `<login>/<folder>`; `removes` says whether policy removes one. */
export function expectedSurvivors(users: string[], plans: FolderPlan[], removes: (m: SeededMessage) => boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  users.forEach((login, u) => {
    for (const plan of plans) {
      const keep = new Set<string>();
      for (const m of folderMessages(plan, u)) if (!removes(m)) keep.add(m.base);
      out.set(`${login}/${plan.folder}`, keep);
    }
  });
  return out;
}

/** What is on disk now, per `<login>/<folder>`: the base names of the files in cur/ and new/. */
export function snapshotMail(mailRoot: string, users: string[], folders: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const login of users) {
    for (const folder of folders) {
      const dir = folderDir(path.join(mailRoot, login, 'Maildir'), folder);
      const names = new Set<string>();
      for (const sub of ['cur', 'new']) {
        let entries: string[] = [];
        try {
          entries = readdirSync(path.join(dir, sub));
        } catch { /* folder never created: empty */ }
        for (const name of entries) {
          // Strip the `<time>.` prefix and everything from `,S=`: what is left is our stable base name.
          const base = name.slice(name.indexOf('.') + 1).split(',')[0].split(':')[0];
          names.add(base);
        }
      }
      out.set(`${login}/${folder}`, names);
    }
  }
  return out;
}

export interface Comparison { folders: number; messages: number; differingFolders: string[]; missing: number; extra: number }

/** Compares two snapshots (or a snapshot with the expectation): messages one has that the other lacks. */
export function compareSnapshots(expected: Map<string, Set<string>>, actual: Map<string, Set<string>>): Comparison {
  const result: Comparison = { folders: expected.size, messages: 0, differingFolders: [], missing: 0, extra: 0 };
  for (const [key, want] of expected) {
    const got = actual.get(key) ?? new Set<string>();
    result.messages += want.size;
    let missing = 0;
    for (const b of want) if (!got.has(b)) missing++;
    const extra = [...got].filter((b) => !want.has(b)).length;
    if (missing || extra) result.differingFolders.push(key);
    result.missing += missing;
    result.extra += extra;
  }
  for (const key of actual.keys()) if (!expected.has(key)) result.differingFolders.push(key);
  return result;
}

const differences = (c: Comparison) => c.missing + c.extra;

/** Both sides against the policy and against each other; `differing` = 0 when all three agree. */
export function checkOutcomes(expected: Map<string, Set<string>>, mailwardenLeft: Map<string, Set<string>>, doveadmLeft: Map<string, Set<string>>) {
  const check = {
    mailwardenVsExpected: compareSnapshots(expected, mailwardenLeft),
    doveadmVsExpected: compareSnapshots(expected, doveadmLeft),
    mailwardenVsDoveadm: compareSnapshots(doveadmLeft, mailwardenLeft),
  };
  const differing = Object.values(check).reduce((n, c) => n + differences(c), 0);
  const summary = `Mailwarden vs policy ${differences(check.mailwardenVsExpected)} differences, doveadm vs policy `
    + `${differences(check.doveadmVsExpected)}, Mailwarden vs doveadm ${differences(check.mailwardenVsDoveadm)}`;
  return { check, differing, summary };
}
