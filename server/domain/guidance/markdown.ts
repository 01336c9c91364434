// Article Markdown -> safe HTML. Pure. Articles are edited by staff, but a stolen staff session or a careless
// paste must not turn the public help page into a script host: every rendering goes through an allow-list
// sanitizer (sanitize-html) after marked, so raw HTML in Markdown, event handlers and javascript: links are dropped.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { fillPlaceholders } from './live-values.ts';

// Own instance: marked's global options are process-wide state other code could change.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'kbd',
    'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
  ],
  // No style, class or on* attributes anywhere; no images (the help page loads nothing from elsewhere).
  // rel is only ever the value transformTags sets below.
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // script/style/textarea contents are dropped with the tag, not shown as text.
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page has its own <h1>; article headings start one level down.
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export function renderMarkdown(markdown: string): string {
  return sanitize(marked.parse(markdown) as string);
}

/** Placeholders first, so values are rendered (and sanitized) exactly like the text around them. */
export function renderArticle(markdown: string, values: Record<string, string>): string {
  return renderMarkdown(fillPlaceholders(markdown, values));
}
