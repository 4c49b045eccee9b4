/**
 * The scheduler against commands that land while a scheduled post is in flight: the command's
 * change must stand once the post completes.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { RoundPostView } from '../../src/core/views.ts';
import { makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;

describe('a schedule changed while its post is in flight', () => {
  it('keeps the post time of the new schedule, not the next slot of the old one', async () => {
    const adapter = new RecordingAdapter('shell');
    const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]) });
    const command = (text: string) =>
      h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text });
    await command('schedule 09:00 UTC daily 1h');
    const post = adapter.postQuestion.bind(adapter);
    adapter.postQuestion = async (channel: string, view: RoundPostView) => {
      // An admin moves the schedule to 14:00 while the 09:00 question is being posted.
      await command('schedule 14:00 UTC daily 1h');
      return post(channel, view);
    };
    h.clock.set(MONDAY_0800_UTC + HOUR);
    await h.quiz.tick();
    expect(await h.store.jobDueAt({ kind: 'post', channel: CH })).toBe(MONDAY_0800_UTC + 6 * HOUR);
  });
});

describe('post-now while a late scheduled post is in flight', () => {
  it('publishes the round once, not again as an orphan', async () => {
    const adapter = new RecordingAdapter('shell');
    const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]) });
    const command = (text: string) =>
      h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text });
    await command('schedule 09:00 UTC daily 1h');
    const post = adapter.postQuestion.bind(adapter);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const inFlight = new Promise<void>((resolve) => {
      reached = resolve;
    });
    adapter.postQuestion = async (channel: string, view: RoundPostView) => {
      reached();
      await held;
      return post(channel, view);
    };
    // The 09:00 post runs ten minutes late (a restart, a slow tick), longer than the lease.
    h.clock.set(MONDAY_0800_UTC + HOUR + 10 * 60_000);
    const tick = h.quiz.tick();
    await inFlight;
    const manual = command('post-now');
    release();
    await Promise.all([tick, manual]);
    expect(adapter.posts).toHaveLength(1);
    expect(adapter.postAttempts).toBe(1);
  });
});
