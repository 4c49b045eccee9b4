/**
 * Which kind of question a channel gets next: free-text, button (choice or output), or the two in
 * turn (`mixed`, the default), going by the format of the channel's previous round. The rotation
 * (rotation.ts) still decides which question of a kind, and never repeats one until every question
 * the channel's filters allow has been asked; a kind that is used up or filtered out gives way to
 * the other.
 */
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { QuestionBank } from './bank.ts';
import { type RotationPick, pickNext } from './rotation.ts';
import {
  type ChannelId,
  type FormatMix,
  isButtonFormat,
  type Question,
  type QuestionFormat,
  type Schedule,
} from './types.ts';

type Kind = (q: Question) => boolean;
const FREE: Kind = (q) => q.format === 'free';
const BUTTON: Kind = (q) => isButtonFormat(q.format);

/**
 * The kinds to try, preferred first; a strict mix only falls back when its own kind matches nothing.
 * No mix (a schedule without one, or no schedule) is `mixed`.
 */
function kindsFor(
  mix: FormatMix | undefined,
  previous: QuestionFormat | undefined,
): { order: Kind[]; strict: boolean } {
  if (mix === 'free') return { order: [FREE, BUTTON], strict: true };
  if (mix === 'choice') return { order: [BUTTON, FREE], strict: true };
  return { order: previous !== undefined && isButtonFormat(previous) ? [FREE, BUTTON] : [BUTTON, FREE], strict: false };
}

/**
 * The channel's next question, or null when the bank has none (or, with `wanted`, none of that kind
 * is left unasked in this cycle while others are: a `post-now` of one kind never repeats a question
 * early).
 */
export async function pickQuestion(
  store: Store,
  bank: QuestionBank,
  logger: Logger,
  channel: ChannelId,
  schedule: Schedule | null,
  wanted?: QuestionFormat,
): Promise<RotationPick | null> {
  const topics = schedule?.topics ?? [];
  const difficulty = schedule?.difficulty;
  let eligible = bank.filter({ topics, ...(difficulty ? { difficulty } : {}) });
  if (eligible.length === 0) {
    logger.warn({ channel, topics, difficulty }, 'no question matches the channel filters; using the whole bank');
    eligible = [...bank.questions];
  }
  const rotation = await store.getRotation(channel);
  const asked = new Set(rotation.asked);
  const next = (group: readonly Question[]) => pickNext(group, asked, channel, rotation.cycle, rotation.last);
  const unasked = (group: readonly Question[]) => group.some((q) => !asked.has(q.id));
  if (wanted) {
    // None of that kind at all: `next` of an empty group is null too.
    const group = eligible.filter((q) => q.format === wanted);
    if (unasked(group)) return next(group);
    return unasked(eligible) ? null : next(group);
  }
  const previous = rotation.last ? bank.get(rotation.last)?.format : undefined;
  const { order, strict } = kindsFor(schedule?.format, previous);
  const groups = order.map((kind) => eligible.filter(kind)).filter((g) => g.length > 0);
  const tried = strict ? groups.slice(0, 1) : groups;
  for (const group of tried) if (unasked(group)) return next(group);
  // Every question allowed here was asked: a new cycle, opening with the preferred kind.
  return tried[0] ? next(tried[0]) : null;
}
