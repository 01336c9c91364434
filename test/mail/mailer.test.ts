// Real: nodemailer over TCP to the real smtp-server sink on loopback (scripts/lib/smtp-sink.ts). Nothing is stubbed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testPort } from '../harness/env.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import { createMailer, MailInputError, MailSendError, type Mailer, type MailerConfig } from '../../server/core/mail/mailer.ts';

const PORT = testPort(10325);
const config: MailerConfig = {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: PORT,
  SMTP_SECURE: false,
  SMTP_USER: '',
  SMTP_PASSWORD: '',
  MAIL_FROM: 'Mailwarden <mailwarden@example.test>',
};

let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  sink = await startSmtpSink({ port: PORT });
  mailer = createMailer(config);
});

afterEach(() => {
  sink.setRejecting(null);
  sink.clear();
});

afterAll(async () => {
  mailer.close();
  await sink.stop();
});

const notice = { to: 'Alice <alice@example.test>', subject: 'Your mailbox is 90% full', text: 'Please tidy up.' };

describe('createMailer().send', () => {
  it('delivers one auto-submitted message with the right envelope and headers', async () => {
    const result = await mailer.send({ ...notice, cc: 'postmaster@example.test', headers: { 'X-Mailwarden-Notice': 'quota-90' } });

    expect(result.accepted.sort()).toEqual(['alice@example.test', 'postmaster@example.test']);
    expect(result.rejected).toEqual([]);
    expect(sink.messages).toHaveLength(1);
    const [m] = sink.messages;
    expect(m.envelope).toEqual({ from: 'mailwarden@example.test', to: ['alice@example.test', 'postmaster@example.test'] });
    expect(m.parsed.subject).toBe(notice.subject);
    expect(m.parsed.from).toContain('mailwarden@example.test');
    expect(m.parsed.messageId).toBe(result.messageId);
    expect(m.parsed.text.trim()).toBe('Please tidy up.');
    expect(m.parsed.headers['auto-submitted']).toBe('auto-generated');
    expect(m.parsed.headers['x-auto-response-suppress']).toBe('All');
    expect(m.parsed.headers['x-mailwarden-notice']).toBe('quota-90');
    expect(m.parsed.headers.bcc).toBeUndefined();
  });

  it.each([
    ['subject', { ...notice, subject: 'Hello\r\nBcc: x@y' }],
    ['subject', { ...notice, subject: 'Hello\nBcc: x@y' }],
    ['to', { ...notice, to: 'alice@example.test\r\nBcc: x@y' }],
    ['cc', { ...notice, cc: 'bob@example.test\rBcc: x@y' }],
    ['headers.X-Note', { ...notice, headers: { 'X-Note': 'a\r\nBcc: x@y' } }],
  ])('rejects a line break in %s and sends nothing', async (field, msg) => {
    const error = await mailer.send(msg).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MailInputError);
    expect((error as MailInputError).field).toBe(field);
    expect(sink.messages).toHaveLength(0);
  });

  it.each([
    ['two recipients', 'alice@example.test, mallory@example.test'],
    ['no domain', 'alice'],
    ['a group', 'undisclosed-recipients:;'],
    ['a bad domain', 'alice@-example.test'],
  ])('rejects %s as the recipient', async (_label, to) => {
    await expect(mailer.send({ ...notice, to })).rejects.toBeInstanceOf(MailInputError);
    expect(sink.messages).toHaveLength(0);
  });

  it('refuses caller-set addressing and auto-reply headers', async () => {
    await expect(mailer.send({ ...notice, headers: { Bcc: 'x@example.test' } })).rejects.toBeInstanceOf(MailInputError);
    await expect(mailer.send({ ...notice, headers: { 'auto-submitted': 'no' } })).rejects.toBeInstanceOf(MailInputError);
    expect(sink.messages).toHaveLength(0);
  });

  it('reports a 451 from the server as a temporary failure', async () => {
    sink.setRejecting(451);

    const error = await mailer.send(notice).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ temporary: true, responseCode: 451 });
    expect(sink.messages).toHaveLength(0);
  });

  it('reports a 550 from the server as a permanent failure', async () => {
    sink.setRejecting(550);
    await expect(mailer.send(notice)).rejects.toMatchObject({ temporary: false, responseCode: 550 });
  });

  it('fails temporarily while the server is down and works again once it is back on the same port', async () => {
    await sink.stop();

    const error = await mailer.send(notice).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).temporary).toBe(true);

    sink = await startSmtpSink({ port: PORT });
    await mailer.send(notice);
    const m = await sink.waitFor((msg) => msg.envelope.to.includes('alice@example.test'), 2000);
    expect(m.parsed.subject).toBe(notice.subject);
    expect(sink.messages).toHaveLength(1);
  });
});

describe('createMailer', () => {
  it('refuses a MAIL_FROM that is not a single address', () => {
    expect(() => createMailer({ ...config, MAIL_FROM: 'a@example.test, b@example.test' })).toThrow(/MAIL_FROM/);
  });
});
