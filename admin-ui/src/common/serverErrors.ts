/**
 * The API names the offending input at the start of a 400 message: "body.rules.2.maxAgeDays must be >= 1".
 * These helpers turn that into react-hook-form errors (`rules.2.maxAgeDays`) plus a readable summary, so a
 * form can show the message next to the right input.
 */
const FIELD_PREFIX = /^body\.([A-Za-z0-9_.]+)\s+(.*)$/s;

// The labels the rule editor shows for the fields the API names.
const FIELD_LABELS: Record<string, string> = {
  folderSelector: 'Folders',
  maxAgeDays: 'Max age',
  ageBasis: 'Age counts from',
  action: 'Then',
  moveTo: 'Move to',
  keepFlagged: 'Keep flagged',
  keepUnread: 'Keep unread',
  noticeDays: 'Notice',
};

/** "rules.2.maxAgeDays" → "Rule 3 (Max age)"; other paths are returned as they are. */
export function humanizePath(path: string): string {
  return path.replace(/^rules\.(\d+)(?:\.(\w+))?$/, (_m, index: string, field?: string) =>
    `Rule ${Number(index) + 1}${field ? ` (${FIELD_LABELS[field] ?? field})` : ''}`,
  );
}

/** Every `body.<path>` inside a message made readable: "… identical to body.rules.0.folderSelector" → "… identical to Rule 1 (Folders)". */
export function humanizeMessage(message: string): string {
  return message.replace(/body\.([A-Za-z0-9_.]+)/g, (_m, path: string) => humanizePath(path));
}

/**
 * Submission errors for react-admin's forms (`HttpError.body.errors`): the named field gets the rest of the
 * message, and `root.serverError` the whole message, shown above the form.
 */
export function submissionErrors(message: string): Record<string, string> {
  const match = FIELD_PREFIX.exec(message.trim());
  const summary = humanizeMessage(message.trim());
  if (!match) return { 'root.serverError': summary };
  const [, path, rest] = match;
  return { [path]: humanizeMessage(rest), 'root.serverError': summary };
}
