// Shapes shared by the guidance builders (help page, autoconfig, autodiscover, Apple profile, DNS). Pure.

export const TLS_MODES = ['implicit', 'starttls', 'off'] as const;
/** implicit = TLS from the first byte (RFC 8314, preferred); starttls = upgrade on the plain port; off = protocol disabled. */
export type TlsMode = (typeof TLS_MODES)[number];

export const USERNAME_FORMATS = ['address', 'localpart'] as const;
export type UsernameFormat = (typeof USERNAME_FORMATS)[number];

export const ARTICLE_PROTOCOLS = ['pop', 'imap', 'any'] as const;
export type ArticleProtocol = (typeof ARTICLE_PROTOCOLS)[number];

export const ARTICLE_CLIENTS = ['thunderbird', 'outlook', 'apple-mail', 'ios', 'android', 'generic'] as const;
export type ArticleClient = (typeof ARTICLE_CLIENTS)[number];

export const CLIENT_LABELS: Record<ArticleClient, string> = {
  generic: 'Any mail program',
  thunderbird: 'Thunderbird',
  outlook: 'Outlook',
  'apple-mail': 'Apple Mail (Mac)',
  ios: 'iPhone and iPad',
  android: 'Android',
};

/** The settings row as the builders need it (the repository maps the database row to this). */
export interface MailSettingsData {
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
}

export type ServiceName = 'imap' | 'pop3' | 'smtp';

export interface Endpoint {
  host: string;
  port: number;
  tls: TlsMode;
}

export function endpoint(s: MailSettingsData, service: ServiceName): Endpoint {
  switch (service) {
    case 'imap': return { host: s.imapHost, port: s.imapPort, tls: s.imapTls };
    case 'pop3': return { host: s.pop3Host, port: s.pop3Port, tls: s.pop3Tls };
    case 'smtp': return { host: s.smtpHost, port: s.smtpPort, tls: s.smtpTls };
  }
}

export const enabled = (e: Endpoint) => e.tls !== 'off';

/** The protocol a one-account profile (Apple) should use: IMAP when offered, else POP. */
export function preferredIncoming(s: MailSettingsData): 'imap' | 'pop3' {
  return s.imapTls !== 'off' ? 'imap' : 'pop3';
}

/** How the help page names a TLS mode in the client's settings dialogs. */
export function securityLabel(tls: TlsMode): string {
  return tls === 'implicit' ? 'SSL/TLS' : tls === 'starttls' ? 'STARTTLS' : 'not offered';
}
