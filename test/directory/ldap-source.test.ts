// Real: OpenLDAP slapd (private instance on 10602/10603), ldapts, and a fault proxy (10604) in front of slapd that cuts
// the connection mid-search. A silent TCP listener (10605) stands for a directory that accepts and never answers.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.ts';
import { DirectoryConfigError, DirectoryReadError, ldapSettings, readLdap, type LdapSettings } from '../../server/core/directory/ldap-source.ts';
import { testPort } from '../harness/env.ts';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { directoryLdif, numberedPerson, PEOPLE_OU, range } from '../harness/ldif.ts';
import { startSlapd, type SlapdHandle } from '../harness/slapd.ts';

const SUFFIX = 'dc=example,dc=org';
const COUNT = 1200;
const PORTS = { ldap: testPort(10602), ldaps: testPort(10603), proxy: testPort(10604), silent: testPort(10605) };
let slapd: SlapdHandle;
let dir: string;
let proxy: FaultProxy;
let silent: net.Server;

const settings = (env: Record<string, string> = {}): LdapSettings => ldapSettings(loadConfig({
  DIRECTORY_SOURCE: 'ldap', LDAP_URL: slapd.url, LDAP_BASE_DN: PEOPLE_OU(SUFFIX), LDAP_BIND_DN: slapd.rootDn, LDAP_BIND_PASSWORD: slapd.rootPassword,
  LDAP_ATTR_LOGIN: 'uid', LDAP_ATTR_ALTERNATE: 'mailLocalAddress', LDAP_ATTR_PLAN: 'employeeType', LDAP_PAGE_SIZE: '500', ...env,
}, []));

async function readAll(s: LdapSettings) {
  const pages = [];
  for await (const page of readLdap(s)) pages.push(page);
  return pages;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-ldap-source-'));
  const people = [...range(1, COUNT)].map((n) => numberedPerson(n));
  slapd = await startSlapd({ dir, port: PORTS.ldap, tlsPort: PORTS.ldaps, suffix: SUFFIX, ldif: directoryLdif(SUFFIX, people) });
  proxy = await FaultProxy.start({ port: PORTS.proxy, targetPort: PORTS.ldap });
  silent = net.createServer(() => { /* accept, never answer */ }).listen(PORTS.silent, '127.0.0.1');
});

afterAll(async () => {
  silent?.close();
  await proxy?.close();
  await slapd?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('readLdap', () => {
  it('reads every entry in pages of LDAP_PAGE_SIZE, asking only for the mapped attributes', async () => {
    const pages = await readAll(settings());
    expect(pages.map((p) => p.length)).toEqual([500, 500, 200]);
    const u30 = pages.flat().find((e) => e.dn === `uid=u30,${PEOPLE_OU(SUFFIX)}`);
    expect(u30?.attributes).toEqual({ uid: ['u30'], mail: ['user30@dir.example.test'], displayName: ['User 30'], mailLocalAddress: ['alias30@dir.example.test'], employeeType: ['large'] });
  });

  it('binds anonymously when no bind DN is set', async () => {
    expect((await readAll(settings({ LDAP_BIND_DN: '', LDAP_BIND_PASSWORD: '' }))).flat()).toHaveLength(COUNT);
  });

  it('reads over ldaps and over StartTLS, trusting LDAP_CA_FILE', async () => {
    expect((await readAll(settings({ LDAP_URL: slapd.ldapsUrl!, LDAP_CA_FILE: slapd.caFile! }))).flat()).toHaveLength(COUNT);
    expect((await readAll(settings({ LDAP_STARTTLS: 'true', LDAP_CA_FILE: slapd.caFile! }))).flat()).toHaveLength(COUNT);
  });

  it('refuses a directory whose certificate it cannot verify', async () => {
    await expect(readAll(settings({ LDAP_URL: slapd.ldapsUrl! }))).rejects.toThrow(/could not be read: .*self-signed certificate/);
  });

  it('fails permanently on a wrong bind password, without the password in the message', async () => {
    const err = await readAll(settings({ LDAP_BIND_PASSWORD: 'wrong-secret-xyz' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryReadError);
    expect(err).toMatchObject({ permanent: true, message: expect.stringMatching(/refused the bind as cn=admin,dc=example,dc=org \(invalid credentials\)/) });
    expect((err as Error).message).not.toContain('wrong-secret-xyz');
  });

  it('fails permanently on a base DN that does not exist', async () => {
    await expect(readAll(settings({ LDAP_BASE_DN: `ou=nobody,${SUFFIX}` }))).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/base DN ou=nobody/) });
  });

  it('fails permanently when the directory refuses the page size, naming LDAP_PAGE_SIZE', async () => {
    // The test slapd allows pages of up to 1,000 (size.pr) to everyone but the rootdn.
    await expect(readAll(settings({ LDAP_PAGE_SIZE: '2000', LDAP_BIND_DN: '', LDAP_BIND_PASSWORD: '' }))).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/LDAP_PAGE_SIZE 2000/) });
  });

  it('fails (retryably) when the directory is down', async () => {
    await expect(readAll(settings({ LDAP_URL: `ldap://127.0.0.1:${testPort(10609)}` }))).rejects.toMatchObject({ permanent: false, message: expect.stringMatching(/could not be read: .*ECONNREFUSED/) });
  });

  it('fails when the connection drops in the middle of the search, after some pages arrived', async () => {
    proxy.dropAfter(60_000, { direction: 'down' });
    const seen: number[] = [];
    const err = await (async () => { for await (const page of readLdap(settings({ LDAP_URL: `ldap://127.0.0.1:${PORTS.proxy}` }))) seen.push(page.length); })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryReadError);
    expect(seen.reduce((a, b) => a + b, 0)).toBeLessThan(COUNT);
  });

  it('gives up on a directory that never answers after LDAP_TIMEOUT_MS', async () => {
    const started = Date.now();
    await expect(readAll(settings({ LDAP_URL: `ldap://127.0.0.1:${PORTS.silent}`, LDAP_TIMEOUT_MS: '500' }))).rejects.toBeInstanceOf(DirectoryReadError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('ldapSettings', () => {
  it('names every missing or contradictory setting', () => {
    const err = (() => { try { ldapSettings(loadConfig({ LDAP_BIND_DN: 'cn=x', LDAP_PLAN_GROUPS: '[1]', LDAP_STARTTLS: 'true', LDAP_URL: 'ldaps://h' }, [])); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DirectoryConfigError);
    expect((err as DirectoryConfigError).problems).toEqual([
      'LDAP_BASE_DN is required', 'LDAP_BIND_PASSWORD is required with LDAP_BIND_DN', 'LDAP_STARTTLS is for ldap:// URLs (ldaps:// is TLS already)',
      'LDAP_PLAN_GROUPS must be a JSON object of group DN to plan name', 'LDAP_PLAN_GROUPS needs LDAP_ATTR_PLAN (usually memberOf)',
    ]);
  });
});
