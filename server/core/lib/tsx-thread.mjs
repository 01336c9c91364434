// Worker-thread bootstrap for running from source (see worker-thread.ts): registers tsx in this thread, then loads
// the .ts entry passed as the last argv. Plain JavaScript: it runs before anything can load TypeScript.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
