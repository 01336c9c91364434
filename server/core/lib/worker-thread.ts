// Starts a module of ours as a worker thread, from source (tsx: development, tests) or compiled (dist/, production).
// A thread does not inherit tsx's loader: neither the parent's hooks nor `--import tsx` in execArgv make Node 20 load a
// .ts entry (measured: "Unknown file extension"), so a .ts entry starts through tsx-thread.mjs, which registers tsx in
// the thread first. Compiled code has .js siblings and starts them directly, without tsx.
import { Worker } from 'node:worker_threads';

/** `name` next to `fromUrl` (a caller's import.meta.url), with the caller's own extension: .ts from source, .js in dist/. */
export function siblingModule(fromUrl: string, name: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(fromUrl).pathname)?.[0] ?? '.js';
  return new URL(`./${name}${ext}`, fromUrl);
}

export function startWorkerThread(entry: URL, workerData?: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  return new Worker(new URL('./tsx-thread.mjs', import.meta.url), { workerData, argv: [entry.href] });
}
