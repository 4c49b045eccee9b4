/**
 * Thread replies: which count as answers. A user's first non-empty reply before the reveal counts,
 * editing that reply replaces its text, and bots never count.
 */
import type { ThreadMessage, ThreadMessageOutcome } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store.ts';
import { monthKey } from './zoned-time.ts';

/** `receivedAt` is when the message arrived, which decides lateness even when it is recorded later. */
export async function acceptThreadMessage(message: ThreadMessage, store: Store, receivedAt: number): Promise<ThreadMessageOutcome> {
  if (message.author.isBot) return 'ignored';
  // Withheld text (no Message Content intent) still counts who answered; feedback is then off.
  if (message.text !== null && message.text.trim() === '') return 'ignored';
  const round = await store.findRoundByThread(message.channel, message.threadId);
  if (!round) return 'ignored';
  const now = receivedAt;
  if (round.state !== 'open' || now >= round.revealAt) return 'late';
  const outcome = await store.recordAnswer(message.channel, round.id, {
    userId: message.author.id,
    userName: message.author.name,
    text: message.text?.trim() ?? '',
    messageId: message.messageId,
    at: now,
    monthKey: monthKey(now, round.timezone),
  });
  return outcome === 'closed' ? 'late' : outcome;
}

export async function acceptThreadEdit(message: ThreadMessage, store: Store, clock: Clock): Promise<void> {
  if (message.author.isBot || message.text === null || message.text.trim() === '') return;
  const round = await store.findRoundByThread(message.channel, message.threadId);
  if (round?.state !== 'open') return;
  await store.editAnswer(message.channel, round.id, {
    userId: message.author.id,
    messageId: message.messageId,
    text: message.text.trim(),
    at: clock.now(),
  });
}
