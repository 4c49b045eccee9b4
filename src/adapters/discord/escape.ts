/**
 * Making user text safe to quote back on Discord. Names and answers come from users, so they may
 * hold markdown or mention syntax (`@everyone`, `<@&role>`); quoting them must neither reformat the
 * message nor ping anyone. `allowedMentions` is the second lock on the same door.
 */
import { escapeMarkdown } from 'discord.js';
import type { APIAllowedMentions } from 'discord-api-types/v10';

/** A zero-width space after `@` keeps the text readable but stops Discord from parsing a mention. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@/g, '@\u200b');
}

/** For user text shown as plain text: no markdown effects, no mentions. */
export function escapeUserText(text: string): string {
  return neutralizeMentions(
    escapeMarkdown(text, { bulletedList: true, numberedList: true, heading: true, maskedLink: true }),
  );
}

/** For user text shown inside inline code, where markdown is inert but a backtick would end the span. */
export function inlineCodeText(text: string): string {
  return neutralizeMentions(text.replace(/`/g, "'"));
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Nothing the bot posts pings anyone, unless a renderer names the users it means. */
export function allowedMentions(users: readonly string[] = []): APIAllowedMentions {
  return users.length > 0 ? { parse: [], users: [...new Set(users)] } : { parse: [] };
}
