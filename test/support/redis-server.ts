/** The throwaway redis-server starter lives in support/ so scripts/bench.ts shares it; tests import it from here. */
export * from '../../support/redis-server.ts';
