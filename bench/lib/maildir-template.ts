// A seeded mail root kept as a template under /tmp, so each side of a benchmark starts from the very same
// mail (same files, same Dovecot indexes and UIDs) and a second run skips seeding.
// Copies are hard links for the message files (Dovecot never rewrites a Maildir message: it renames it to
// change flags and unlinks it to expunge, neither of which touches the template's link) and real copies for
// everything else (indexes, uidlist, maildirsize are rewritten or appended in place). A 400,000-file copy
// then takes seconds instead of a minute.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIL_UID = 5000; // Dovecot's virtual mail owner (scripts/lib/dovecot.ts)
/** A template older than this is rebuilt: ages are relative to its build time (see MARGIN_DAYS). */
const MAX_TEMPLATE_AGE_MS = 12 * 3600_000;
const MESSAGE_DIRS = new Set(['cur', 'new', 'tmp']);

export interface TemplateManifest { key: string; builtAt: string; files: number; seedMs: number }

export interface PreparedMail {
  builtAt: Date;
  fromCache: boolean;
  /** Time spent writing files, building Dovecot's indexes and snapshotting (0 when the template was reused). */
  seedMs: number;
  /** seedMs by step. */
  steps: Record<string, number>;
  files: number;
  /** Puts the template's mail back into the live mail root (before each side of the comparison). */
  reset(): Promise<number>;
}

/**
 * Ensures `mailRoot` holds the template's mail. `key` names what the template contains (plan and format
 * version): a template with another key, or too old, is rebuilt: `write` puts the files into `mailRoot`
 * (returning how many), they are given to the mail user, `index` has Dovecot build its indexes, and the
 * result is snapshotted as the template.
 */
export async function prepareMail(opts: {
  templateDir: string; mailRoot: string; key: string; write(builtAt: Date): number | Promise<number>; index(): Promise<void>;
}): Promise<PreparedMail> {
  const manifestPath = path.join(opts.templateDir, 'manifest.json');
  const templateMail = path.join(opts.templateDir, 'mail');
  const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8').catch(() => 'null')) as TemplateManifest | null;
  const reset = async () => {
    const started = performance.now();
    await cloneMailRoot(templateMail, opts.mailRoot);
    return Math.round(performance.now() - started);
  };
  const fresh = manifest && manifest.key === opts.key && Date.now() - Date.parse(manifest.builtAt) < MAX_TEMPLATE_AGE_MS;
  if (fresh) {
    await reset();
    return { builtAt: new Date(manifest.builtAt), fromCache: true, seedMs: 0, steps: {}, files: manifest.files, reset };
  }

  await run('rm', ['-rf', opts.templateDir]);
  await emptyDir(opts.mailRoot);
  const builtAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const started = performance.now();
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    steps[name] = Math.round(performance.now() - t);
    return result;
  };
  const files = await step('writeMs', () => opts.write(builtAt));
  await step('chownMs', () => run('chown', ['-R', `${MAIL_UID}:${MAIL_UID}`, opts.mailRoot]));
  await step('indexMs', () => opts.index());
  await fs.mkdir(opts.templateDir, { recursive: true });
  await step('snapshotMs', () => cloneMailRoot(opts.mailRoot, templateMail));
  const seedMs = Math.round(performance.now() - started);
  const written: TemplateManifest = { key: opts.key, builtAt: builtAt.toISOString(), files, seedMs };
  await fs.writeFile(manifestPath, JSON.stringify(written, null, 2));
  return { builtAt, fromCache: false, seedMs, steps, files, reset };
}

/** Replaces the contents of `dst` with those of `src`: message files hard-linked, every other file copied. */
export async function cloneMailRoot(src: string, dst: string): Promise<void> {
  await emptyDir(dst);
  await run('cp', ['-al', `${src}/.`, `${dst}/`], { maxBuffer: 16 * 1024 * 1024 });
  await unlinkNonMessages(dst);
}

async function emptyDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const entries = await fs.readdir(dir);
  if (entries.length) await run('rm', ['-rf', ...entries.map((e) => path.join(dir, e))], { maxBuffer: 16 * 1024 * 1024 });
}

/** Turns every hard link outside cur/new/tmp into a private copy (same owner, mode and times). */
async function unlinkNonMessages(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!MESSAGE_DIRS.has(entry.name)) await unlinkNonMessages(full);
    } else if (entry.isFile()) {
      const tmp = `${full}.mwbench-copy`;
      await fs.copyFile(full, tmp);
      const st = await fs.stat(full);
      await fs.chown(tmp, st.uid, st.gid);
      await fs.chmod(tmp, st.mode & 0o7777);
      await fs.utimes(tmp, st.atime, st.mtime);
      await fs.rename(tmp, full);
    }
  }
}
