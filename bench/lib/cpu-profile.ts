// `--profile` for the benchmarks that run Mailwarden's workers in their own process: V8's sampling profiler
// around the measured phase only (node:inspector), written as bench/results/<name>.cpuprofile (open it in Chrome
// DevTools or speedscope) and summarised here by where the time went: which package, or Mailwarden's own files.
// Profiling slows the run, so a profiled run's figures are not the benchmark's figures.
import { writeFile, mkdir } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export async function profiled<T>(name: string, enabled: boolean, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    await mkdir('bench/results', { recursive: true });
    const path = `bench/results/${name}.cpuprofile`;
    await writeFile(path, JSON.stringify(profile));
    printProfileSummary(profile, path);
  }
}

/** Where a sampled frame belongs: a package under node_modules, a Mailwarden folder, Node's own code, or V8's. */
function bucketOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName === '(garbage collector)' ? 'V8: garbage collection' : functionName === '(idle)' || functionName === '(program)' ? `V8: ${functionName}` : `native: ${functionName || '(anonymous)'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const own = /\/(server|jobs|bench|scripts)\/(.*)$/.exec(url);
  return own ? `mailwarden: ${own[1]}/${own[2].split('/').slice(0, -1).join('/') || '.'}` : url;
}

export function printProfileSummary(profile: Profile, path: string): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += dt;
    const bucket = bucketOf(node.callFrame);
    self.set(bucket, (self.get(bucket) ?? 0) + dt);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(server|jobs|bench)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => [k, { 'ms': Math.round(us / 1000), '%': +((100 * us) / total).toFixed(1) }]));
  console.log(`CPU profile (${Math.round(total / 1000)} ms busy, idle left out) written to ${path}; self time by where the code lives:`);
  console.table(top(self, 15));
  console.log('hottest functions (self time):');
  console.table(top(fns, 15));
}
