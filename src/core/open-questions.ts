/**
 * Which questions are open right now in the channels a person can see from where they asked: that
 * channel, and the scheduled channels of its server or workspace. Practice never hands these out
 * nor reveals them, so a round's model answer cannot leak before its reveal.
 */
import type { Store } from '../ports/store.ts';
import type { ChannelId } from './types.ts';
import { splitChannelId } from './types.ts';

/** A platform's server or workspace id as schedules record it (`Schedule.space`). */
export function spaceOf(channel: ChannelId, nativeSpace: string | undefined): string | undefined {
  return nativeSpace ? `${splitChannelId(channel).platform}:${nativeSpace}` : undefined;
}

export async function openQuestionsSeenFrom(
  store: Store,
  channel: ChannelId,
  nativeSpace: string | undefined,
): Promise<Set<string>> {
  const space = spaceOf(channel, nativeSpace);
  const channels = new Set([channel, ...(space ? await store.scheduledChannelsIn(space) : [])]);
  const rounds = await Promise.all([...channels].map((c) => store.getOpenRound(c)));
  return new Set(rounds.flatMap((round) => (round ? [round.questionId] : [])));
}
