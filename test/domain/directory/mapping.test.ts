// Pure: the attribute mapping of directory entries. Nothing real is needed.
import { describe, expect, it } from 'vitest';
import { mapEntry, normalizeDn, type AttributeMapping } from '../../../server/core/domain/directory/mapping.ts';

const MAPPING: AttributeMapping = { address: 'mail', imapLogin: 'uid', displayName: 'displayName', alternateAddress: 'mailLocalAddress', plan: 'employeeType' };
const entry = (attributes: Record<string, string[]>) => ({ dn: 'uid=a,ou=people,dc=x', attributes });

describe('mapEntry', () => {
  it('maps address, login, name, alternate address and plan, lower-casing addresses and logins', () => {
    expect(mapEntry(entry({ mail: ['Ann@X.test'], uid: ['Ann'], displayName: ['Ann Ä'], mailLocalAddress: ['ann.b@x.test'], employeeType: ['large'] }), MAPPING))
      .toEqual({ dn: 'uid=a,ou=people,dc=x', address: 'ann@x.test', imapLogin: 'ann', displayName: 'Ann Ä', alternateAddress: 'ann.b@x.test', plan: 'large' });
  });

  it('reports an entry without the address attribute instead of guessing one from its login', () => {
    expect(mapEntry(entry({ uid: ['ann'] }), MAPPING)).toEqual({ dn: 'uid=a,ou=people,dc=x', reason: 'no-address', detail: 'mail' });
  });

  it('reports several addresses and an address that is not one', () => {
    expect(mapEntry(entry({ mail: ['a@x.test', 'b@x.test'], uid: ['a'] }), MAPPING)).toMatchObject({ reason: 'several-addresses' });
    expect(mapEntry(entry({ mail: ['not an address'], uid: ['a'] }), MAPPING)).toMatchObject({ reason: 'invalid-address' });
  });

  it('reports a missing or unusable login with the address, so the mailbox counts as still in the directory', () => {
    expect(mapEntry(entry({ mail: ['a@x.test'] }), MAPPING)).toMatchObject({ reason: 'no-login', address: 'a@x.test' });
    expect(mapEntry(entry({ mail: ['a@x.test'], uid: ['a*b'] }), MAPPING)).toMatchObject({ reason: 'invalid-login', address: 'a@x.test' });
  });

  it('uses the address as the login when no login attribute is mapped', () => {
    expect(mapEntry(entry({ mail: ['a@x.test'] }), { address: 'mail' })).toEqual({ dn: 'uid=a,ou=people,dc=x', address: 'a@x.test', imapLogin: 'a@x.test', displayName: '', alternateAddress: null });
  });

  it('matches attribute names without case and keeps the first alternate address in sorted order, skipping non-addresses', () => {
    const mapped = mapEntry(entry({ MAIL: ['a@x.test'], UID: ['a'], proxyAddresses: ['SMTP:a@x.test', 'smtp:z@x.test', 'X500:/o=x', 'smtp:b@x.test'] }),
      { ...MAPPING, alternateAddress: 'proxyaddresses' });
    expect(mapped).toMatchObject({ address: 'a@x.test', alternateAddress: 'b@x.test' });
  });

  it('gives plan null when the plan attribute is mapped but absent, and no plan field when it is not mapped', () => {
    expect(mapEntry(entry({ mail: ['a@x.test'], uid: ['a'] }), MAPPING)).toMatchObject({ plan: null });
    expect(mapEntry(entry({ mail: ['a@x.test'], uid: ['a'] }), { address: 'mail' })).not.toHaveProperty('plan');
  });

  it('takes the plan from group membership: the first group (in DN order) that has a plan', () => {
    const groups = { 'CN=Large, OU=Groups, DC=x': 'large', 'cn=small,ou=groups,dc=x': 'small' };
    const mapped = mapEntry(entry({ mail: ['a@x.test'], memberOf: ['cn=staff,ou=groups,dc=x', 'cn=small,ou=groups,dc=x', 'cn=large,ou=groups,dc=x'] }),
      { address: 'mail', plan: 'memberOf', planGroups: groups });
    expect(mapped).toMatchObject({ plan: 'large' });
    expect(mapEntry(entry({ mail: ['a@x.test'], memberOf: ['cn=staff,dc=x'] }), { address: 'mail', plan: 'memberOf', planGroups: groups })).toMatchObject({ plan: null });
  });

  it('normalizes DNs for comparison', () => {
    expect(normalizeDn('CN=Large, OU=Groups ,DC=x')).toBe('cn=large,ou=groups,dc=x');
  });
});
