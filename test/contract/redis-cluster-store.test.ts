/**
 * The store contract on a three-node Redis Cluster (REDIS_CLUSTER=true), plus the two updates that
 * span slots, placed so their slots sit on different nodes: a cluster refuses a pipeline across
 * nodes, so these fail if the store ever sends one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QuizError } from '../../src/core/errors.ts';
import type { ChannelId } from '../../src/core/types.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { OpenRoundInput } from '../../src/ports/store.ts';
import { RedisKeys } from '../../src/store/redis/keys.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { type RedisCluster, startRedisCluster } from '../support/redis-cluster.ts';
import { freshPrefix } from '../support/redis-server.ts';
import { waitFor } from '../support/wait-for.ts';
import { describeStoreContract } from './store-contract.ts';
import { describeStreakProtectionContract } from './streak-protection-contract.ts';
import { describeStorePicksContract } from './store-picks-contract.ts';

let cluster: RedisCluster;
const opened: RedisStore[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  await cluster?.stop();
});

function clusterStore(prefix = freshPrefix()): RedisStore {
  const store = createRedisStore(cluster.url, prefix, silentLogger, { cluster: true });
  opened.push(store);
  return store;
}

const POSTED_AT = Date.UTC(2026, 10, 23, 9);

/** Round r1 of a channel, posted at POSTED_AT and revealed an hour later. */
function roundR1(channel: ChannelId): OpenRoundInput {
  return {
    channel,
    roundId: 'r1',
    questionId: 'q1',
    postedAt: POSTED_AT,
    openedAt: POSTED_AT,
    revealAt: POSTED_AT + 3_600_000,
    timezone: 'UTC',
    startNewCycle: false,
  };
}

const annAnswer = {
  userId: 'U1',
  userName: 'ann',
  text: 'a lock',
  messageId: 'm1',
  at: POSTED_AT + 1,
  monthKey: '2026-11',
};

describeStoreContract('redis cluster', async () => clusterStore());
describeStreakProtectionContract('redis cluster', async () => clusterStore());
describeStorePicksContract('redis cluster', async () => clusterStore());

describe('updates that span two slots on a cluster', () => {
  /** A channel whose slot is on another node than `otherKey`'s, found by trying channel names. */
  async function channelAwayFrom(keys: RedisKeys, otherKey: string): Promise<ChannelId> {
    const otherNode = await cluster.nodeOf(otherKey);
    for (let i = 0; i < 50; i++) {
      const channel: ChannelId = `slack:T1:C${i}`;
      if ((await cluster.nodeOf(keys.channel(channel).state)) !== otherNode) return channel;
    }
    throw new Error('no channel lands on another node: is the cluster really three nodes?');
  }

  it('records an answer whose user index lives on another node, and forgets it again', async () => {
    const prefix = freshPrefix();
    const keys = new RedisKeys(prefix);
    const channel = await channelAwayFrom(keys, keys.user('slack:U1').channels);
    const store = clusterStore(prefix);
    await store.openRound(roundR1(channel));
    expect(await store.recordAnswer(channel, 'r1', annAnswer)).toBe('recorded');
    expect(await store.getUserStats(channel, 'U1', '2026-11')).toMatchObject({ total: 1 });
    // forget-me finds the channel through the index on the other node.
    await store.forgetUser('slack', 'U1', POSTED_AT + 2);
    expect(await store.getUserStats(channel, 'U1', '2026-11')).toBeNull();
  });

  it('opens a round whose reveal job lives on another node', async () => {
    const prefix = freshPrefix();
    const keys = new RedisKeys(prefix);
    const channel = await channelAwayFrom(keys, keys.jobs);
    const store = clusterStore(prefix);
    const postedAt = POSTED_AT;
    const opened = await store.openRound(roundR1(channel));
    expect(opened.status).toBe('opened');
    expect(await store.jobDueAt({ kind: 'reveal', channel, roundId: 'r1' })).toBe(postedAt + 3_600_000);
    const jobs = await store.claimDueJobs(postedAt + 3_600_000, 60_000, 10);
    expect(jobs).toEqual([{ kind: 'reveal', channel, roundId: 'r1' }]);
  });
});

describe('a cluster node going away', () => {
  it('answers "store unavailable" for its slots while it is down, and serves its data again once it is back', async () => {
    const own = await startRedisCluster();
    const prefix = freshPrefix();
    const keys = new RedisKeys(prefix);
    const store = createRedisStore(own.url, prefix, silentLogger, { cluster: true });
    try {
      const channels = Array.from({ length: 30 }, (_, i): ChannelId => `slack:T1:C${i}`);
      const nodes = await Promise.all(channels.map((channel) => own.nodeOf(keys.channel(channel).state)));
      // Not the seed node: the client must find the way back through the survivors.
      const doomed = own.ports.find((port) => port !== own.ports[0] && nodes.includes(port)) as number;
      const channel = channels[nodes.indexOf(doomed)] as ChannelId;
      await store.openRound(roundR1(channel));
      expect(await store.recordAnswer(channel, 'r1', annAnswer)).toBe('recorded');

      await own.stopNode(doomed);
      const failure = await store.getRound(channel, 'r1').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QuizError);
      expect(failure).toMatchObject({ code: 'store-unavailable' });

      await own.startNode(doomed);
      const round = await waitFor(
        () => store.getRound(channel, 'r1').catch(() => undefined),
        'the round on the restarted node',
      );
      expect(round).toMatchObject({ id: 'r1', state: 'open' });
      expect(await store.recordAnswer(channel, 'r1', annAnswer)).toBe('duplicate');
      expect(await store.countAnswers(channel, 'r1')).toBe(1);
    } finally {
      await store.close();
      await own.stop();
    }
  });
});
