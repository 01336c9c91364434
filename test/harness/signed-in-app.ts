// The usual start of an API test file: the real app (startTestApp) and one staff member of a role, signed in.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import type { Role } from '../../server/core/domain/roles.ts';
import { createStaff, login, startTestApp, type Session } from './app.ts';

/** Starts the app and signs in `<role>@example.test` (created with STAFF_PASSWORD). The caller closes the app. */
export async function startAppAs(role: Role, overrides: Record<string, string> = {}): Promise<{ app: FastifyInstance; config: Config; session: Session }> {
  const { app, config } = await startTestApp(overrides);
  await createStaff(app, role);
  return { app, config, session: await login(app, `${role}@example.test`) };
}
