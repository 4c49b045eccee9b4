/**
 * Small Block Kit builders. Every builder that takes user-visible text escapes it here, so the
 * renderers cannot forget to; `raw` variants take mrkdwn the renderer wrote itself.
 */
import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

/** What a renderer produces: blocks, and the plain `text` Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const SECTION_LIMIT = 3000;
const HEADER_LIMIT = 150;
const CONTEXT_LIMIT = 2000;

/** Escapes `text` and cuts it so the escaped form, with its `…`, still fits `max` characters. */
export function fitEscaped(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  // Cut the raw text, counting what each character becomes, so no entity is split in half.
  let kept = 0;
  let length = 0;
  for (const char of text) {
    const cost = escapeMrkdwn(char).length;
    if (length + cost > max - 1) break;
    length += cost;
    kept += char.length;
  }
  return `${escapeMrkdwn(text.slice(0, kept))}…`;
}

export function header(text: string): HeaderBlock {
  // plain_text is never parsed for mentions, so it needs no escaping, only Slack's length limit.
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_LIMIT), emoji: true } };
}

/** A section of text written by users or the question bank. */
export function section(text: string): SectionBlock {
  return rawSection(fitEscaped(text, SECTION_LIMIT));
}

/**
 * A section of mrkdwn the renderer composed (user parts already escaped). `verbatim`: Slack would
 * otherwise turn a bare "@here", "@channel" or "#channel" in a user's name or answer into a live
 * mention; the renderer's own markup (`<!date^…>`, links) is explicit and still works.
 */
export function rawSection(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_LIMIT), verbatim: true } };
}

/** A grey context line of renderer-composed mrkdwn. */
export function rawContext(mrkdwn: string): ContextBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, CONTEXT_LIMIT), verbatim: true }],
  };
}

export function button(actionId: string, label: string, value: string): ActionsBlock {
  return {
    type: 'actions',
    elements: [
      { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, style: 'primary' },
    ],
  };
}

/** Splits lines into as few sections as Slack's per-section limit allows. */
export function rawSections(lines: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_LIMIT) {
      sections.push(rawSection(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(rawSection(current));
  return sections;
}
