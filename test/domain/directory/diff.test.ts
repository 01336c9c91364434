// Pure: the directory diff and the safety stop. Nothing real is needed.
import { describe, expect, it } from 'vitest';
import { diffDirectory, type CurrentMailbox } from '../../../server/core/domain/directory/diff.ts';
import type { DirectoryEntry } from '../../../server/core/domain/directory/mapping.ts';
import { safetyStop } from '../../../server/core/domain/directory/safety.ts';

const SOURCE = 'ldap';
const OPTS = { source: SOURCE, plans: ['Large', 'small'] };
const person = (n: number, extra: Partial<DirectoryEntry> = {}): DirectoryEntry =>
  ({ dn: `uid=u${n},dc=x`, address: `u${n}@x.test`, imapLogin: `u${n}`, displayName: `User ${n}`, alternateAddress: null, plan: null, ...extra });
let nextId = 1;
const mailbox = (n: number, extra: Partial<CurrentMailbox> = {}): CurrentMailbox =>
  ({ id: nextId++, address: `u${n}@x.test`, imapLogin: `u${n}`, displayName: `User ${n}`, alternateEmail: null, plan: null, status: 'active', directorySource: SOURCE, goneFromDirectory: false, ...extra });

describe('diffDirectory', () => {
  it('adds entries that have no mailbox, sorted by address', () => {
    const diff = diffDirectory([person(2, { plan: 'large' }), person(1)], [], OPTS);
    expect(diff.added).toEqual([
      { dn: 'uid=u1,dc=x', address: 'u1@x.test', imapLogin: 'u1', displayName: 'User 1', alternateEmail: null, plan: null },
      { dn: 'uid=u2,dc=x', address: 'u2@x.test', imapLogin: 'u2', displayName: 'User 2', alternateEmail: null, plan: 'Large' },
    ]);
    expect({ changed: diff.changed, gone: diff.gone, returned: diff.returned, problems: diff.problems }).toEqual({ changed: [], gone: [], returned: [], problems: [] });
  });

  it('reports nothing to do when directory and mailboxes agree', () => {
    const diff = diffDirectory([person(1), person(2)], [mailbox(1), mailbox(2)], OPTS);
    expect(diff).toMatchObject({ added: [], changed: [], gone: [], returned: [], unchanged: 2, managed: 2 });
  });

  it('lists changed name, login, alternate address and plan with before and after', () => {
    const m = mailbox(1, { plan: 'small' });
    const diff = diffDirectory([person(1, { displayName: 'New Name', imapLogin: 'u1new', alternateAddress: 'alt@x.test', plan: 'large' })], [m], OPTS);
    expect(diff.changed).toEqual([{ id: m.id, address: 'u1@x.test', dn: 'uid=u1,dc=x',
      before: { displayName: 'User 1', imapLogin: 'u1', alternateEmail: null, plan: 'small' },
      after: { displayName: 'New Name', imapLogin: 'u1new', alternateEmail: 'alt@x.test', plan: 'Large' } }]);
  });

  it('leaves plans alone when the mapping has no plan attribute', () => {
    const diff = diffDirectory([person(1, { plan: undefined })], [mailbox(1, { plan: 'small' })], OPTS);
    expect(diff).toMatchObject({ changed: [], unchanged: 1 });
  });

  it('reports an unknown plan and keeps the current one, still applying the other fields', () => {
    const m = mailbox(1, { plan: 'small' });
    const diff = diffDirectory([person(1, { plan: 'gold', displayName: 'X' })], [m], OPTS);
    expect(diff.problems).toEqual([{ dn: 'uid=u1,dc=x', address: 'u1@x.test', reason: 'unknown-plan', detail: 'gold' }]);
    expect(diff.changed).toEqual([{ id: m.id, address: 'u1@x.test', dn: 'uid=u1,dc=x', before: { displayName: 'User 1' }, after: { displayName: 'X' } }]);
  });

  it('marks mailboxes of this source whose entry is gone, and never those made by hand or another source', () => {
    const gone = mailbox(2);
    const diff = diffDirectory([person(1)], [mailbox(1), gone, mailbox(3, { directorySource: null }), mailbox(4, { directorySource: 'other' }), mailbox(5, { status: 'disabled' })], OPTS);
    expect(diff.gone).toEqual([{ id: gone.id, address: 'u2@x.test' }]);
    expect(diff.managed).toBe(2);
  });

  it('counts a suspended mailbox as managed and can mark it gone', () => {
    const diff = diffDirectory([], [mailbox(1, { status: 'suspended' })], OPTS);
    expect(diff).toMatchObject({ managed: 1, gone: [{ address: 'u1@x.test' }] });
  });

  it('never marks gone a mailbox already deleted, by staff or an earlier run', () => {
    const diff = diffDirectory([], [mailbox(1, { status: 'deleted' }), mailbox(2, { status: 'deleted', goneFromDirectory: true })], OPTS);
    expect(diff).toMatchObject({ managed: 0, gone: [] });
  });

  it('returns a mailbox the sync deleted when its entry is back', () => {
    const back = mailbox(1, { status: 'deleted', goneFromDirectory: true });
    expect(diffDirectory([person(1)], [back], OPTS).returned).toEqual([{ id: back.id, address: 'u1@x.test', dn: 'uid=u1,dc=x', before: {}, after: {} }]);
  });

  it('returns a mailbox the sync disabled when its entry is back, with its field changes; one staff disabled stays disabled', () => {
    const back = mailbox(1, { status: 'disabled', goneFromDirectory: true });
    const byStaff = mailbox(2, { status: 'disabled' });
    const diff = diffDirectory([person(1, { displayName: 'Back' }), person(2, { displayName: 'Renamed' })], [back, byStaff], OPTS);
    expect(diff.returned).toEqual([{ id: back.id, address: 'u1@x.test', dn: 'uid=u1,dc=x', before: { displayName: 'User 1' }, after: { displayName: 'Back' } }]);
    expect(diff.changed).toEqual([{ id: byStaff.id, address: 'u2@x.test', dn: 'uid=u2,dc=x', before: { displayName: 'User 2' }, after: { displayName: 'Renamed' } }]);
  });

  it('adopts a mailbox made by hand that has the address of an entry', () => {
    const m = mailbox(1, { directorySource: null });
    expect(diffDirectory([person(1)], [m], OPTS).changed).toEqual([{ id: m.id, address: 'u1@x.test', dn: 'uid=u1,dc=x', before: {}, after: {}, adopted: true }]);
  });

  it('reports duplicate addresses and logins, touching neither mailbox nor disabling it', () => {
    const m = mailbox(1);
    const diff = diffDirectory([person(1, { dn: 'a' }), person(1, { dn: 'b', displayName: 'X' }), person(7, { imapLogin: 'dup' }), person(8, { imapLogin: 'dup' })], [m], OPTS);
    expect(diff.problems.map((p) => [p.dn, p.reason])).toEqual([['a', 'duplicate-address'], ['b', 'duplicate-address'], ['uid=u7,dc=x', 'duplicate-login'], ['uid=u8,dc=x', 'duplicate-login']]);
    expect(diff).toMatchObject({ added: [], changed: [], gone: [] });
  });

  it('reports a login another mailbox already has, case-insensitively', () => {
    const diff = diffDirectory([person(1, { imapLogin: 'u2' })], [mailbox(2, { imapLogin: 'U2' })], OPTS);
    expect(diff.problems).toEqual([{ dn: 'uid=u1,dc=x', address: 'u1@x.test', reason: 'login-taken', detail: 'u2' }]);
    expect(diff.added).toEqual([]);
  });

  it('keeps reported entries with an address from counting as gone; entries without one cannot save a mailbox', () => {
    const kept = mailbox(1);
    const lost = mailbox(2);
    const diff = diffDirectory([{ dn: 'uid=u1,dc=x', address: 'u1@x.test', reason: 'no-login' }, { dn: 'uid=u2,dc=x', reason: 'no-address' }], [kept, lost], OPTS);
    expect(diff.gone).toEqual([{ id: lost.id, address: 'u2@x.test' }]);
    expect(diff.problems).toHaveLength(2);
  });
});

describe('safetyStop', () => {
  it('trips above the share, not at it', () => {
    expect(safetyStop(10, 100, 10)).toMatchObject({ tripped: false, percent: 10 });
    expect(safetyStop(11, 100, 10)).toMatchObject({ tripped: true, percent: 11 });
  });

  it('trips when the directory answers empty', () => {
    expect(safetyStop(5000, 5000, 10)).toMatchObject({ tripped: true, percent: 100 });
  });

  it('never trips with nothing gone or nothing managed yet', () => {
    expect(safetyStop(0, 0, 10).tripped).toBe(false);
    expect(safetyStop(0, 50, 0).tripped).toBe(false);
  });
});
