/**
 * A rendered Discord message, independent of how it is sent: as a REST body (posting rounds and
 * reveals) or as interaction options (answering `/quiz`). Renderers produce it; the adapter sends it.
 */
import type { BaseMessageOptions } from 'discord.js';
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { allowedMentions } from './escape.ts';

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Users the message is allowed to mention; empty means it pings nobody. */
  mentionUsers: string[];
  /** Shown only to the person who asked. */
  ephemeral: boolean;
  /** Attachments (the export's Markdown); only interaction replies carry them. */
  files?: { name: string; data: Buffer; contentType: string }[];
}

export function message(parts: Partial<RenderedMessage>): RenderedMessage {
  return { embeds: [], components: [], mentionUsers: [], ephemeral: false, ...parts };
}

export function toRestBody(rendered: RenderedMessage): RESTPostAPIChannelMessageJSONBody {
  return {
    ...(rendered.content !== undefined ? { content: rendered.content } : {}),
    embeds: rendered.embeds,
    components: rendered.components,
    allowed_mentions: allowedMentions(rendered.mentionUsers),
  };
}

/** Options for `editReply`/`followUp`; ephemerality is chosen when the reply is deferred or sent. */
export function toInteractionOptions(rendered: RenderedMessage): BaseMessageOptions & { content: string } {
  const mentions = allowedMentions(rendered.mentionUsers);
  return {
    // An empty string clears the "thinking..." text of a deferred reply when only embeds are sent.
    content: rendered.content ?? '',
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: { parse: [], ...(mentions.users ? { users: mentions.users } : {}) },
    ...(rendered.files ? { files: rendered.files.map((f) => ({ attachment: f.data, name: f.name })) } : {}),
  };
}
