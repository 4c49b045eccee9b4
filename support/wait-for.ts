/**
 * Waiting on a condition instead of sleeping: polls every 10 ms and fails with a clear message. The
 * generous default only matters when something is wrong or the machine is very busy (CI once ran
 * 7x slower than a quiet machine); a passing wait returns as soon as the condition holds.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
