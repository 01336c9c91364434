// The /me page of a signed-in mail user (#20): their usage and its history, largest folders and messages, retention and what will
// expire (me-expiry.ts), downloading it or a folder (me-export.ts), the form to ask for more space with their past requests, and the POP vs IMAP advice with
// their own figures. Pure: takes what services/my-mailbox.ts loaded.
import { escapeHtml as esc, formatBytes } from '../core/domain/templates.ts';
import { generalAdvice } from '../core/domain/guidance/advice.ts';
import type { MyMailbox } from '../services/my-mailbox.ts';
import { retentionSection } from './me-expiry.ts';
import { exportSection } from './me-export.ts';
import { mePage } from '../core/views/me-layout.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const STATUS = { pending: 'waiting for the help desk', approved: 'approved', refused: 'not approved' } as Record<string, string>;

function usageSection(m: MyMailbox): string {
  const a = m.advice;
  const meter = a.percent === null ? '' : `<meter min="0" max="100" low="80" high="95" optimum="0" value="${Math.min(a.percent, 100)}">${a.percent}%</meter>`;
  // At most six points of the last 30 days, evenly spread, the latest always included.
  const step = Math.max(1, Math.ceil(m.history.length / 6));
  const points = m.history.filter((_, i) => (m.history.length - 1 - i) % step === 0);
  const history = points.length > 1
    ? `<details><summary>The last 30 days</summary><div class="scroll"><table><thead><tr><th scope="col">Day</th><th scope="col" class="num">Used</th><th scope="col" class="num">Limit</th></tr></thead><tbody>${
      points.map((p) => `<tr><td>${day(p.at)}</td><td class="num">${esc(formatBytes(p.usedBytes))}</td><td class="num">${p.limitBytes === null ? 'none' : esc(formatBytes(p.limitBytes))}</td></tr>`).join('')}</tbody></table></div></details>`
    : '';
  const folders = m.folders.length
    ? `<h3>Largest folders</h3><div class="scroll"><table><tbody>${m.folders.map((f) => `<tr><th scope="row">${esc(f.path)}</th><td class="num">${f.messages} messages</td><td class="num">${esc(formatBytes(f.bytes))}</td></tr>`).join('')}</tbody></table></div>`
    : '';
  return `<section class="personal level-${a.level}" aria-labelledby="usage-h" id="usage">
  <h2 id="usage-h">Space</h2>
  ${m.planName ? `<p>Plan: <strong>${esc(m.planName)}</strong></p>` : ''}
  <p>${esc(a.usageText)}${m.scannedAt ? ` <span class="hint">Measured ${esc(m.scannedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC.</span>` : ''}</p>${meter}
  ${history}${folders}${largestMessages(m)}
</section>`;
}

/** The largest messages (the user's own subjects and senders), largest first; nothing when they could not be read. */
function largestMessages(m: MyMailbox): string {
  if (!m.largestMessages) return '<h3>Largest messages</h3><p class="hint">Your largest messages cannot be listed at the moment.</p>';
  if (!m.largestMessages.length) return '';
  const rows = m.largestMessages.map((x) => `<tr><td>${esc(x.subject || '(no subject)')}${x.from ? `<br><span class="hint">${esc(x.from)}</span>` : ''}</td><td>${esc(x.folder)}</td><td>${x.date ? day(new Date(x.date)) : ''}</td><td class="num">${esc(formatBytes(x.size))}</td></tr>`).join('');
  return `<h3>Largest messages</h3><div class="scroll"><table><thead><tr><th scope="col">Subject</th><th scope="col">Folder</th><th scope="col">Received</th><th scope="col" class="num">Size</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function askSection(m: MyMailbox, csrf: string, now: Date, notice: string | null): string {
  const min = day(new Date(now.getTime() + 86_400_000));
  const max = day(new Date(now.getTime() + 366 * 86_400_000));
  const past = m.requests.length
    ? `<ul>${m.requests.map((r) => `<li>${day(r.createdAt)}: ${esc(formatBytes(r.extraBytes))} until ${day(r.until)}: <strong>${esc(STATUS[r.status] ?? r.status)}</strong></li>`).join('')}</ul>`
    : '';
  return `<section aria-labelledby="ask-h" id="ask"><h2 id="ask-h">Ask for more space</h2>
${notice ? `<p class="ok" role="status">${esc(notice)}</p>` : ''}
<form class="ask" method="post" action="/me/space-request">
  <input type="hidden" name="_csrf" value="${esc(csrf)}">
  <label for="gib">How much more (GiB)</label>
  <input id="gib" name="gib" type="number" min="0.1" max="1024" step="0.1" required value="1">
  <label for="reason">Why</label>
  <textarea id="reason" name="reason" minlength="3" maxlength="500" rows="3" required></textarea>
  <label for="until">Until</label>
  <input id="until" name="until" type="date" min="${min}" max="${max}" required>
  <button type="submit">Send the request</button>
</form>${past}</section>`;
}

function adviceSection(m: MyMailbox): string {
  const lines = m.advice.level === 'near' || m.advice.level === 'over' ? m.advice.recommendation : generalAdvice(m.offer);
  return `<section aria-labelledby="choice-h"><h2 id="choice-h">POP or IMAP?</h2>${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<p><a href="/help?email=${encodeURIComponent(m.address)}">Mail program settings, step by step</a></p></section>`;
}

/** `canExport`: "take it with you" is set up here (EXPORT_LINK_KEY), so its section is shown. */
export function renderMyMailboxPage(m: MyMailbox, csrf: string, now: Date, notice: string | null = null, canExport = false): string {
  const body = `${usageSection(m)}
${retentionSection(m, now)}
${canExport ? exportSection(m.folderNames) : ''}
${askSection(m, csrf, now, notice)}
${adviceSection(m)}
<footer><p>Questions? ${esc(m.helpdesk || 'Ask your help desk')}.</p></footer>`;
  return mePage({ organisation: m.organisation, title: 'Your mailbox', body, signedInAs: m.address, csrf });
}
