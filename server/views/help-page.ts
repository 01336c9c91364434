// The public help page: "POP or IMAP?" with the organisation's live numbers, the server settings, an optional
// personal block, and the articles grouped per mail client. Pure (takes rendered article HTML, returns HTML).
import { escapeHtml as esc } from '../core/domain/templates.ts';
import { generalAdvice, type Offer, type PersonalAdvice } from '../core/domain/guidance/advice.ts';
import { loginName } from '../core/domain/guidance/address.ts';
import { ARTICLE_CLIENTS, CLIENT_LABELS, endpoint, securityLabel, type ArticleClient } from '../core/domain/guidance/types.ts';
import type { GuidanceFacts } from '../core/domain/guidance/live-values.ts';

export interface RenderedArticle { slug: string; client: ArticleClient; title: string; html: string }

export interface HelpPageInput {
  facts: GuidanceFacts;
  offer: Offer;
  articles: RenderedArticle[];
  /** The address typed into the form (already validated), echoed back; null when none. */
  email: string | null;
  personal: { planName: string | null; advice: PersonalAdvice } | null;
  /** Shown next to the form when the typed address was refused. */
  error?: string | null;
  /** Where a user signs in to see their own figures (/me), when it is set up here. */
  meUrl?: string | null;
}

function lookupForm(input: HelpPageInput): string {
  const hint = input.facts.settings.allowPersonalLookup
    ? 'Fills in your user name and a setup-profile link, and shows your plan and how full your mailbox is.'
    : 'Fills in your user name and a setup-profile link. Nothing about your mailbox is looked up.';
  return `<form class="lookup" method="get" action="/help" id="your-address">
  <label for="email">Your email address</label>
  <div class="row"><input id="email" name="email" type="email" autocomplete="email" inputmode="email" maxlength="254" value="${esc(input.email ?? '')}">
  <button type="submit">Personalise</button></div>
  ${input.error ? `<p class="error" role="alert">${esc(input.error)}</p>` : ''}
  <p class="hint">${esc(hint)}</p>
  ${input.email && !input.personal && !input.error ? standardFiguresNote(input) : ''}
</form>`;
}

/** An address was typed but nothing is shown about it: say that the figures are the standard plan's, the same words for
 *  every address (whether it exists is not told), and where the user sees their own. */
function standardFiguresNote(input: HelpPageInput): string {
  const own = input.meUrl
    ? `sign in at <a href="${esc(input.meUrl)}">${esc(input.meUrl)}</a> with your mail password to see yours`
    : `${esc(input.facts.settings.helpdeskContact || 'your help desk')} can tell you yours`;
  return `<p class="hint" id="standard-figures">The quota and retention below are the standard plan's; yours may differ: ${own}.</p>`;
}

function personalBlock(p: NonNullable<HelpPageInput['personal']>): string {
  const { advice } = p;
  const meter = advice.percent === null ? '' : `<meter min="0" max="100" low="80" high="95" optimum="0" value="${Math.min(advice.percent, 100)}">${advice.percent}%</meter>`;
  return `<section class="personal level-${advice.level}" aria-labelledby="personal-h">
  <h2 id="personal-h">Your mailbox</h2>
  ${p.planName ? `<p>Plan: <strong>${esc(p.planName)}</strong></p>` : ''}
  <p>${esc(advice.usageText)}</p>${meter}
  <ul>${advice.recommendation.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
</section>`;
}

function settingsTable(facts: GuidanceFacts): string {
  const s = facts.settings;
  const rows = (['imap', 'pop3', 'smtp'] as const).map((service) => {
    const e = endpoint(s, service);
    const name = service === 'imap' ? 'Incoming (IMAP)' : service === 'pop3' ? 'Incoming (POP3)' : 'Outgoing (SMTP)';
    return e.tls === 'off'
      ? `<tr><th scope="row">${name}</th><td colspan="3">not offered</td></tr>`
      : `<tr><th scope="row">${name}</th><td>${esc(e.host)}</td><td>${e.port}</td><td>${esc(securityLabel(e.tls))}</td></tr>`;
  });
  const user = facts.address ? esc(loginName(facts.address, s.usernameFormat)) : s.usernameFormat === 'address' ? 'your full email address' : 'the part of your address before the @';
  const webmail = s.webmailUrl ? `<p>Webmail: <a href="${esc(s.webmailUrl)}" rel="noopener noreferrer">${esc(s.webmailUrl)}</a></p>` : '';
  return `<section aria-labelledby="settings-h">
  <h2 id="settings-h">Server settings</h2>
  <div class="scroll"><table><thead><tr><th scope="col">Service</th><th scope="col">Server</th><th scope="col">Port</th><th scope="col">Security</th></tr></thead>
  <tbody>${rows.join('')}</tbody></table></div>
  <p>User name: <strong>${user}</strong>. Password: your mail password. Authentication: normal password.</p>${webmail}
</section>`;
}

function clientSections(articles: RenderedArticle[]): string {
  const groups = ARTICLE_CLIENTS.map((client) => ({ client, items: articles.filter((a) => a.client === client) })).filter((g) => g.items.length);
  // <details> gives collapsible sections without any script; the generic settings start open.
  return groups.map((g) => `<details${g.client === 'generic' ? ' open' : ''} id="client-${g.client}">
  <summary>${esc(CLIENT_LABELS[g.client])}</summary>
  ${g.items.map((a) => `<article id="${esc(a.slug)}">${a.title === CLIENT_LABELS[g.client] ? '' : `<h3>${esc(a.title)}</h3>`}${a.html}</article>`).join('\n  ')}
</details>`).join('\n');
}

export function renderHelpPage(input: HelpPageInput): string {
  const s = input.facts.settings;
  const org = esc(s.organisationName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${input.email ? '<meta name="robots" content="noindex">\n' : ''}<title>Mail setup – ${org}</title>
<link rel="stylesheet" href="/help/help.css">
</head>
<body>
<header><p class="org">${org}</p><h1>Setting up your mail</h1></header>
<main>
${lookupForm(input)}
${input.personal ? personalBlock(input.personal) : ''}
<section aria-labelledby="choice-h">
  <h2 id="choice-h">POP or IMAP?</h2>
  ${generalAdvice(input.offer).map((p, i) => `<p${i === 0 ? ' class="numbers"' : ''}>${esc(p)}</p>`).join('\n  ')}
</section>
${settingsTable(input.facts)}
<section aria-labelledby="steps-h">
  <h2 id="steps-h">Step by step</h2>
  ${clientSections(input.articles)}
</section>
</main>
<footer><p>Questions? ${esc(s.helpdeskContact || 'Ask your help desk')}.</p></footer>
</body>
</html>
`;
}
