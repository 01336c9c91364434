// Thunderbird autoconfig (clientConfig version 1.1, https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat).
// Pure. Built from the settings only, never from a mailbox lookup: every address gets the same answer.
import { el, xmlEscape } from './xml.ts';
import { endpoint, enabled, type Endpoint, type MailSettingsData } from './types.ts';

export interface AutoconfigInput {
  settings: MailSettingsData;
  /** emailProvider id: the requested address's domain when it is ours, else the first domain. */
  domain: string;
  /** 0 = do not leave mail on the server. Already capped below the INBOX retention age. */
  popLeaveDays: number;
  helpUrl: string;
}

const socketType = (e: Endpoint) => (e.tls === 'implicit' ? 'SSL' : 'STARTTLS');

function server(tag: 'incomingServer' | 'outgoingServer', type: string, e: Endpoint, username: string, extra = ''): string {
  return [
    `    <${tag} type="${type}">`,
    `      ${el('hostname', e.host)}`,
    `      ${el('port', e.port)}`,
    `      ${el('socketType', socketType(e))}`,
    `      ${el('username', username)}`,
    // The password travels inside TLS (socketType is never "plain"), so cleartext SASL is the right choice.
    '      <authentication>password-cleartext</authentication>',
    ...(extra ? [extra] : []),
    `    </${tag}>`,
  ].join('\n');
}

function pop3Block(days: number): string {
  const lines = days > 0
    ? ['<leaveMessagesOnServer>true</leaveMessagesOnServer>', `<daysToLeaveMessagesOnServer>${days}</daysToLeaveMessagesOnServer>`]
    : ['<leaveMessagesOnServer>false</leaveMessagesOnServer>'];
  return ['      <pop3>', ...lines.map((l) => `        ${l}`), '      </pop3>'].join('\n');
}

export function buildAutoconfigXml(input: AutoconfigInput): string {
  const { settings: s } = input;
  const username = s.usernameFormat === 'address' ? '%EMAILADDRESS%' : '%EMAILLOCALPART%';
  const imap = endpoint(s, 'imap');
  const pop3 = endpoint(s, 'pop3');
  const smtp = endpoint(s, 'smtp');
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<clientConfig version="1.1">',
    `  <emailProvider id="${xmlEscape(input.domain)}">`,
    ...s.domains.map((d) => `    ${el('domain', d)}`),
    `    ${el('displayName', s.organisationName)}`,
    `    ${el('displayShortName', s.organisationName.slice(0, 30))}`,
    // Thunderbird offers the first incoming server by default: IMAP when both are on.
    ...(enabled(imap) ? [server('incomingServer', 'imap', imap, username)] : []),
    ...(enabled(pop3) ? [server('incomingServer', 'pop3', pop3, username, pop3Block(input.popLeaveDays))] : []),
    ...(enabled(smtp) ? [server('outgoingServer', 'smtp', smtp, username)] : []),
    `    <documentation url="${xmlEscape(input.helpUrl)}">`,
    `      <descr lang="en">${xmlEscape(`${s.organisationName}: mail settings and POP or IMAP advice`)}</descr>`,
    '    </documentation>',
    '  </emailProvider>',
    '</clientConfig>',
  ];
  return `${parts.join('\n')}\n`;
}
