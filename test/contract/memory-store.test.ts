import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', async () => new MemoryStore());
