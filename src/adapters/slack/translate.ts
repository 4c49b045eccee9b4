/**
 * Inbound translation: Slack payloads into the core's requests. Pure functions over Slack's
 * published types, so they are tested without a network.
 *
 * Channel ids: the native id is Slack's channel id alone (`C0123`), so the core sees `slack:C0123`.
 * One process serves one workspace (one bot token), and within a workspace channel ids are
 * unique; the native id is also exactly what `chat.postMessage` needs, with nothing to split.
 */
import type { BlockButtonAction, SlashCommand } from '@slack/bolt';
import type { MessageEvent } from '@slack/types';
import { type ChannelId, channelId, type Person } from '../../core/types.ts';
import type {
  CommandRequest,
  DeletedThreadMessage,
  PickRequest,
  PracticePickRequest,
  ThreadMessage,
} from '../../ports/chat.ts';
import { unescapeSlackText } from './mrkdwn.ts';
import { pickOfValue } from './render-choice.ts';

/** `<@U123>` or `<@U123|name>`, as Slack escapes a mention in command text. */
const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;

/**
 * The words after `/quiz` with user mentions resolved: the first mention becomes the target
 * (for `streak @user`), every mention reads `@name` in the text, and entities become characters.
 */
export function parseCommandText(raw: string): { text: string; target?: Person } {
  let target: Person | undefined;
  const replaced = raw.replace(USER_MENTION, (_whole, id: string, name: string | undefined) => {
    const shown = name?.trim() || id;
    target ??= { id, name: shown };
    return `@${shown}`;
  });
  return { text: unescapeSlackText(replaced).trim(), ...(target ? { target } : {}) };
}

/** A slash command payload as a core request; whether the caller is an admin is the adapter's call. */
export function toCommandRequest(payload: SlashCommand, caller: Person, isAdmin: boolean): CommandRequest {
  return {
    channel: channelId('slack', payload.channel_id),
    caller,
    isAdmin,
    ...parseCommandText(payload.text ?? ''),
    // The workspace: practice avoids questions open in its scheduled channels.
    ...(payload.team_id ? { space: payload.team_id } : {}),
  };
}

export type ThreadEvent =
  | { kind: 'reply'; message: ThreadMessage }
  | { kind: 'edit'; message: ThreadMessage }
  | { kind: 'delete'; message: DeletedThreadMessage };

/** Message subtypes that are someone writing in a thread; joins and topic changes are not (deletions are handled apart). */
const WRITTEN_SUBTYPES = new Set<string | undefined>([
  undefined,
  'bot_message',
  'thread_broadcast',
  'file_share',
  'me_message',
]);

/** The fields every written message has, whatever its subtype. */
export interface WrittenMessage {
  subtype?: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  bot_profile?: { name?: string };
  text?: string;
}

function threadMessageFrom(channel: string, m: WrittenMessage): ThreadMessage | null {
  // Only replies: the parent of a thread has thread_ts === ts, a plain channel message has none.
  if (!m.thread_ts || m.thread_ts === m.ts || !WRITTEN_SUBTYPES.has(m.subtype)) return null;
  const isBot = m.bot_id !== undefined || m.subtype === 'bot_message';
  const id = m.user ?? m.bot_id;
  if (!id) return null;
  const name = isBot ? (m.bot_profile?.name ?? m.username ?? id) : id;
  return {
    channel: channelId('slack', channel),
    threadId: m.thread_ts,
    messageId: m.ts,
    author: { id, name, isBot },
    text: unescapeSlackText(m.text ?? ''),
  };
}

/** A message read back from a thread's history, as the reply it would have arrived as. */
export function historyReply(channel: string, message: WrittenMessage): ThreadMessage | null {
  return threadMessageFrom(channel, message);
}

/**
 * A `message` event as a thread reply or an edit of one, or null when it is neither. Human authors
 * carry their user id as the name; the adapter looks the display name up.
 */
export function toThreadEvent(event: MessageEvent): ThreadEvent | null {
  if (event.subtype === 'message_changed') {
    const message = threadMessageFrom(event.channel, event.message as WrittenMessage);
    return message ? { kind: 'edit', message } : null;
  }
  if (event.subtype === 'message_deleted') {
    // The deleted message itself arrives as previous_message; a deleted thread parent is not an answer.
    const previous = event.previous_message as WrittenMessage | undefined;
    if (!previous?.thread_ts || previous.thread_ts === event.deleted_ts) return null;
    return {
      kind: 'delete',
      message: {
        channel: channelId('slack', event.channel),
        threadId: previous.thread_ts,
        messageId: event.deleted_ts,
      },
    };
  }
  const message = threadMessageFrom(event.channel, event as WrittenMessage);
  return message ? { kind: 'reply', message } : null;
}

/** The "Reveal answer" button: who pressed it, and where (null when Slack left the channel out). */
export function toPracticeReveal(
  body: BlockButtonAction,
): { channel: ChannelId; caller: Person; questionId?: string; space?: string } | null {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!channel) return null;
  // The button's value is the question it was under.
  const questionId = body.actions?.[0]?.value;
  return {
    channel: channelId('slack', channel),
    caller: { id: body.user.id, name: body.user.name ?? body.user.username },
    ...(questionId ? { questionId } : {}),
    ...(body.team?.id ? { space: body.team.id } : {}),
  };
}

/** A press of "My feedback" under a reveal: who pressed it, where, and the round (the button's value). */
export function toRoundFeedbackPress(
  body: BlockButtonAction,
): { channel: ChannelId; caller: Person; roundId: string } | null {
  const press = toPracticeReveal(body);
  const roundId = body.actions?.[0]?.value;
  return press && roundId ? { channel: press.channel, caller: press.caller, roundId } : null;
}

/** A click on an option button under a round's question (the value is `<roundId>:<option>`); null when it is not one. */
export function toPick(body: BlockButtonAction): PickRequest | null {
  const press = toPracticeReveal(body);
  const pick = pickOfValue(body.actions?.[0]?.value);
  if (!press || !pick) return null;
  return { channel: press.channel, caller: press.caller, roundId: pick.id, option: pick.option };
}

/** A click on an option button under a practice question (the value is `<questionId>:<option>`). */
export function toPracticePick(body: BlockButtonAction): PracticePickRequest | null {
  const press = toPracticeReveal(body);
  const pick = pickOfValue(body.actions?.[0]?.value);
  if (!press || !pick) return null;
  return {
    channel: press.channel,
    caller: press.caller,
    questionId: pick.id,
    option: pick.option,
    ...(press.space ? { space: press.space } : {}),
  };
}
