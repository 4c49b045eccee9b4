import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';
import { describeStorePicksContract } from './store-picks-contract.ts';
import { describeStreakProtectionContract } from './streak-protection-contract.ts';

describeStoreContract('memory', async () => new MemoryStore());
describeStorePicksContract('memory', async () => new MemoryStore());
describeStreakProtectionContract('memory', async () => new MemoryStore());
