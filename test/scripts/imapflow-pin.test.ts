// server/core/imap/raw-connection.ts, folder-roles.ts, usage-fast-path.ts, quota-sync.ts and expiry/audit-headers.ts use imapflow's
// private modules (its response parser, stream framing, special-use table and encoded-word decoder), and
// expiry/fetch-candidates.ts reads its parsed FETCH answers item by item; all of it may change in any release. package.json pins
// imapflow exactly, and this test fails when the pin, the installed copy or those modules' exports disagree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { specialUse } from 'imapflow/lib/special-use.js';
import { decodeText } from 'imapflow/lib/tools.js';

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
    expect(decodeText('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=')).toBe('Grüße');
    // expiry/fetch-candidates.ts: a BODY[HEADER.FIELDS (…)] item is an ATOM 'BODY' with its section, followed by the literal.
    const body = await parser(Buffer.from('* 1 FETCH (UID 4 MODSEQ (12) BODY[HEADER.FIELDS (SUBJECT)] {0}\r\n)'), { literals: [Buffer.from('Subject: x\r\n\r\n')] });
    const items = (body.attributes?.[1] ?? []) as unknown as { type?: string; value?: unknown; section?: unknown[] }[];
    expect(items[3]).toEqual([{ type: 'ATOM', value: '12' }]);
    expect(items[4]).toMatchObject({ type: 'ATOM', value: 'BODY', section: expect.any(Array) });
    expect(String((items[5] as { value?: unknown }).value)).toBe('Subject: x\r\n\r\n');
  });
});
