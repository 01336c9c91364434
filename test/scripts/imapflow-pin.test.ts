// server/core/imap/wire-session.ts, folder-roles.ts, quick-usage.ts and quota-sync.ts use imapflow's private modules
// (its response parser, stream framing and special-use table), which may change in any release. package.json pins
// imapflow exactly, and this test fails when the pin, the installed copy or those modules' exports disagree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { specialUse } from 'imapflow/lib/special-use.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const installed = (JSON.parse(readFileSync('node_modules/imapflow/package.json', 'utf8')) as { version: string }).version;

describe('imapflow pin', () => {
  it('is an exact version, and the installed copy is that version', () => {
    expect(pkg.dependencies.imapflow).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pkg.dependencies.imapflow);
  });

  it('still has the private modules the IMAP layer uses, with the shapes it relies on', async () => {
    expect(typeof ImapStream).toBe('function');
    const parsed = await parser(Buffer.from('* 3 FETCH (UID 7 FLAGS (\\Seen) RFC822.SIZE 120)'));
    expect(parsed).toMatchObject({ tag: '*', command: '3', attributes: [{ type: 'ATOM', value: 'FETCH' }, expect.any(Array)] });
    expect(specialUse(true, { path: 'Trash', flags: new Set(['\\Trash']) } as never)).toMatchObject({ flag: '\\Trash' });
  });
});
