// The retention part of the /me page: the rule per folder in words, a legal hold (stated, never explained), and what
// will expire within each window, per folder, with dates. An expiry date is the message's age-basis date plus the
// rule's age: the expiry run on or after that day removes it (the preview is the engine's own, at the window's end).
import { escapeHtml as esc, formatBytes } from '../core/domain/templates.ts';
import type { Rule } from '../core/domain/retention/rules.ts';
import type { PreviewFolder } from '../core/queues/mailbox-read.ts';
import type { MyMailbox } from '../services/my-mailbox.ts';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
const BASIS = { received: 'it arrived', sent: 'it was sent', saved: 'it was put in the folder' } as const;

export function describeRule(r: Rule): string {
  const what = r.action === 'move' ? `moved to ${r.moveTo ?? 'the archive'}` : 'deleted';
  const kept = [r.keepFlagged ? 'flagged (starred) messages are kept' : '', r.keepUnread ? 'unread messages are kept' : ''].filter(Boolean).join('; ');
  const notice = r.noticeDays ? ` You get an email ${r.noticeDays} days before.` : '';
  return `${r.folderSelector}: mail is ${what} ${r.maxAgeDays} days after ${BASIS[r.ageBasis]}${kept ? ` (${kept})` : ''}.${notice}`;
}

/** The first and last day mail of this folder in the preview expires (never before today). */
function expiryRange(f: PreviewFolder, now: Date): string {
  const due = (iso: string | null) => (iso ? new Date(Math.max(now.getTime(), new Date(iso).getTime() + f.maxAgeDays * DAY_MS)) : null);
  const first = due(f.oldest);
  const last = due(f.newest);
  if (!first) return '';
  return last && day(last) !== day(first) ? `${day(first)} to ${day(last)}` : day(first);
}

function windowTable(w: MyMailbox['expiry'][number], now: Date): string {
  const head = `<h3>Within ${w.days} days (by ${day(w.at)})</h3>`;
  if (w.folders === null) return `${head}<p>This cannot be looked up at the moment. Please reload the page in a minute.</p>`;
  if (!w.folders.length) return `${head}<p>Nothing.</p>`;
  const rows = w.folders.map((f) => f.error
    ? `<tr><th scope="row">${esc(f.path)}</th><td colspan="3">not checked (${esc(f.error)})</td></tr>`
    : `<tr><th scope="row">${esc(f.path)}</th><td class="num">${f.count}</td><td class="num">${esc(formatBytes(f.bytes))}</td><td>${esc(expiryRange(f, now))}</td></tr>`);
  // Old enough, but a rule with notices removes nothing before its email has been out noticeDays: later than this window.
  const waiting = w.folders.filter((f) => !f.error && f.awaitingNotice > 0)
    .map((f) => `<p class="hint">${esc(f.path)}: ${f.awaitingNotice} more will be old enough; they go only some days after you are emailed about them.</p>`).join('');
  return `${head}<div class="scroll"><table><thead><tr><th scope="col">Folder</th><th scope="col" class="num">Messages</th><th scope="col" class="num">Size</th><th scope="col">Expires</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>${waiting}`;
}

/** The oldest messages due within the last window, with their own subjects (the user's own mail). */
function samples(folders: PreviewFolder[] | null): string {
  const withSample = (folders ?? []).filter((f) => f.sample.length);
  if (!withSample.length) return '';
  return withSample.map((f) => `<details><summary>${esc(f.path)}: the oldest ${f.sample.length}</summary><div class="scroll"><table><tbody>${
    f.sample.map((m) => `<tr><td>${esc(m.subject ?? '(no subject)')}</td><td>${esc(m.from ?? '')}</td><td>${m.date ? esc(day(new Date(new Date(m.date).getTime() + f.maxAgeDays * DAY_MS))) : ''}</td><td class="num">${esc(formatBytes(m.size))}</td></tr>`).join('')
  }</tbody></table></div></details>`).join('\n');
}

export function retentionSection(m: MyMailbox, now: Date): string {
  const hold = m.legalHold
    ? '<p class="panel hold" id="legal-hold"><strong>Your mailbox is under a legal hold.</strong> While it lasts, no mail is removed from it by the retention rules below. Your help desk can tell you more.</p>'
    : '';
  const rules = m.rules.length
    ? `<p>Rules of the policy <strong>${esc(m.policyName ?? '')}</strong> (for each folder, the first rule that names it applies):</p><ul>${m.rules.map((r) => `<li>${esc(describeRule(r))}</li>`).join('')}</ul>`
    : '<p>No retention rule applies to your mailbox: nothing is removed automatically.</p>';
  const windows = m.rules.length && !m.legalHold
    ? `<section aria-labelledby="expiry-h"><h2 id="expiry-h">What will expire</h2>
${m.expiry.map((w) => windowTable(w, now)).join('\n')}
${samples(m.expiry[m.expiry.length - 1]?.folders ?? null)}
<p class="hint">To keep a message, move it to a folder no rule names, flag it where flagged mail is kept, or save a copy in your mail program.</p></section>`
    : '';
  return `<section aria-labelledby="rules-h"><h2 id="rules-h">How long mail is kept</h2>${hold}${rules}</section>\n${windows}`;
}
