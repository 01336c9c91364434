export type TlsMode = 'implicit' | 'starttls' | 'off';
export type UsernameFormat = 'address' | 'localpart';

/** `GET/PUT /api/settings/mail`: the one settings row the help page and client autoconfiguration are built from. */
export interface MailSettings {
  id: 'mail';
  organisationName: string;
  domains: string[];
  imapHost: string;
  imapPort: number;
  imapTls: TlsMode;
  pop3Host: string;
  pop3Port: number;
  pop3Tls: TlsMode;
  smtpHost: string;
  smtpPort: number;
  smtpTls: TlsMode;
  usernameFormat: UsernameFormat;
  webmailUrl: string | null;
  helpdeskContact: string;
  popLeaveOnServerDays: number | null;
  allowPersonalLookup: boolean;
  updatedAt: string;
}

export const TLS_CHOICES: { id: TlsMode; name: string }[] = [
  { id: 'implicit', name: 'Implicit TLS (recommended)' },
  { id: 'starttls', name: 'STARTTLS' },
  { id: 'off', name: 'Off (not offered)' },
];

export const USERNAME_CHOICES: { id: UsernameFormat; name: string }[] = [
  { id: 'address', name: 'Full address (alice@example.org)' },
  { id: 'localpart', name: 'Local part (alice)' },
];
