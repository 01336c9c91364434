// Pure: the policy protocol parser and reply formatter (server/policy/protocol.ts); nothing external.
import { describe, expect, it } from 'vitest';
import { PolicyParser, ProtocolError, formatReply } from '../../server/policy/protocol.ts';

const attrs = (req: Map<string, string>) => Object.fromEntries(req);

describe('PolicyParser', () => {
  it('splits several requests in one chunk, in order, with empty values and unknown attributes kept', () => {
    const parser = new PolicyParser();
    const out = parser.push('request=smtpd_access_policy\nrecipient=a@x\nsize=\n\nrecipient=b@x\nfuture_attr=1\n\n');
    expect(out.map(attrs)).toEqual([
      { request: 'smtpd_access_policy', recipient: 'a@x', size: '' },
      { recipient: 'b@x', future_attr: '1' },
    ]);
  });

  it('joins a request split across chunks at any byte, including inside a UTF-8 character and a CRLF', () => {
    const text = Buffer.from('recipient=jörg@exämple.org\r\nsize=5\r\n\r\n');
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new PolicyParser();
      const out = [...parser.push(text.subarray(0, cut)), ...parser.push(text.subarray(cut))];
      expect(out.map(attrs)).toEqual([{ recipient: 'jörg@exämple.org', size: '5' }]);
    }
  });

  it('keeps everything after the first "=" as the value', () => {
    expect(new PolicyParser().push('ccert_subject=CN=a=b\n\n').map(attrs)).toEqual([{ ccert_subject: 'CN=a=b' }]);
  });

  it('lets a later duplicate attribute win and ignores stray empty lines between requests', () => {
    expect(new PolicyParser().push('\n\nsize=1\nsize=2\n\n\n').map(attrs)).toEqual([{ size: '2' }]);
  });

  it.each([
    ['a line without "="', 'recipient=a@x\ngarbage\n\n'],
    ['a line without a name', '=value\n\n'],
  ])('fails on %s and stays failed', (_, text) => {
    const parser = new PolicyParser();
    expect(() => parser.push(text)).toThrow(ProtocolError);
    expect(() => parser.push('size=1\n\n')).toThrow(ProtocolError);
  });

  it('fails on an over-long line before its newline arrives', () => {
    const parser = new PolicyParser({ maxRequestBytes: 1024, maxAttributes: 10 });
    expect(parser.push('recipient=' + 'x'.repeat(1000))).toEqual([]);
    expect(() => parser.push('x'.repeat(100))).toThrow(/longer than 1024/);
  });

  it('fails on a request with too many attributes or too many bytes over many short lines', () => {
    expect(() => new PolicyParser({ maxRequestBytes: 1 << 20, maxAttributes: 10 }).push('a=1\n'.repeat(11))).toThrow(/more than 10 attributes/);
    expect(() => new PolicyParser({ maxRequestBytes: 100, maxAttributes: 1000 }).push('a=1\n'.repeat(30))).toThrow(/longer than 100/);
  });

  it('reports a request left half-sent', () => {
    const parser = new PolicyParser();
    parser.push('size=1\n\nrecipient=a');
    expect(parser.midRequest).toBe(true);
    parser.push('@x\n\n');
    expect(parser.midRequest).toBe(false);
  });
});

describe('formatReply', () => {
  it('writes one action line and the empty line', () => {
    expect(formatReply('DUNNO')).toBe('action=DUNNO\n\n');
    expect(formatReply('552 5.2.2 Mailbox is full')).toBe('action=552 5.2.2 Mailbox is full\n\n');
  });

  it('refuses a multi-line action', () => {
    expect(() => formatReply('DUNNO\naction=OK')).toThrow();
  });
});
