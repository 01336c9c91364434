// Pure: the mboxrd quoting of "take it with you" (#20), chunk by chunk; nothing external, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { createMboxrdQuoter, fromLine, quoteMessage, unquoteMessage } from '../../server/core/domain/export/mboxrd.ts';

const LINES = ['From here', '>From there', '>>From far', 'From', 'From ', 'Fro', '>', 'plain', '', 'X From not at start', 'from lower'];

/** A deterministic message from the line corpus (CRLF or LF), for `seed`. */
function message(seed: number): Buffer {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const lines = Array.from({ length: 5 + (next() % 20) }, () => LINES[next() % LINES.length]);
  const eol = next() % 2 ? '\r\n' : '\n';
  return Buffer.from(lines.join(eol) + (next() % 3 ? eol : ''), 'latin1');
}

/** The rule as one regular expression over the whole message (latin1 keeps bytes as they are): the reference. */
function reference(source: Buffer): Buffer {
  const text = source.toString('latin1').replace(/(^|\n)(>*From )/g, '$1>$2');
  return Buffer.from(text + (text.endsWith('\n') ? '\n' : '\n\n'), 'latin1');
}

describe('mboxrd quoting', () => {
  it('quotes every line that starts with >*From, and nothing else', () => {
    expect(quoteMessage(Buffer.from('From a\r\n>From b\r\nX From c\r\nFrom\r\n')).toString()).toBe('>From a\r\n>>From b\r\nX From c\r\nFrom\r\n\n');
  });

  it('gives the same bytes however the message is cut into chunks, and unquoting gives the message back', () => {
    for (let seed = 1; seed < 300; seed++) {
      const source = message(seed);
      const whole = quoteMessage(source);
      const q = createMboxrdQuoter();
      const parts: Buffer[] = [];
      for (let at = 0; at < source.length;) {
        const size = 1 + ((seed * 7 + at) % 6);
        parts.push(q.push(source.subarray(at, at + size)));
        at += size;
      }
      parts.push(q.end());
      expect(Buffer.concat(parts).equals(whole), `seed ${seed}`).toBe(true);
      expect(whole.equals(reference(source)), `seed ${seed}`).toBe(true);
      // The reader's view: the message text without the blank line that ends it.
      const body = whole.subarray(0, whole.length - 1);
      const back = unquoteMessage(body);
      const expected = source[source.length - 1] === 0x0a ? source : Buffer.concat([source, Buffer.from('\n')]);
      expect(back.equals(expected), `seed ${seed}`).toBe(true);
    }
  });

  it('hands back a chunk with nothing to quote as it is, without copying it', () => {
    const q = createMboxrdQuoter();
    const chunk = Buffer.from('Subject: x\r\n\r\nA line\r\nX From not at start\r\n', 'latin1');
    expect(q.push(chunk)).toBe(chunk);
    expect(q.push(Buffer.from('From the start\r\n')).toString()).toBe('>From the start\r\n');
  });

  it('writes the received date as asctime in UTC on the separator line', () => {
    expect(fromLine(new Date('2026-12-03T09:05:07Z')).toString()).toBe('From MAILER-DAEMON Thu Dec  3 09:05:07 2026\n');
  });
});
