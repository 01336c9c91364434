// npm run create-admin -- --email admin@example.org [--name "Ada Admin"] [--role admin] [--reset-mfa]
// --reset-mfa also turns the account's MFA off (it enrols again at the next login): the way back in for an admin who
// lost both the authenticator and the recovery codes when no other admin can reset it.
// Reads the password from stdin when piped, otherwise prompts for it without echo.
// Exit codes: 0 created/updated, 2 bad arguments, 78 bad configuration, 1 anything else.
import '../server/core/lib/env-files.ts';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { loadConfig, ConfigError } from '../server/core/config.ts';
import { createPrisma } from '../server/core/lib/prisma.ts';
import { createStaffRepository } from '../server/core/repositories/staff.ts';
import { createAuditLog } from '../server/core/repositories/audit-log.ts';
import { ROLES, type Role } from '../server/core/domain/roles.ts';
import { createProducerRedis } from '../server/core/lib/redis.ts';
import { publishSessionChange } from '../server/core/pubsub/staff-sessions.ts';

function fail(code: number, message: string): never {
  console.error(`create-admin: ${message}`);
  process.exit(code);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write('Password (12+ characters): ');
  // Mute echo: readline writes typed characters through _writeToOutput.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const password = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return password;
}

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, 'reset-mfa': { type: 'boolean', default: false } } }).values;
} catch (err) {
  fail(2, (err as Error).message);
}
const email = args.email?.trim().toLowerCase();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(2, '--email must be an email address');
if (!ROLES.includes(args.role as Role)) fail(2, `--role must be one of: ${ROLES.join(', ')}`);

let config;
try {
  config = loadConfig(process.env, []); // the database is all it uses
} catch (err) {
  if (err instanceof ConfigError) fail(78, err.message);
  throw err;
}

const password = await readPassword();
if (password.length < 12) fail(2, 'password must have at least 12 characters');

/** Running API processes drop the account's cached sessions at once (its sessions were just deleted). */
async function announceToApi(staffId: number): Promise<void> {
  const redis = createProducerRedis(config!.REDIS_URL, { lazyConnect: true });
  redis.on('error', () => undefined); // reported below, once
  try {
    await redis.connect();
    await publishSessionChange(redis, config!.QUEUE_PREFIX, { staffId });
  } catch (err) {
    console.error(`create-admin: could not tell running API processes (${(err as Error).message}); their cached sessions of this account end within SESSION_CACHE_SECONDS`);
  } finally {
    redis.disconnect();
  }
}

const prisma = createPrisma(config.DATABASE_URL, { poolSize: 1 });
try {
  const staff = createStaffRepository(prisma);
  const existing = await staff.findForLogin(email);
  const user = existing
    ? await staff.update(existing.id, { password, role: args.role as Role, active: true })
    : await staff.create({ email, name: args.name ?? email.split('@')[0], role: args.role as Role, password });
  if (existing && args['reset-mfa']) {
    await prisma.$transaction([
      prisma.staffUser.update({ where: { id: user.id }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null } }),
      prisma.staffRecoveryCode.deleteMany({ where: { staffId: user.id } }),
    ]);
    await createAuditLog(prisma).record(null, { action: 'staff.mfa-reset', entityType: 'staff', entityId: user.id, after: { via: 'create-admin' } });
  }
  await createAuditLog(prisma).record(null, { action: existing ? 'staff.update' : 'staff.create', entityType: 'staff', entityId: user.id, after: { ...user, via: 'create-admin' } });
  if (existing) await announceToApi(user.id);
  console.log(`${existing ? 'Updated' : 'Created'} ${user.role} ${user.email} (id ${user.id})`);
} catch (err) {
  fail(1, (err as Error).message);
} finally {
  await prisma.$disconnect();
}
