// Real: OpenLDAP slapd (Debian's package, private config and MDB on 10600/10601) and the ldapts client. Nothing stubbed.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPort } from './env.ts';
import { directoryLdif, numberedPerson, PEOPLE_OU, range } from './ldif.ts';
import { startSlapd, type SlapdHandle } from './slapd.ts';

const SUFFIX = 'dc=example,dc=org';
let slapd: SlapdHandle;
let dir: string;

async function search(url: string, tlsOptions?: { ca: Buffer }, startTls = false) {
  // ldapts speaks TLS from the first byte whenever tlsOptions are given, even on ldap://: StartTLS gets them only in startTLS().
  const client = new Client({ url, tlsOptions: startTls ? undefined : tlsOptions });
  try {
    // Over the upgraded socket Node checks the certificate against `host` (default "localhost").
    if (startTls) await client.startTLS({ ...tlsOptions, host: '127.0.0.1' });
    const { searchEntries } = await client.search(PEOPLE_OU(SUFFIX), { filter: '(objectClass=inetOrgPerson)', attributes: ['uid', 'mail'], paged: { pageSize: 100 } });
    return searchEntries.map((e) => e.uid).sort();
  } finally {
    await client.unbind();
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-slapd-'));
  slapd = await startSlapd({ dir, port: testPort(10600), tlsPort: testPort(10601), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, [...range(1, 1200)].map((n) => numberedPerson(n))) });
});

afterAll(async () => {
  await slapd?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('startSlapd', () => {
  it('serves the loaded entries past the default size limit of 500 through a paged search', async () => {
    const uids = await search(slapd.url);
    expect(uids).toHaveLength(1200);
    expect(uids).toContain('u1200');
  });

  it('lets the rootdn bind and refuses a wrong password', async () => {
    const client = new Client({ url: slapd.url });
    await client.bind(slapd.rootDn, slapd.rootPassword);
    await client.unbind();
    await expect(new Client({ url: slapd.url }).bind(slapd.rootDn, 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('serves ldaps and StartTLS with a certificate the client can verify against caFile', async () => {
    const ca = await fs.readFile(slapd.caFile!);
    expect(await search(slapd.ldapsUrl!, { ca })).toHaveLength(1200);
    expect(await search(slapd.url, { ca }, true)).toHaveLength(1200);
    await expect(search(slapd.ldapsUrl!, { ca: Buffer.from('') })).rejects.toThrow(/self-signed certificate/);
  });

  it('refuses to start on a port that is already taken, instead of trusting whatever answers there', async () => {
    await expect(startSlapd({ dir: path.join(dir, 'second'), port: testPort(10600), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, []) }))
      .rejects.toThrow(/already taken/);
  });

  it('replaces the whole directory on reload', async () => {
    await slapd.reload(directoryLdif(SUFFIX, [numberedPerson(7)]));
    expect(await search(slapd.url)).toEqual(['u7']);
  });
});
