// The articles a new installation starts with (seeded once by guidance-defaults.ts, then edited in the console).
// Written around {{placeholders}} so they stay true when settings or retention change.
import type { ArticleClient, ArticleProtocol } from '../domain/guidance/types.ts';

export interface ArticleSeed {
  slug: string;
  protocol: ArticleProtocol;
  client: ArticleClient;
  title: string;
  position: number;
  markdown: string;
}

const SEND = 'Outgoing mail (SMTP): server **{{smtp.host}}**, port **{{smtp.port}}**, security **{{smtp.security}}**, '
  + 'user name **{{username}}**, same password, authentication "normal password".';

export const DEFAULT_ARTICLES: ArticleSeed[] = [
  {
    slug: 'imap-explained', protocol: 'imap', client: 'generic', position: 10, title: 'How IMAP works here',
    markdown: `With IMAP your mail stays on the server and every device (phone, laptop, webmail) shows the same folders.

- Your mailbox can hold **{{quota}}**; mail in all folders counts, including Sent and Trash.
- {{inboxRetention}}. Move mail you want to keep into a folder of your own, or into an archive in your mail program's *local folders*, which do not count against your quota.
- Questions? Contact {{helpdesk}}.`,
  },
  {
    slug: 'pop-explained', protocol: 'pop', client: 'generic', position: 20, title: 'How POP works here',
    markdown: `With POP your mail program downloads your mail to one computer and keeps it there.

- Leave a copy on the server for **{{popLeaveOnServerDays}} days**, so your phone can still show recent mail. ({{inboxRetention}}.)
- Mail on your computer is not backed up by {{organisation}}: back it up yourself.
- Your server mailbox can hold **{{quota}}**.`,
  },
  {
    slug: 'generic-imap', protocol: 'imap', client: 'generic', position: 30, title: 'Manual settings for IMAP',
    markdown: `Incoming mail (IMAP): server **{{imap.host}}**, port **{{imap.port}}**, security **{{imap.security}}**, user name **{{username}}**, your password.

${SEND}`,
  },
  {
    slug: 'generic-pop', protocol: 'pop', client: 'generic', position: 40, title: 'Manual settings for POP',
    markdown: `Incoming mail (POP3): server **{{pop3.host}}**, port **{{pop3.port}}**, security **{{pop3.security}}**, user name **{{username}}**, your password.
Turn on "leave messages on server" and "remove after **{{popLeaveOnServerDays}}** days".

${SEND}`,
  },
  {
    slug: 'thunderbird', protocol: 'any', client: 'thunderbird', position: 50, title: 'Thunderbird',
    markdown: `1. Open **Account Settings → Account Actions → Add Mail Account**.
2. Enter your name, **{{email}}** and your password, then **Continue**.
3. Thunderbird finds the settings for {{domain}} by itself. Pick IMAP or POP3 and click **Done**.
4. With POP3: in **Server Settings**, keep "Leave messages on server" on, "For at most **{{popLeaveOnServerDays}}** days".`,
  },
  {
    slug: 'outlook', protocol: 'any', client: 'outlook', position: 60, title: 'Outlook',
    markdown: `1. Choose **File → Add Account** and enter **{{email}}**.
2. Outlook finds the settings for {{domain}} by itself; enter your password when asked.
3. If it asks for the account type, choose **IMAP** (or **POP**) and use the manual settings listed under "Any mail program".`,
  },
  {
    slug: 'apple-mail', protocol: 'any', client: 'apple-mail', position: 70, title: 'Apple Mail on a Mac',
    markdown: `1. [Download the configuration profile]({{mobileconfigUrl}}) for your address.
2. Open **System Settings → Privacy & Security → Profiles**, double-click the profile and choose **Install**.
3. Enter your password when asked. The profile contains no password and can be removed at any time.`,
  },
  {
    slug: 'ios', protocol: 'any', client: 'ios', position: 80, title: 'iPhone and iPad',
    markdown: `1. In Safari, [download the configuration profile]({{mobileconfigUrl}}) and allow the download.
2. Open **Settings → Profile Downloaded → Install**, then enter your password.
3. Prefer to set it up by hand? **Settings → Apps → Mail → Mail Accounts → Add Account → Other**, with the manual settings listed under "Any mail program".`,
  },
  {
    slug: 'android-imap', protocol: 'imap', client: 'android', position: 90, title: 'Android (Gmail app), IMAP',
    markdown: `1. In the Gmail app: **Settings → Add account → Other**, enter **{{email}}**, choose **Personal (IMAP)**.
2. Incoming: server **{{imap.host}}**, port **{{imap.port}}**, security **{{imap.security}}**, user name **{{username}}**.
3. Outgoing: server **{{smtp.host}}**, port **{{smtp.port}}**, security **{{smtp.security}}**.`,
  },
  {
    slug: 'android-pop', protocol: 'pop', client: 'android', position: 100, title: 'Android (Gmail app), POP',
    markdown: `1. In the Gmail app: **Settings → Add account → Other**, enter **{{email}}**, choose **Personal (POP3)**.
2. Incoming: server **{{pop3.host}}**, port **{{pop3.port}}**, security **{{pop3.security}}**, user name **{{username}}**; "Delete email from server": **Never** (the server expires old mail itself).
3. Outgoing: server **{{smtp.host}}**, port **{{smtp.port}}**, security **{{smtp.security}}**.`,
  },
];
