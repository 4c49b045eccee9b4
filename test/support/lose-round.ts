/**
 * Makes a round's data vanish behind the store's back, as an evicting Redis, a partial restore or a
 * hand-deleted key would, so tests can check that a channel heals instead of wedging.
 */
import type { ChannelId } from '../../src/core/types.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import type { RedisClient } from '../../src/store/redis/client.ts';
import type { RedisKeys } from '../../src/store/redis/keys.ts';

export async function loseRound(store: Store, channel: ChannelId, roundId: string): Promise<void> {
  if (store instanceof MemoryStore) {
    const inside = store as unknown as { channels: Map<ChannelId, { rounds: Map<string, unknown> }> };
    inside.channels.get(channel)?.rounds.delete(roundId);
    return;
  }
  const inside = store as unknown as { redis: RedisClient; keys: RedisKeys };
  await inside.redis.del(inside.keys.channel(channel).round(roundId));
}
