// "Take it with you" (#20): the /me section with the two download forms (what expires in 7 or 30 days; a whole
// folder), and the page a pre-expiry notice's link opens. Plain GET forms, no script: the browser saves what the
// export service streams (/me/export/download, which the front routes to it). Pure.
import { escapeHtml as esc } from '../core/domain/templates.ts';
import { mePage } from '../core/views/me-layout.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

const FORMAT = (id: string) => `<label for="${id}">Format</label>
  <select id="${id}" name="format"><option value="mbox">mbox: one file (Thunderbird, Apple Mail, most mail programs import it)</option><option value="zip">zip of .eml files (one file per message)</option></select>`;

const RANGE = (prefix: string) => `<details><summary>Only part of it (received between two dates)</summary>
  <p class="hint">To continue a download that stopped, start from the date of the last message you got (in an mbox, the date on its last "From " line).</p>
  <label for="${prefix}-from">Received on or after</label><input id="${prefix}-from" name="from" type="date">
  <label for="${prefix}-to">Received before</label><input id="${prefix}-to" name="to" type="date">
</details>`;

export function exportSection(folders: string[]): string {
  const folderForm = folders.length
    ? `<h3>A whole folder</h3>
<form class="ask" method="get" action="/me/export/download">
  <label for="ex-folder">Folder</label>
  <select id="ex-folder" name="folder">${folders.map((f) => `<option value="${esc(f)}">${esc(f)}</option>`).join('')}</select>
  ${FORMAT('ex-folder-format')}
  ${RANGE('ex-folder')}
  <button type="submit">Download the folder</button>
</form>`
    : '';
  return `<section aria-labelledby="export-h" id="export"><h2 id="export-h">Take it with you</h2>
<p>Download a copy of your mail to keep it on your own computer. Nothing is removed from your mailbox by downloading.</p>
<h3>What will expire</h3>
<form class="ask" method="get" action="/me/export/download">
  <label for="ex-days">Mail expiring in the next</label>
  <select id="ex-days" name="days"><option value="7">7 days</option><option value="30">30 days</option></select>
  ${FORMAT('ex-days-format')}
  ${RANGE('ex-days')}
  <button type="submit">Download what expires</button>
</form>
${folderForm}
</section>`;
}

/** Where a notice's link lands: what it downloads, in which format. */
export function linkLandingPage(organisation: string, address: string, until: Date, token: string): string {
  const href = (format: string) => `/me/export/link/download?t=${encodeURIComponent(token)}&amp;format=${format}`;
  const body = `<section aria-labelledby="link-h"><h2 id="link-h">Your mail that expires by ${esc(day(until))}</h2>
<p>This downloads a copy of the mail in <strong>${esc(address)}</strong> that your organisation's retention policy removes by ${esc(day(until))}. Nothing is removed by downloading.</p>
<p><a class="button" href="${href('mbox')}">Download as mbox</a> (one file; Thunderbird, Apple Mail and most mail programs import it)</p>
<p><a class="button" href="${href('zip')}">Download as a zip of .eml files</a> (one file per message)</p>
<p class="hint">This link works until ${esc(day(until))} and only for this download. To see everything in your mailbox, <a href="/me/login">sign in</a>.</p>
</section>`;
  return mePage({ organisation, title: 'Take your mail with you', body });
}
