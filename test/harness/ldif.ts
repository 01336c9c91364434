// LDIF for the test slapd (test/harness/slapd.ts): the suffix, an ou=people, and one inetOrgPerson per person.
// Attribute choice follows a common OpenLDAP mail setup: uid = IMAP login, mail = address, displayName,
// mailLocalAddress (misc.schema's inetLocalMailRecipient) = alternate address, employeeType = plan name.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface Person {
  uid: string;
  /** Absent: an entry the sync must report instead of guessing an address. */
  mail?: string;
  displayName?: string;
  alternate?: string;
  plan?: string;
}

export const PEOPLE_OU = (suffix: string) => `ou=people,${suffix}`;

/** Person n of a generated directory: user<n>@<domain>, login u<n>, every tenth on plan "large". */
export function numberedPerson(n: number, domain = 'dir.example.test'): Person {
  return { uid: `u${n}`, mail: `user${n}@${domain}`, displayName: `User ${n}`, alternate: n % 3 === 0 ? `alias${n}@${domain}` : undefined, plan: n % 10 === 0 ? 'large' : undefined };
}

export function baseLdif(suffix: string): string {
  const dc = /^dc=([^,]+)/.exec(suffix)?.[1] ?? 'example';
  return `dn: ${suffix}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\no: ${dc}\ndc: ${dc}\n\n`
    + `dn: ${PEOPLE_OU(suffix)}\nobjectClass: organizationalUnit\nou: people\n\n`;
}

export function personLdif(suffix: string, p: Person): string {
  const lines = [`dn: uid=${p.uid},${PEOPLE_OU(suffix)}`, 'objectClass: inetOrgPerson', 'objectClass: inetLocalMailRecipient',
    `uid: ${p.uid}`, `cn: ${p.displayName ?? p.uid}`, `sn: ${p.uid}`];
  if (p.displayName !== undefined) lines.push(`displayName:: ${Buffer.from(p.displayName).toString('base64')}`); // any UTF-8 name
  if (p.mail !== undefined) lines.push(`mail: ${p.mail}`);
  if (p.alternate !== undefined) lines.push(`mailLocalAddress: ${p.alternate}`);
  if (p.plan !== undefined) lines.push(`employeeType: ${p.plan}`);
  return lines.join('\n') + '\n\n';
}

export function directoryLdif(suffix: string, people: Iterable<Person>): string {
  let text = baseLdif(suffix);
  for (const p of people) text += personLdif(suffix, p);
  return text;
}

/** The same, written to `file` piece by piece: a 100,000-person directory never sits in memory as one string. */
export async function writeDirectoryLdif(file: string, suffix: string, people: Iterable<Person>): Promise<void> {
  const out = createWriteStream(file);
  out.write(baseLdif(suffix));
  for (const p of people) if (!out.write(personLdif(suffix, p))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export function* range(from: number, to: number): Generator<number> {
  for (let n = from; n <= to; n++) yield n;
}
