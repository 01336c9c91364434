// npm run demo:check-postfix: with `npm start` running, starts a private Postfix (scripts/lib/postfix.ts; installs
// Debian's postfix first if missing and root) configured with the check_policy_service line the start banner prints,
// and asks it over SMTP to accept mail for each demo mailbox. Prints each RCPT reply: the demo's over-quota mailbox
// gets the policy service's 552 5.2.2; the suspended demo mailbox (frank) is accepted, the disabled one (grace) gets
// POLICY_DISABLED_ACTION and the deleted one (heidi) POLICY_DELETED_ACTION (docs/mailbox-lifecycle.md). Exit 0 when
// the over-quota one was refused, 1 otherwise.
import '../../server/core/lib/env-files.ts';
import { loadConfig } from '../../server/core/config.ts';
import { startPostfix } from '../lib/postfix.ts';
import { POSTFIX, ensurePackages } from '../lib/system-packages.ts';

const config = loadConfig(process.env, []);
const RECIPIENTS = ['alice@example.org', 'bob@example.org', 'carol@example.org', 'dave@example.org', 'erin@example.org',
  'frank@example.org', 'grace@example.org', 'heidi@example.org'];

ensurePackages([POSTFIX]);
const policy = `inet:${config.POLICY_HOST}:${config.POLICY_PORT}`;
const postfix = await startPostfix({ dir: '/tmp/mailwarden-demo-postfix', smtpPort: 10525, policy, domains: ['example.org'] });
let refused = 0;
try {
  console.log(`Postfix 127.0.0.1:10525 with check_policy_service ${policy}:`);
  for (const rcpt of RECIPIENTS) {
    const reply = await postfix.rcpt(rcpt);
    if (reply.startsWith('552 5.2.2')) refused++;
    console.log(`  RCPT TO:<${rcpt}> -> ${reply}`);
  }
} finally {
  await postfix.stop();
}
process.exitCode = refused > 0 ? 0 : 1;
