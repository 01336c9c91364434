// The start of an e2e test file: the listening API (startSystem, optionally with workers), the staff members it
// signs in as (`<role>@example.test`, STAFF_PASSWORD), and Debian's Chromium. `stop()` closes the browser, then the system.
import type { Browser } from 'playwright-core';
import type { Role } from '../../server/core/domain/roles.ts';
import { createStaff } from './app.ts';
import { launchBrowser } from './browser.ts';
import { startSystem, type RunningSystem } from './server.ts';

export interface RunningConsole extends RunningSystem { browser: Browser }

export async function startConsole(port: number, opts: { staff: Role[]; workers?: boolean; exporter?: boolean; env?: Record<string, string> }): Promise<RunningConsole> {
  const system = await startSystem(port, { workers: opts.workers, exporter: opts.exporter, env: opts.env });
  try {
    for (const role of opts.staff) await createStaff(system.app, role);
    const browser = await launchBrowser();
    return {
      ...system,
      browser,
      async stop() {
        await browser.close();
        await system.stop();
      },
    };
  } catch (err) {
    await system.stop(); // a failed start leaves no listener, workers or Redis connection behind
    throw err;
  }
}
