// What bull-board's routes send besides the board itself: the page a refused browser reads, and the board's fonts
// from this server instead of Google's (the CSP allows styles and fonts from 'self' only).
// A refused browser gets a page, not a redirect: the console's Jobs view is for ops and admin too, so sending help
// desk there would only refuse them again; the page says what they can open instead (the read-only board, the
// dashboard) and keeps the 401/403 status that scripts and monitoring rely on.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { escapeHtml } from '../../core/domain/templates.ts';

export const FONTS_PATH = '/board-fonts';
const FONT_PACKAGES = ['ibm-plex-sans', 'ibm-plex-mono'] as const;
// The weights bull-board's stylesheet link asks Google for (sans 400/500/600, mono 400/500).
const FONT_FILES = ['ibm-plex-sans/400.css', 'ibm-plex-sans/500.css', 'ibm-plex-sans/600.css', 'ibm-plex-mono/400.css', 'ibm-plex-mono/500.css'];
const GOOGLE_FONTS_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/;

/** A browser navigating (it asks for HTML), as opposed to bull-board's own API calls or a script. */
export const wantsHtml = (request: FastifyRequest) => request.method === 'GET' && /\btext\/html\b/.test(request.headers.accept ?? '');

/** The board's page with its Google Fonts link replaced by the same fonts served here. */
export function selfHostFonts(html: string): string {
  const links = FONT_FILES.map((f) => `<link href="${FONTS_PATH}/${f}" rel="stylesheet">`).join('\n    ');
  return html.replace(GOOGLE_FONTS_LINK, links);
}

/** Serves the @fontsource packages' CSS and font files under /board-fonts/<package>/. */
export async function registerBoardFonts(app: FastifyInstance) {
  const require = createRequire(import.meta.url);
  for (const pkg of FONT_PACKAGES) {
    await app.register(fastifyStatic, {
      root: dirname(require.resolve(`@fontsource/${pkg}/400.css`)),
      prefix: `${FONTS_PATH}/${pkg}/`,
      decorateReply: false,
      // The files never change within a package version.
      maxAge: '30d',
      allowedPath: (path) => /^\/(\d{3}(-italic)?\.css|files\/[\w.-]+\.woff2?)$/.test(path),
    });
  }
}

const PAGE = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Mailwarden</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;

/** The page for a browser the board refuses: signed out (401), or a role without the full board (403). */
export function refusedPage(statusCode: 401 | 403, role: string | null): string {
  if (statusCode === 401) {
    return PAGE('Sign in to the console first', '<p>The queue board uses the console\'s sign-in. <a href="/#/login">Sign in</a>, then open this page again.</p>');
  }
  return PAGE('The queue board is for ops and admin staff', `<p>This board can pause queues and retry or remove jobs, which your role${role ? ` (${escapeHtml(role)})` : ''} does not do. You can see the same queues without those controls:</p>
<ul>
<li><a href="/admin/queues/readonly/">The read-only queue board</a>: every queue and job, with why a job failed.</li>
<li><a href="/#/">The console's dashboard</a>: queue health, last night's sweep and any paused queue.</li>
</ul>
<p>To have a failed job retried or a queue resumed, ask ops.</p>`);
}
