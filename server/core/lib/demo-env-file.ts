// Where `npm start` keeps its demo's settings. Its own module, with no side effect, so the demo launcher
// (scripts/demo/up.ts) can name the file without importing env-files.ts, which would load it into process.env: a
// second `npm start` would then find the first one's IMAP_HOST and skip starting the demo Dovecot.
export const DEMO_ENV_FILE = '.run/demo.env';
