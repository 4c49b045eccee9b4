/**
 * A round hash that vanished from Redis (evicted, left out of a restore, deleted by hand) must not
 * wedge its channel: the pointer to it is cleared and logged once, the next scheduled post goes
 * out, and `post-now` and `reveal-now` answer as in a channel with no round open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { loseRound } from '../support/lose-round.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;

describe('a channel whose open round was lost from Redis', () => {
  let store: RedisStore;
  afterEach(async () => {
    await store.close();
  });

  function setup() {
    const logger = new RecordingLogger();
    store = createRedisStore(redisUrlForTests(), freshPrefix(), logger);
    const adapter = new RecordingAdapter('shell');
    const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]), store, logger });
    const command = (text: string) =>
      h.quiz.command({ channel: CH, caller: { id: 'lead', name: 'lead' }, isAdmin: true, text });
    return { ...h, adapter, logger, command };
  }

  it('posts the next scheduled question, and logs the lost round once', async () => {
    const h = setup();
    await h.command('schedule 09:00 UTC daily 1h');
    h.clock.set(MONDAY_0800_UTC + HOUR);
    await h.quiz.tick();
    const lost = await h.store.getOpenRound(CH);
    expect(lost).not.toBeNull();
    // Lost while still open, so its pointer is never cleared by a reveal.
    await loseRound(store, CH, lost!.id);
    h.clock.set(MONDAY_0800_UTC + 25 * HOUR);
    expect(await h.quiz.tick()).toMatchObject({ failed: 0 });
    expect(h.adapter.posts).toHaveLength(2);
    h.clock.set(MONDAY_0800_UTC + 26 * HOUR);
    await h.quiz.tick();
    expect(h.adapter.reveals).toHaveLength(1);
    const logged = h.logger.entries.filter((e) => /open round of this channel was missing/.test(e.message));
    expect(logged.map((e) => e.context)).toEqual([{ channel: CH, roundId: lost!.id }]);
  });

  it('lets post-now post and reveal-now reveal what it posted', async () => {
    const h = setup();
    await h.command('post-now');
    await loseRound(store, CH, (await h.store.getOpenRound(CH))!.id);
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'refusal', code: 'no-round-open' });
    expect(await h.command('post-now')).toMatchObject({ kind: 'posted' });
    expect(await h.command('reveal-now')).toMatchObject({ kind: 'revealed' });
    expect(h.adapter.posts).toHaveLength(2);
  });

  it('lets post-now post even before anything read the lost round', async () => {
    const h = setup();
    await h.command('post-now');
    const { id } = (await h.store.getOpenRound(CH))!;
    await loseRound(store, CH, id);
    expect(await h.command('post-now')).toMatchObject({ kind: 'posted' });
  });
});
