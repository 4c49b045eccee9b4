/**
 * `app.stop(graceMs)` with a scheduler tick in flight: it waits for the tick (it may be posting or
 * revealing a round), but never longer than `graceMs`. The bot is the one `npm start` builds, its
 * cron firing every second; the tick it starts is made to hang, and the grace runs on fake timers.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { type App, createApp } from '../../src/app/wiring.ts';
import type { TickReport } from '../../src/core/scheduler.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import { waitFor } from '../support/wait-for.ts';

let app: App | undefined;

afterEach(() => {
  vi.useRealTimers();
});

/** A bot whose next scheduler tick hangs until `release` is called. */
async function botWithTickInFlight(): Promise<{ release: () => void }> {
  const input = new PassThrough();
  const config = loadConfig({ SHELL_USER: 'ann', QUIZ_TICK: '* * * * * *' });
  app = await createApp(config, silentLogger, { input, output: new PassThrough() });
  let release!: () => void;
  const hung = new Promise<TickReport>((resolve) => {
    release = () => resolve({ claimed: 0, failed: 0 });
  });
  const tick = vi.spyOn(app.quiz, 'tick').mockReturnValue(hung);
  await waitFor(() => tick.mock.calls.length > 0, 'the cron to start a tick', 10_000);
  input.end();
  // From here the only timer the stop should set is its grace; cron's own are stopped first.
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  return { release };
}

describe('stopping the app with a tick in flight', () => {
  it('gives up on a tick that hangs once graceMs has passed', async () => {
    await botWithTickInFlight();
    let stopped = false;
    const stopping = app?.stop(5_000).then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toBe(true);
    await stopping;
  });

  it('waits for a tick that ends within graceMs, and no longer than the tick', async () => {
    const { release } = await botWithTickInFlight();
    let stopped = false;
    const stopping = app?.stop(5_000).then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    release();
    // No more time passes: the stop ends because the tick did.
    await stopping;
    expect(stopped).toBe(true);
  });
});
