import type { ApiResponse } from '../api/types';

/** `GET/PUT /api/settings/mail`: the one settings row the help page and client autoconfiguration are built from. */
export type MailSettings = ApiResponse<'/api/settings/mail', 'get'>;
export type TlsMode = MailSettings['imapTls'];
export type UsernameFormat = MailSettings['usernameFormat'];

export const TLS_CHOICES: { id: TlsMode; name: string }[] = [
  { id: 'implicit', name: 'Implicit TLS (recommended)' },
  { id: 'starttls', name: 'STARTTLS' },
  { id: 'off', name: 'Off (not offered)' },
];

export const USERNAME_CHOICES: { id: UsernameFormat; name: string }[] = [
  { id: 'address', name: 'Full address (alice@example.org)' },
  { id: 'localpart', name: 'Local part (alice)' },
];
