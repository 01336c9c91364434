// The /me sign-in form: the mail address and the mail password, checked by the IMAP server itself.
import { escapeHtml as esc } from '../core/domain/templates.ts';
import { mePage } from '../core/views/me-layout.ts';

export function renderLoginPage(input: { organisation: string; email?: string; error?: string | null }): string {
  const body = `<form class="lookup" method="post" action="/me/login">
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="username" inputmode="email" maxlength="254" required value="${esc(input.email ?? '')}">
  <label for="password">Mail password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required>
  <button type="submit">Sign in</button>
  ${input.error ? `<p class="error" role="alert">${esc(input.error)}</p>` : ''}
  <p class="hint">The same password as in your mail program. It is checked by the mail server and not stored here.</p>
</form>`;
  return mePage({ organisation: input.organisation, title: 'Your mailbox', body });
}
