// Apple configuration profile (.mobileconfig) with one com.apple.mail.managed payload. Pure.
// No password is embedded: the device asks for it when the profile is installed. Identifiers and UUIDs are
// derived from the address, so downloading the profile again replaces the installed one instead of adding a twin.
import { createHash } from 'node:crypto';
import { build, type PlistValue } from 'plist';
import { loginName, type ParsedAddress } from './address.ts';
import { endpoint, enabled, preferredIncoming, type MailSettingsData } from './types.ts';

/** Mailwarden's own UUID namespace for name-based (v5) UUIDs; any fixed value works, this one must never change. */
const NAMESPACE = '6f1d2a8e-3c4b-5d6e-9f70-8a1b2c3d4e5f';

/** RFC 4122 version 5 UUID (SHA-1 of namespace + name), upper-case as Apple writes them. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toUpperCase();
}

/** "example.org" -> "org.example": profile identifiers are reverse-DNS by convention. */
export const reverseDns = (domain: string) => domain.split('.').reverse().join('.');

export function buildMobileconfig(settings: MailSettingsData, address: ParsedAddress): string {
  const kind = preferredIncoming(settings);
  const incoming = endpoint(settings, kind);
  const smtp = endpoint(settings, 'smtp');
  const login = loginName(address, settings.usernameFormat);
  const base = `${reverseDns(settings.domains[0]!)}.mailwarden.mail.${uuidV5(`profile:${address.address}`)}`;
  const account: Record<string, PlistValue> = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${base}.account`,
    PayloadUUID: uuidV5(`account:${address.address}`),
    PayloadDisplayName: `${settings.organisationName} mail`,
    EmailAccountDescription: `${settings.organisationName} (${address.address})`,
    EmailAccountType: kind === 'imap' ? 'EmailTypeIMAP' : 'EmailTypePOP',
    EmailAddress: address.address,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    IncomingMailServerHostName: incoming.host,
    IncomingMailServerPortNumber: incoming.port,
    // true covers STARTTLS too: Apple Mail upgrades on the plain port when it is not an implicit-TLS port.
    IncomingMailServerUseSSL: true,
    IncomingMailServerUsername: login,
  };
  if (enabled(smtp)) {
    Object.assign(account, {
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: smtp.host,
      OutgoingMailServerPortNumber: smtp.port,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: login,
      OutgoingPasswordSameAsIncomingPassword: true,
    });
  }
  const profile: Record<string, PlistValue> = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: base,
    PayloadUUID: uuidV5(`profile:${address.address}`),
    PayloadDisplayName: `${settings.organisationName} mail (${address.address})`,
    PayloadDescription: `Sets up ${address.address} in Mail. You will be asked for your password.`,
    PayloadOrganization: settings.organisationName,
    PayloadRemovalDisallowed: false,
    PayloadContent: [account],
  };
  return build(profile);
}
