/**
 * Puts a channel's weekly digest job in place without a week of rounds: a schedule, one revealed
 * round's summary in the week, and the job due at the week's digest time, which it returns.
 */
import type { Quiz } from '../../src/core/quiz.ts';
import { nextDigestAt } from '../../src/core/digest-time.ts';
import type { ChannelId } from '../../src/core/types.ts';
import type { Store } from '../../src/ports/store.ts';
import type { FakeClock } from './fake-clock.ts';

const DAY = 24 * 3_600_000;

export async function queueDigest(quiz: Quiz, store: Store, clock: FakeClock, channel: ChannelId): Promise<number> {
  const scheduled = await quiz.command({
    channel,
    caller: { id: 'lead', name: 'Lead' },
    isAdmin: true,
    text: 'schedule 09:00 UTC daily 1h',
  });
  if (scheduled?.kind !== 'scheduled') throw new Error(`could not schedule ${channel}: ${JSON.stringify(scheduled)}`);
  const schedule = await store.getSchedule(channel);
  if (!schedule) throw new Error(`no schedule stored for ${channel}`);
  const due = nextDigestAt(schedule, null, clock.now());
  await store.recordRoundSummary(channel, {
    roundId: 'r1',
    seq: 1,
    questionId: 'q1',
    title: 'Locks and threads',
    revealedAt: due - DAY,
    answers: 2,
    missed: [{ label: 'Uses a lock', missedBy: 1 }],
    answerers: [
      { id: 'ann', name: 'Ann' },
      { id: 'bo', name: 'Bo' },
    ],
  });
  await store.rescheduleJob({ kind: 'digest', channel }, due);
  return due;
}
