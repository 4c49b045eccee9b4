/** Starts the throwaway Redis the Redis-backed tests use (see redis-server.ts). */
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
