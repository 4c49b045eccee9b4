/**
 * What the memory store forgets with time, as Redis lets keys expire: a digest week's attempts and
 * its settlement are remembered for DIGEST_WEEK_MEMORY_MS after the last change, measured on the
 * clock the caller passes (Redis measures its own, so this part is not in the shared contract).
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/types.ts';
import { DIGEST_WEEK_MEMORY_MS } from '../../src/ports/digest-store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';

const A: ChannelId = 'slack:T1:C1';
const T0 = Date.UTC(2026, 11, 4, 16, 0);

describe('memory store: what it forgets with time', () => {
  it('counts attempts at a week until the memory of the last one runs out, then starts again', async () => {
    const store = new MemoryStore();
    expect(await store.startDigestAttempt(A, '2026-W49', T0)).toEqual({ settled: false, attempt: 1 });
    const second = T0 + DIGEST_WEEK_MEMORY_MS - 1;
    expect(await store.startDigestAttempt(A, '2026-W49', second)).toEqual({ settled: false, attempt: 2 });
    expect(await store.startDigestAttempt(A, '2026-W49', second + DIGEST_WEEK_MEMORY_MS)).toEqual({
      settled: false,
      attempt: 1,
    });
  });

  it('remembers a settled week for the same time, then takes a new attempt', async () => {
    const store = new MemoryStore();
    await store.settleDigestWeek(A, '2026-W49', T0);
    expect(await store.startDigestAttempt(A, '2026-W49', T0 + DIGEST_WEEK_MEMORY_MS - 1)).toEqual({ settled: true });
    expect(await store.startDigestAttempt(A, '2026-W49', T0 + DIGEST_WEEK_MEMORY_MS)).toEqual({
      settled: false,
      attempt: 1,
    });
  });
});
