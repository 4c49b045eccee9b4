import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';
import { describeStorePicksContract } from './store-picks-contract.ts';

describeStoreContract('memory', async () => new MemoryStore());
describeStorePicksContract('memory', async () => new MemoryStore());
