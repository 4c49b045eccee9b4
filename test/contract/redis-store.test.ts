import { afterEach } from 'vitest';
import { silentLogger } from '../../src/ports/logger.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redis-store.ts';
import { redisUrlForTests } from '../support/global-setup.ts';
import { freshPrefix } from '../support/redis-server.ts';
import { describeStoreContract } from './store-contract.ts';
import { describeStorePicksContract } from './store-picks-contract.ts';
import { describeStreakProtectionContract } from './streak-protection-contract.ts';

const opened: RedisStore[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

// A fresh key prefix per test keeps tests apart on one Redis without FLUSHALL.
async function makeStore() {
  const store = createRedisStore(redisUrlForTests(), freshPrefix(), silentLogger);
  opened.push(store);
  return store;
}

describeStoreContract('redis', makeStore);
describeStorePicksContract('redis', makeStore);
describeStreakProtectionContract('redis', makeStore);
