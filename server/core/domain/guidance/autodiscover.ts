// Outlook POX autodiscover: the 2006 request schema in, the 2006a "outlook" response schema out
// (https://learn.microsoft.com/exchange/client-developer/web-service-reference/pox-autodiscover-xml-elements-for-exchange).
// Pure. The answer is built from the settings and the address's own text, never from a mailbox lookup, so an
// unknown address gets the same answer as a real one (no user enumeration).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loginName, parseAddress, type ParsedAddress } from './address.ts';
import { el, xmlEscape } from './xml.ts';
import { endpoint, enabled, type Endpoint, type MailSettingsData } from './types.ts';

export const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
export const OUTLOOK_2006A = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

export class AutodiscoverError extends Error {
  constructor(readonly code: 600 | 601, message: string) {
    super(message);
  }
}
const invalid = () => new AutodiscoverError(600, 'Invalid Request');

// No entity processing at all: a request can never expand entities (billion laughs) or reach files (XXE).
// Attributes and namespace prefixes are irrelevant to the two elements we read.
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The address asked about; throws AutodiscoverError 600 (malformed) or 601 (a response schema we do not speak). */
export function parseAutodiscoverRequest(body: unknown): ParsedAddress {
  if (typeof body !== 'string' || body.trim() === '') throw invalid();
  // A DTD has no business in an autodiscover request; refusing it outright beats trusting any parser option.
  if (/<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(body)) throw invalid();
  if (XMLValidator.validate(body) !== true) throw invalid();
  let doc: unknown;
  try {
    doc = parser.parse(body);
  } catch {
    throw invalid();
  }
  const request = (doc as { Autodiscover?: { Request?: Record<string, unknown> } })?.Autodiscover?.Request;
  if (!request || typeof request !== 'object') throw invalid();
  const schema = text(request.AcceptableResponseSchema);
  // mobilesync (ActiveSync phones) and other schemas are not what we serve; 601 tells the client so.
  if (schema !== undefined && schema !== OUTLOOK_2006A) throw new AutodiscoverError(601, 'Requested schema version not supported');
  const address = parseAddress(text(request.EMailAddress) ?? '');
  if (!address) throw invalid();
  return address;
}

function protocol(type: 'IMAP' | 'POP3' | 'SMTP', e: Endpoint, login: string, extra: string[] = []): string {
  const lines = [
    el('Type', type),
    el('Server', e.host),
    el('Port', e.port),
    '<DomainRequired>off</DomainRequired>',
    el('LoginName', login),
    '<SPA>off</SPA>',
    // STARTTLS: SSL stays "on" next to Encryption=TLS so an old client that ignores <Encryption> fails to connect
    // (implicit TLS on a plain port) rather than falling back to sending the password in clear text.
    '<SSL>on</SSL>',
    ...(e.tls === 'starttls' ? ['<Encryption>TLS</Encryption>'] : []),
    '<AuthRequired>on</AuthRequired>',
    ...extra,
  ];
  return ['      <Protocol>', ...lines.map((l) => `        ${l}`), '      </Protocol>'].join('\n');
}

export function buildAutodiscoverResponse(settings: MailSettingsData, address: ParsedAddress): string {
  const login = loginName(address, settings.usernameFormat);
  const imap = endpoint(settings, 'imap');
  const pop3 = endpoint(settings, 'pop3');
  const smtp = endpoint(settings, 'smtp');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${RESPONSE_NS}">`,
    `  <Response xmlns="${OUTLOOK_2006A}">`,
    '    <Account>',
    '      <AccountType>email</AccountType>',
    '      <Action>settings</Action>',
    ...(enabled(imap) ? [protocol('IMAP', imap, login)] : []),
    ...(enabled(pop3) ? [protocol('POP3', pop3, login)] : []),
    ...(enabled(smtp) ? [protocol('SMTP', smtp, login, ['<UsePOPAuth>off</UsePOPAuth>', '<SMTPLast>off</SMTPLast>'])] : []),
    '    </Account>',
    '  </Response>',
    '</Autodiscover>',
    '',
  ].join('\n');
}

/** The documented error response; `id` is any number that lets a log line be matched to what the client saw. */
export function buildAutodiscoverError(err: AutodiscoverError, now: Date, id: number): string {
  const time = now.toISOString().slice(11, 23);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${RESPONSE_NS}">`,
    '  <Response>',
    `    <Error Time="${xmlEscape(time)}" Id="${id}">`,
    `      ${el('ErrorCode', err.code)}`,
    `      ${el('Message', err.message)}`,
    '      <DebugData />',
    '    </Error>',
    '  </Response>',
    '</Autodiscover>',
    '',
  ].join('\n');
}
