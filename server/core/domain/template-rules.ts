// What an edited notice template may hold, and the made-up facts its preview is rendered with. Pure.
// Rendering (templates.ts) is plain text substitution of {{name}}-style placeholders: no expressions, no code, values
// HTML-escaped in the HTML part. The checks here refuse what would go wrong later: a placeholder we do not know
// (it would reach the user as "{{nmae}}"), and active content in the HTML part (scripts, event handlers,
// javascript: links), which mail clients ignore at best and the console's preview must never run.
import { PLACEHOLDERS, type NoticeFacts, type Template, type TemplateKind } from './templates.ts';

export interface TemplateProblem { field: 'subject' | 'text' | 'html'; message: string }

export const TEMPLATE_LIMITS = { subject: 200, text: 20_000, html: 50_000 } as const;

const ANY_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ACTIVE_HTML: [RegExp, string][] = [
  [/<\s*(script|iframe|object|embed|frame|frameset|applet|base|form|meta|link)\b/i, 'must not contain <script>, <iframe>, <object>, <embed>, <form>, <meta>, <link> or <base> elements'],
  [/<[^>]*\son[a-z]+\s*=/i, 'must not contain event-handler attributes (onclick=, onload=, …)'],
  [/(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data):/i, 'must not contain javascript:, vbscript: or data: links'],
];

/** Every problem of `t` (empty when it may be saved), each naming its field. */
export function templateProblems(t: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const fields: [TemplateProblem['field'], string | null | undefined][] = [['subject', t.subject], ['text', t.text], ['html', t.html]];
  for (const [field, value] of fields) {
    if (value == null) continue;
    if (field !== 'html' && value.trim() === '') problems.push({ field, message: 'must not be empty' });
    if (value.length > TEMPLATE_LIMITS[field]) problems.push({ field, message: `must be at most ${TEMPLATE_LIMITS[field]} characters` });
    const unknown = [...new Set([...value.matchAll(ANY_PLACEHOLDER)].map((m) => m[1]).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
    if (unknown.length) {
      problems.push({ field, message: `has unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
    }
  }
  if (t.html) for (const [pattern, message] of ACTIVE_HTML) if (pattern.test(t.html)) problems.push({ field: 'html', message });
  return problems;
}

const GiB = 2 ** 30;

/** Made-up but plausible facts for a preview of `kind` (the console shows them as an example, never as a real mailbox). */
export function sampleFacts(kind: TemplateKind): NoticeFacts {
  const base = { name: 'Alex Example', address: 'alex@example.org', usedBytes: 1.8 * GiB, limitBytes: 2 * GiB, percent: 90, threshold: 90 };
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
  switch (kind) {
    case 'over_quota': return { ...base, usedBytes: 2.1 * GiB, percent: 105, threshold: null };
    case 'back_under': return { ...base, usedBytes: 1.5 * GiB, percent: 75, threshold: null };
    case 'increase_ending': case 'increase_ended': case 'space_request_approved': return { ...base, limitBytes: 3 * GiB, percent: 60, expiresAt: inAWeek };
    case 'expiry_notice': return { ...base, expiresAt: inAWeek, count: 42, subjects: ['Newsletter, March', 'Your invoice 2024-117', 'Team lunch'] };
    default: return base;
  }
}
