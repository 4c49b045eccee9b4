/**
 * The weekly digest as a Discord embed with its chart as an attachment the embed shows
 * (`attachment://digest.png`), and the `/quiz digest` reply (settings and a text preview, private).
 */
import type { APIEmbed } from 'discord-api-types/v10';
import {
  digestLines,
  digestStatus,
  digestTitle,
  DIGEST_NO_ROUNDS,
  DIGEST_NOT_SCHEDULED,
} from '../../core/digest-text.ts';
import type { DigestView } from '../../core/digest-view.ts';
import type { PostRef } from '../../core/types.ts';
import type { Reply } from '../../core/views.ts';
import { escapeUserText, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';

export const DIGEST_FILENAME = 'digest.png';
const DIGEST_COLOR = 0x2563eb;

/** `guildId` makes the hardest question a link to its message; without it the title stands alone. */
export function digestEmbed(
  view: DigestView,
  nativeChannelId: string,
  guildId: string | undefined,
  withImage: boolean,
): APIEmbed {
  const link = (title: string, post: PostRef | undefined) => {
    const text = escapeUserText(truncate(title, 200));
    return post && guildId
      ? `[${text}](https://discord.com/channels/${guildId}/${nativeChannelId}/${post.messageId})`
      : text;
  };
  return {
    title: truncate(digestTitle(view), 256),
    description: truncate(digestLines(view, { escape: escapeUserText, link }).join('\n\n'), 4096),
    color: DIGEST_COLOR,
    ...(withImage ? { image: { url: `attachment://${DIGEST_FILENAME}` } } : {}),
  };
}

export function renderDigestReply(reply: Extract<Reply, { kind: 'digest' }>): RenderedMessage {
  const when = reply.nextAt ? ` Next: <t:${Math.floor(reply.nextAt / 1000)}:F>.` : '';
  const lines = [`${digestStatus(reply)}${when}`];
  if (!reply.scheduled) lines.push(DIGEST_NOT_SCHEDULED);
  else if (!reply.changed && !reply.preview) lines.push(DIGEST_NO_ROUNDS);
  const embeds = reply.preview ? [digestEmbed(reply.preview, '', undefined, false)] : [];
  return message({ content: lines.join('\n'), embeds, ephemeral: reply.visibility === 'private' });
}
