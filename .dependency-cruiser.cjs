// Which folder may import which (docs/architecture.md draws it). `npm run check:deps` runs this in .ci/run;
// any arrow below fails the build.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'demo-launcher-keeps-its-env-file-out',
      comment: 'scripts/demo/up.ts decides from the real environment and .env whether to run the demo Dovecot: env-files.ts would load the last demo\'s .run/demo.env (IMAP_HOST) into it first, and a second `npm start` would skip the demo Dovecot.',
      severity: 'error',
      from: { path: '^scripts/demo/up\\.ts$' },
      to: { path: '^server/core/lib/env-files\\.ts$', reachable: true },
    },
    {
      name: 'core-stands-alone',
      comment: 'server/core is shared by every process: it imports nothing from the API, the policy service or the workers.',
      severity: 'error',
      from: { path: '^server/core/' },
      to: { path: '^(server/(?!core/|generated/)|jobs/|scripts/|admin-ui/)' },
    },
    {
      name: 'api-never-imports-workers',
      comment: 'The API enqueues jobs through server/core/queues; it never imports jobs/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^jobs/' },
    },
    {
      name: 'api-never-talks-imap',
      comment: 'Only workers and the export service open IMAP sessions: the API and the policy service reach mailboxes through jobs (and the export service).',
      severity: 'error',
      from: { path: '^server/(?!core/|export/)' },
      to: { path: '^(server/core/imap/|node_modules/imapflow/)' },
    },
    {
      name: 'imapflow-behind-the-imap-layer',
      comment: 'imapflow (and its private modules, pinned in package.json) is used through server/core/imap only.',
      severity: 'error',
      from: { path: '^(server|jobs)/', pathNot: '^server/core/imap/' },
      to: { path: '^node_modules/imapflow/' },
    },
    {
      name: 'workers-use-core-only',
      comment: 'Workers share code with the API only through server/core.',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: '^server/(?!core/|generated/)' },
    },
    {
      name: 'policy-service-uses-core-only',
      comment: 'The Postfix policy service is its own process: core and its own folder only.',
      severity: 'error',
      from: { path: '^server/policy/' },
      to: { path: '^server/(?!core/|generated/|policy/)' },
    },
    {
      name: 'export-service-uses-core-only',
      comment: 'The export service (server/export, #20) is its own process: core and its own folder only.',
      severity: 'error',
      from: { path: '^server/export/' },
      to: { path: '^server/(?!core/|generated/|export/)' },
    },
    {
      name: 'api-does-not-import-export-service',
      comment: 'The API forwards /me/export to the export service over HTTP; it never imports it (that would bring IMAP in).',
      severity: 'error',
      from: { path: '^server/(?!export/)' },
      to: { path: '^server/export/' },
    },
    {
      name: 'api-does-not-import-policy-service',
      severity: 'error',
      from: { path: '^server/(?!policy/)' },
      to: { path: '^server/policy/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'server/core/domain holds pure rules: no database, Redis, IMAP, SMTP or HTTP.',
      severity: 'error',
      from: { path: '^server/core/domain/' },
      to: { path: '^(server/core/(?!domain/)|server/generated/|node_modules/(@prisma|ioredis|bullmq|imapflow|nodemailer|fastify|pg)/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(server/generated|node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
