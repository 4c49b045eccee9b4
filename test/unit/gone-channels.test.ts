/**
 * Channels the bot can never post in again (deleted, or the bot removed from their server): their
 * schedules end instead of failing once a day for ever, and the operator is told which ones.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const GONE: ChannelId = 'shell:gone';
const ALSO_GONE: ChannelId = 'shell:also-gone';
const KEPT: ChannelId = 'shell:kept';
const UNSCHEDULED: ChannelId = 'shell:never-scheduled';

async function scheduled(channels: ChannelId[], store = new MemoryStore()) {
  const logger = new RecordingLogger();
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
    store,
    logger,
  });
  for (const channel of channels) {
    const reply = await h.quiz.command({
      channel,
      caller: { id: 'lead', name: 'lead' },
      isAdmin: true,
      text: 'schedule 09:00 Europe/Berlin weekdays 4h',
    });
    expect(reply).toMatchObject({ kind: 'scheduled' });
  }
  return { ...h, logger };
}

describe('channels the bot can no longer reach', () => {
  it('ends their schedules, keeps the others, and names the ended channels and why in one log line', async () => {
    const h = await scheduled([GONE, ALSO_GONE, KEPT]);
    await h.quiz.channelsGone([GONE, UNSCHEDULED, ALSO_GONE], 'bot removed from the server');
    expect(await h.store.getSchedule(GONE)).toBeNull();
    expect(await h.store.getSchedule(ALSO_GONE)).toBeNull();
    expect(await h.store.getSchedule(KEPT)).not.toBeNull();
    const ended = h.logger.entries.filter(
      (e) => e.message === 'ended the schedules of channels the bot can no longer reach',
    );
    // A channel that had no schedule is not reported as ended.
    expect(ended).toEqual([
      {
        level: 'info',
        context: { channels: [GONE, ALSO_GONE], reason: 'bot removed from the server' },
        message: 'ended the schedules of channels the bot can no longer reach',
      },
    ]);
  });

  it('logs nothing when none of the channels had a schedule', async () => {
    const h = await scheduled([KEPT]);
    await h.quiz.channelsGone([UNSCHEDULED], 'channel deleted');
    expect(h.logger.entries).toEqual([]);
    expect(await h.store.getSchedule(KEPT)).not.toBeNull();
  });

  it('warns about a schedule it could not end and still ends the other channels’ schedules', async () => {
    const store = new MemoryStore();
    const h = await scheduled([GONE, ALSO_GONE], store);
    const remove = store.removeSchedule.bind(store);
    store.removeSchedule = async (channel) => {
      if (channel === GONE) throw new Error('READONLY You can’t write against a read only replica.');
      return remove(channel);
    };
    await h.quiz.channelsGone([GONE, ALSO_GONE], 'channel deleted');
    expect(await h.store.getSchedule(GONE)).not.toBeNull();
    expect(await h.store.getSchedule(ALSO_GONE)).toBeNull();
    const warning = h.logger.entries.find((e) => e.level === 'warn');
    expect(warning?.message).toBe('could not end the schedule of a channel that is gone');
    expect(warning?.context).toMatchObject({ channel: GONE, err: expect.any(Error) });
    expect(h.logger.entries.find((e) => e.level === 'info')?.context).toEqual({
      channels: [ALSO_GONE],
      reason: 'channel deleted',
    });
  });
});
