// Article Markdown -> safe HTML. Pure. Articles are edited by staff, but a stolen staff session or a careless
// paste must not turn the public help page into a script host: every rendering goes through an allow-list
// sanitizer (sanitize-html) after marked, so raw HTML in Markdown, event handlers and javascript: links are dropped.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { fillPlaceholders } from './live-values.ts';
import { InvalidInputError } from '../errors.ts';

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

// Limits that keep rendering bounded. marked parses nested blocks and emphasis recursively: 1,875 nested ">" or
// 1,183 nested "1. " already exhaust the stack (measured with marked 18), so an article is refused long before
// that. Real help articles nest a few levels. Reference links can repeat one long URL thousands of times, so the
// rendered size is bounded too.
export const MARKDOWN_LIMITS = { nesting: 16, delimiterRun: 50, htmlChars: 200_000 } as const;

// One container opener at the start of a line: a block quote ">" or a list marker ("-", "*", "+", "1." or "1)").
const CONTAINER_OPENER = /^ {0,3}(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
const DELIMITER_RUN = /[*_~]{51,}/;

function nestingOf(line: string): number {
  let depth = 0;
  let rest = line;
  for (let m = CONTAINER_OPENER.exec(rest); m && depth <= MARKDOWN_LIMITS.nesting; m = CONTAINER_OPENER.exec(rest)) {
    depth++;
    rest = rest.slice(m[0].length);
  }
  return depth;
}

/**
 * Renders an article as /help will, or throws InvalidInputError naming `field` when the Markdown nests too deeply,
 * renders to too much HTML, or cannot be rendered at all. Used by the preview and before an article is saved.
 */
export function renderCheckedArticle(markdown: string, values: Record<string, string>, field: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (nestingOf(lines[i]) > MARKDOWN_LIMITS.nesting) {
      throw new InvalidInputError(field, `nests quotes or lists more than ${MARKDOWN_LIMITS.nesting} levels deep (line ${i + 1})`);
    }
    if (DELIMITER_RUN.test(lines[i])) {
      throw new InvalidInputError(field, `has a run of more than ${MARKDOWN_LIMITS.delimiterRun} *, _ or ~ characters (line ${i + 1}), use --- for a rule`);
    }
  }
  let html: string;
  try {
    html = renderArticle(markdown, values);
  } catch {
    throw new InvalidInputError(field, 'cannot be rendered (too deeply nested)');
  }
  if (html.length > MARKDOWN_LIMITS.htmlChars) {
    throw new InvalidInputError(field, `renders to ${html.length} characters of HTML (at most ${MARKDOWN_LIMITS.htmlChars}): repeat long links less often`);
  }
  return html;
}
