// The shell of the /me pages (#20): the same stylesheet and mobile-first layout as /help, no script, no external
// asset (the API's Content-Security-Policy allows neither). Every dynamic value is escaped by the caller's template.
// In the core because two processes render /me pages: the API, and the export service for a download it refuses.
import { escapeHtml as esc } from '../domain/templates.ts';

export function mePage(input: { organisation: string; title: string; body: string; signedInAs?: string | null; csrf?: string | null }): string {
  const signOut = input.signedInAs && input.csrf
    ? `<form class="signout" method="post" action="/me/logout"><input type="hidden" name="_csrf" value="${esc(input.csrf)}">
  <span>${esc(input.signedInAs)}</span> <button type="submit">Sign out</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(input.title)} – ${esc(input.organisation)}</title>
<link rel="stylesheet" href="/help/help.css">
<link rel="stylesheet" href="/me/me.css">
</head>
<body>
<header><p class="org">${esc(input.organisation)}</p><h1>${esc(input.title)}</h1>${signOut}</header>
<main>
${input.body}
</main>
</body>
</html>
`;
}

/** A short page with one message (errors, "not available"). */
export function messagePage(organisation: string, title: string, message: string, link: { href: string; text: string } | null = null): string {
  return mePage({ organisation, title, body: `<p role="alert">${esc(message)}</p>${link ? `<p><a href="${esc(link.href)}">${esc(link.text)}</a></p>` : ''}` });
}
