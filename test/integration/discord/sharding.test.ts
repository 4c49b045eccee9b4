/**
 * Sharding against the fake Discord, which routes a server's events to the shard Discord's rule
 * gives it: one process running every recommended shard, and replicas that split the shards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordShards } from '../../../src/app/config.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.ts';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { channelId } from '../../../src/core/types.ts';
import type { Store } from '../../../src/ports/store.ts';
import { MemoryStore } from '../../../src/store/memory/memory-store.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { shardOf } from '../../fakes/discord/payloads.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MONDAY_0800_UTC, makeQuiz } from '../../support/fixtures.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';
import { waitFor } from '../../support/wait-for.ts';

const identifiedShards = (fake: FakeDiscord) => fake.gateway.identifies.map((identify) => identify.shard).sort();

describe('discord sharding', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function fakeDiscord(recommendedShards: number): Promise<FakeDiscord> {
    const fake = await FakeDiscord.start({ recommendedShards });
    stops.push(() => fake.stop());
    return fake;
  }

  /** One bot process: the real adapter with the given shards, and a quiz on `store`. */
  async function replica(
    fake: FakeDiscord,
    shards: DiscordShards | undefined,
    store: Store,
    logger = new RecordingLogger(),
  ): Promise<DiscordAdapter> {
    const clock = new FakeClock(MONDAY_0800_UTC);
    const adapter = createDiscordAdapter(
      {
        token: 'fake-bot-token',
        apiUrl: fake.apiUrl,
        messageContent: true,
        ...(shards ? { shards } : {}),
      },
      { logger, clock },
    );
    const { quiz } = makeQuiz({ adapters: new Map([['discord', adapter]]), store, clock, logger });
    stops.unshift(() => adapter.stop());
    await adapter.start(quiz);
    return adapter;
  }

  /** Runs `/quiz post-now` as an admin; returns how many times any process answered it. */
  async function postNow(fake: FakeDiscord): Promise<number> {
    const token = fake.runCommand(fake.user('Ada'), 'post-now', {}, { admin: true });
    await waitFor(() => fake.answerTo(token), 'the answer to post-now');
    return fake.requestsTo('POST', new RegExp(`/interactions/\\d+/${token}/callback$`)).length;
  }

  it('runs every shard Discord recommends in one process by default', async () => {
    const fake = await fakeDiscord(2);
    const adapter = await replica(fake, undefined, new MemoryStore());
    expect(identifiedShards(fake)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(adapter.isConnected()).toBe(true);
    expect(await postNow(fake)).toBe(1);
    expect(fake.threads.size).toBe(1);
  });

  it('runs only the shards it is given, out of the count it is given', async () => {
    const fake = await fakeDiscord(1);
    const serving = shardOf(fake.guildId, 4);
    const other = (serving + 2) % 4;
    const adapter = await replica(fake, { ids: [serving, other], count: 4 }, new MemoryStore());
    expect(identifiedShards(fake)).toEqual(
      [
        [serving, 4],
        [other, 4],
      ].sort(),
    );
    expect(adapter.isConnected()).toBe(true);
    expect(await postNow(fake)).toBe(1);
  });

  it('lets two replicas split the shards, so each command is handled exactly once', async () => {
    const fake = await fakeDiscord(2);
    const store = new MemoryStore();
    const replicas = [
      await replica(fake, { ids: [0], count: 2 }, store),
      await replica(fake, { ids: [1], count: 2 }, store),
    ];
    expect(identifiedShards(fake)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(replicas.every((adapter) => adapter.isConnected())).toBe(true);

    expect(await postNow(fake)).toBe(1);
    expect(fake.threads.size).toBe(1);
    expect(await store.getOpenRound(channelId('discord', fake.channelId))).not.toBeNull();
  });

  it('answers a command once when replicas run the same shards, and the others only note it', async () => {
    const fake = await fakeDiscord(1);
    const store = new MemoryStore();
    const loggers = [new RecordingLogger(), new RecordingLogger()];
    for (const logger of loggers) await replica(fake, undefined, store, logger);

    const token = fake.runCommand(fake.user('Ada'), 'post-now', {}, { admin: true });
    await waitFor(() => fake.answerTo(token), 'the answer to post-now');
    await waitFor(
      () => loggers.some((l) => l.text().includes('another process already answered')),
      'the second replica to give up',
    );
    expect(fake.threads.size).toBe(1);
    expect(loggers.map((l) => l.entries.filter((e) => e.level === 'error'))).toEqual([[], []]);
  });
});
