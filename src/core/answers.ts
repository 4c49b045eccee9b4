/**
 * Thread replies: which count as answers. A user's first non-empty reply before the reveal counts,
 * editing that reply replaces its text, and bots never count.
 */
import { LRUCache } from 'lru-cache';
import type { DeletedThreadMessage, ThreadMessage, ThreadMessageOutcome } from '../ports/chat.ts';
import type { Store } from '../ports/store.ts';
import type { QuestionLookup } from './team-bank.ts';
import { type Answer, type ChannelId, isButtonFormat, type Round } from './types.ts';
import { monthKey } from './zoned-time.ts';

/**
 * Remembers which round a thread belongs to, so a busy thread costs one store round trip per
 * reply instead of three. Only a round's identity and timing are used from the cache; whether it
 * is still open is decided again, atomically, when the answer is recorded. Misses are not cached:
 * a reply can arrive before the thread is indexed.
 */
export class ThreadRounds {
  /** Least recently used goes first, so the threads people are answering in stay. */
  private readonly cache: LRUCache<string, Round>;

  constructor(
    private readonly store: Store,
    capacity = 1000,
  ) {
    this.cache = new LRUCache({ max: capacity });
  }

  async find(channel: ChannelId, threadId: string): Promise<Round | null> {
    const key = `${channel}\n${threadId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const round = await this.store.findRoundByThread(channel, threadId);
    if (round?.state === 'open') this.cache.set(key, round);
    return round;
  }
}

/**
 * `receivedAt` is when the message arrived, which decides lateness even when it is recorded later.
 * A reply in a button round's thread is talk, not an answer: those are picked with the buttons.
 */
export async function acceptThreadMessage(
  message: ThreadMessage,
  store: Store,
  rounds: ThreadRounds,
  receivedAt: number,
  questions: QuestionLookup,
): Promise<ThreadMessageOutcome> {
  if (message.author.isBot) return 'ignored';
  // Withheld text (no Message Content intent) still counts who answered; feedback is then off.
  if (message.text !== null && message.text.trim() === '') return 'ignored';
  const round = await rounds.find(message.channel, message.threadId);
  if (!round) return 'ignored';
  const now = receivedAt;
  if (round.state !== 'open' || now >= round.revealAt) return 'late';
  const format = (await questions.find(round.questionId))?.format;
  if (format !== undefined && isButtonFormat(format)) {
    // Nothing is recorded, so the store cannot say `closed`: the cached round may be revealed since
    // (early, by `reveal-now`). Lateness by the clock was judged above: a round's revealAt never moves.
    const current = await store.getRound(message.channel, round.id);
    return current?.state === 'open' ? 'ignored' : 'late';
  }
  const outcome = await store.recordAnswer(message.channel, round.id, {
    userId: message.author.id,
    userName: message.author.name,
    text: message.text?.trim() ?? '',
    messageId: message.messageId,
    at: now,
    monthKey: monthKey(now, round.timezone),
  });
  if (outcome === 'forgotten') return 'ignored';
  return outcome === 'closed' ? 'late' : outcome;
}

/**
 * An edit made after the answer window closed is ignored, like a late answer: the reveal stands. The
 * store refuses it (`closed`), atomically with the reveal, so no check here could add to that.
 */
export async function acceptThreadEdit(message: ThreadMessage, store: Store, receivedAt: number): Promise<void> {
  if (message.author.isBot || message.text === null || message.text.trim() === '') return;
  const round = await store.findRoundByThread(message.channel, message.threadId);
  if (!round) return;
  await store.editAnswer(message.channel, round.id, {
    userId: message.author.id,
    messageId: message.messageId,
    text: message.text.trim(),
    at: receivedAt,
  });
}

/**
 * A counted message deleted before the reveal loses its text; the author may then answer again. A
 * deletion at or after the reveal time is refused by the store (`closed`), as an edit is.
 */
export async function acceptThreadDeletion(
  message: DeletedThreadMessage,
  store: Store,
  receivedAt: number,
): Promise<void> {
  const round = await store.findRoundByThread(message.channel, message.threadId);
  if (!round) return;
  await store.deleteAnswer(message.channel, round.id, { messageId: message.messageId, at: receivedAt });
}

/** The order a reveal lists answers in, on every store: first sent first, ties by user id. */
export function byArrival(a: Answer, b: Answer): number {
  return a.at - b.at || a.userId.localeCompare(b.userId);
}
