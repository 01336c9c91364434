// Several test runs may share one machine (developers, helpers, a CI rehearsal). Each run claims a
// free slot with an exclusive lock file and shifts its ports, database and Dovecot directory by it.
// The claim happens in globalSetup, which exports MW_TEST_OFFSET for the test workers it spawns.
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

const SLOTS = 10;
const lockPath = (slot: number) => `/tmp/mailwarden-test-slot-${slot}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function claimSlot(): { offset: number; release(): void } {
  // Slot 0 (the bare ports 10143/10110/10025) is left to the `npm start` demo, so tests never collide with it.
  for (let slot = 1; slot <= SLOTS; slot++) {
    const path = lockPath(slot);
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { offset: slot * 1000, release: () => { try { unlinkSync(path); } catch { /* already gone */ } } };
    } catch {
      const owner = Number(readFileSync(path, 'utf8') || 0);
      if (!alive(owner)) {
        unlinkSync(path); // left by a run that died
        slot--;
      }
    }
  }
  throw new Error(`all ${SLOTS} test slots are busy (/tmp/mailwarden-test-slot-*.lock)`);
}
