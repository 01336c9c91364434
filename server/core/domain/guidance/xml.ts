// XML text and attribute escaping for the client-configuration documents. Pure.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes the five XML specials and drops characters XML 1.0 cannot carry at all (control characters). */
export function xmlEscape(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** `<name>value</name>` with the value escaped. */
export const el = (name: string, value: string | number) => `<${name}>${xmlEscape(value)}</${name}>`;
