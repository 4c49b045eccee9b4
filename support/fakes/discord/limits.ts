/**
 * Discord's documented payload limits, checked as Discord checks them: a message, an edit, an
 * interaction response or a follow-up over any limit is refused whole with HTTP 400, code 50035
 * (Invalid Form Body), and `errors` naming each field, so no test can pass with a message that
 * production would refuse.
 */
import type { RestResponse } from './rest-routes.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** All the text of all the embeds of one message together. */
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  buttonLabel: 80,
  customId: 100,
  threadName: 100,
} as const;

/** One refused field: its path in the body (`embeds.1.description`) and Discord's wording. */
export interface Violation {
  path: string;
  message: string;
}

/** Discord counts characters, not UTF-16 units. */
const length = (text: unknown): number => (typeof text === 'string' ? [...text].length : 0);

function tooLong(violations: Violation[], path: string, text: unknown, max: number): number {
  const n = length(text);
  if (n > max) violations.push({ path, message: `Must be ${max} or fewer in length.` });
  return n;
}

interface EmbedLike {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

interface ComponentLike {
  type?: number;
  label?: string;
  custom_id?: string;
  components?: ComponentLike[];
}

/** What is wrong with a message body (a post, an edit, interaction data, a follow-up); empty when Discord takes it. */
export function messageViolations(body: unknown): Violation[] {
  if (!body || typeof body !== 'object') return [];
  const { content, embeds, components } = body as {
    content?: unknown;
    embeds?: EmbedLike[];
    components?: ComponentLike[];
  };
  const violations: Violation[] = [];
  tooLong(violations, 'content', content, DISCORD_LIMITS.content);
  const allEmbeds = embeds ?? [];
  if (allEmbeds.length > DISCORD_LIMITS.embeds)
    violations.push({ path: 'embeds', message: `Must be ${DISCORD_LIMITS.embeds} or fewer in length.` });
  let total = 0;
  for (const [i, embed] of allEmbeds.entries()) {
    const at = `embeds.${i}`;
    total += tooLong(violations, `${at}.title`, embed.title, DISCORD_LIMITS.title);
    total += tooLong(violations, `${at}.description`, embed.description, DISCORD_LIMITS.description);
    total += tooLong(violations, `${at}.footer.text`, embed.footer?.text, DISCORD_LIMITS.footer);
    total += tooLong(violations, `${at}.author.name`, embed.author?.name, DISCORD_LIMITS.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > DISCORD_LIMITS.fields)
      violations.push({ path: `${at}.fields`, message: `Must be ${DISCORD_LIMITS.fields} or fewer in length.` });
    for (const [j, field] of fields.entries()) {
      total += tooLong(violations, `${at}.fields.${j}.name`, field.name, DISCORD_LIMITS.fieldName);
      total += tooLong(violations, `${at}.fields.${j}.value`, field.value, DISCORD_LIMITS.fieldValue);
    }
  }
  if (total > DISCORD_LIMITS.embedTotal)
    violations.push({ path: 'embeds', message: `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}` });
  const rows = components ?? [];
  if (rows.length > DISCORD_LIMITS.actionRows)
    violations.push({ path: 'components', message: `Must be ${DISCORD_LIMITS.actionRows} or fewer in length.` });
  for (const [i, row] of rows.entries()) {
    const inner = row.components ?? [];
    if (inner.length > DISCORD_LIMITS.rowComponents)
      violations.push({
        path: `components.${i}.components`,
        message: `Must be ${DISCORD_LIMITS.rowComponents} or fewer in length.`,
      });
    for (const [j, component] of inner.entries()) {
      tooLong(violations, `components.${i}.components.${j}.label`, component.label, DISCORD_LIMITS.buttonLabel);
      tooLong(violations, `components.${i}.components.${j}.custom_id`, component.custom_id, DISCORD_LIMITS.customId);
    }
  }
  return violations;
}

/** What is wrong with a thread's name, on creating or renaming it. */
export function threadViolations(body: unknown): Violation[] {
  const name = (body as { name?: unknown } | undefined)?.name;
  const violations: Violation[] = [];
  tooLong(violations, 'name', name, DISCORD_LIMITS.threadName);
  return violations;
}

/** Discord's answer to a body with violations: 400, 50035 Invalid Form Body, errors by field. */
export function invalidFormBody(violations: Violation[]): RestResponse {
  const errors: Record<string, { _errors: { code: string; message: string }[] }> = {};
  for (const v of violations) {
    errors[v.path] = {
      _errors: [...(errors[v.path]?._errors ?? []), { code: 'BASE_TYPE_MAX_LENGTH', message: v.message }],
    };
  }
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}
