// Counts what a person does and waits for in an e2e flow (#19 asks for click counts before and after): every click
// and every field typed into, and the time from an action to the screen showing its answer. `report()` prints them.
import type { Locator } from 'playwright-core';

export interface FlowMeter {
  /** One click (a button, a tab, a link, a row). */
  click(target: Locator): Promise<void>;
  /** Typing into a field: a click into it, then the text. */
  fill(target: Locator, text: string): Promise<void>;
  /** Waits for what the last action should show, and counts the time as the person's waiting. Returns the ms. */
  waitFor(what: string, until: () => Promise<unknown>): Promise<number>;
  readonly clicks: number;
  readonly fields: number;
  readonly waitedMs: number;
  report(name: string): string;
}

export function flowMeter(): FlowMeter {
  let clicks = 0;
  let fields = 0;
  const waits: { what: string; ms: number }[] = [];
  return {
    async click(target) {
      clicks++;
      await target.click();
    },
    async fill(target, text) {
      fields++;
      await target.fill(text);
    },
    async waitFor(what, until) {
      const started = performance.now();
      await until();
      const ms = Math.round(performance.now() - started);
      waits.push({ what, ms });
      return ms;
    },
    get clicks() { return clicks; },
    get fields() { return fields; },
    get waitedMs() { return waits.reduce((n, w) => n + w.ms, 0); },
    report(name) {
      const total = waits.reduce((n, w) => n + w.ms, 0);
      return [
        `${name}: ${clicks} clicks, ${fields} fields typed, ${(total / 1000).toFixed(1)} s waiting`,
        ...waits.map((w) => `  ${String(w.ms).padStart(6)} ms  ${w.what}`),
      ].join('\n');
    },
  };
}
