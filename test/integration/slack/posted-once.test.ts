import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/client.ts';
import { makeQuiz } from '../../support/fixtures.ts';
import { CHANNEL, messageText, type SlackHarness, startSlackHarness, USERS } from './slack-harness.ts';

const ROUND_CHANNEL = `slack:${CHANNEL}` as const;
const HOUR = 3_600_000;

describe('slack adapter: every round message is posted at most once', () => {
  let h: SlackHarness;
  let thread: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    await h.command(USERS.admin, 'post-now');
    thread = (await h.store.getOpenRound(ROUND_CHANNEL))?.post?.threadId as string;
  });

  afterEach(async () => {
    await h.stop();
  });

  const revealsInThread = () => h.api.posted.filter((m) => m.channel === CHANNEL && m.thread_ts === thread);

  it('posts the reveal once when the answer to its chat.postMessage is lost, by finding it in the thread', async () => {
    h.api.failNext('chat.postMessage', 'lost_response');
    expect(messageText(await h.command(USERS.admin, 'reveal-now'))).toContain('Revealed');
    expect(revealsInThread()).toHaveLength(1);
    expect(revealsInThread()[0]?.metadata).toEqual({
      event_type: 'quizthread_reveal',
      event_payload: { round_id: expect.any(String) },
    });
    // A retry after the lease finds it too, and posts nothing.
    h.clock.advance(5 * HOUR);
    await h.quiz.tick();
    expect(revealsInThread()).toHaveLength(1);
  });

  it('reads the thread once for a reveal it has just made, and looks for the reveal before trying again later', async () => {
    await h.reply(USERS.bob, 'a lock', thread);
    const reads = () => h.api.callsOf('conversations.replies').length;
    const before = reads();
    // The reveal's first post fails three times (Slack 503): the round is revealed, its message pending.
    for (let i = 0; i < 3; i++) h.api.failNext('chat.postMessage', 'http_503');
    await h.command(USERS.admin, 'reveal-now');
    expect(revealsInThread()).toHaveLength(0);
    // The catch-up read before the reveal, then two looks before the second and third tries.
    expect(reads()).toBe(before + 1 + 2);
    // The retry after the lease did not reveal the round, so it looks before its first try as well.
    h.clock.advance(5 * 60_000);
    await h.quiz.tick();
    expect(revealsInThread()).toHaveLength(1);
    expect(reads()).toBe(before + 3 + 1);
  });

  it('reads the thread only to catch up on missed answers when a reveal posts at once', async () => {
    const before = h.api.callsOf('conversations.replies').length;
    await h.command(USERS.admin, 'reveal-now');
    expect(revealsInThread()).toHaveLength(1);
    expect(h.api.callsOf('conversations.replies')).toHaveLength(before + 1);
  });

  it('posts a reveal slower than the job lease once, though a second replica ticks meanwhile', async () => {
    const other = createSlackAdapter(
      { botToken: 'xoxb-test', signingSecret: 'other-secret', apiUrl: h.api.url, adminUsers: [] },
      {
        logger: h.logger,
        port: 0,
        clock: h.clock,
        retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 10 },
      },
    );
    const replica = makeQuiz({ adapters: new Map([['slack', other]]), store: h.store, clock: h.clock, bank: h.bank });
    await other.start(replica.quiz);
    try {
      h.clock.advance(4 * HOUR + 1);
      const slowPost = h.api.holdNext('chat.postMessage');
      const slowTick = h.quiz.tick();
      await slowPost.reached;
      // The reveal is still on its way to Slack while both replicas keep ticking past the lease.
      for (let i = 0; i < 4; i++) {
        h.clock.advance(40_000);
        await h.quiz.tick();
        await replica.quiz.tick();
      }
      slowPost.release();
      await slowTick;
      h.clock.advance(5 * 60_000);
      await Promise.all([h.quiz.tick(), replica.quiz.tick()]);
      expect(revealsInThread()).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
