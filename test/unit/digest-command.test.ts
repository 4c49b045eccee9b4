/** `/quiz digest` as an admin types it: what the reply says about the digest's settings and preview. */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { DigestChart } from '../../src/ports/digest-chart.ts';
import { makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const HOUR = 3_600_000;
const admin = { id: 'lead', name: 'Lead' };
const PNG = { png: new Uint8Array([137, 80, 78, 71]), width: 1200, height: 600, alt: 'the chart' };

function channel(chart?: DigestChart) {
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', new RecordingAdapter('shell')]]),
    settings: { userCommandsPerMinute: 0 },
    ...(chart ? { digestChart: chart } : {}),
  });
  const run = (text: string) => h.quiz.command({ channel: CH, caller: admin, isAdmin: true, text }) as Promise<Reply>;
  /** A round revealed an hour ago, for the preview. */
  const revealOne = () =>
    h.store.recordRoundSummary(CH, {
      roundId: 'r1',
      seq: 1,
      questionId: 'q1',
      title: 'Locks',
      revealedAt: h.clock.now() - HOUR,
      answers: 3,
      missed: [],
      answerers: [],
    });
  return { ...h, run, revealOne };
}

describe('/quiz digest', () => {
  it('moves the digest to a day and local time, on Sundays too, and says when it next goes out in the channel’s zone', async () => {
    const h = channel();
    await h.run('schedule 09:00 Europe/Berlin weekdays 4h');
    expect(await h.run('digest on sun 07:05')).toEqual({
      visibility: 'private',
      kind: 'digest',
      enabled: true,
      at: { day: 0, hour: 7, minute: 5 },
      // Sunday 29 November, 07:05 in Berlin.
      nextAt: Date.UTC(2026, 10, 29, 6, 5),
      timezone: 'Europe/Berlin',
      scheduled: true,
      changed: true,
    });
    expect(await h.store.getDigestSettings(CH)).toEqual({ enabled: true, at: { day: 0, hour: 7, minute: 5 } });
  });

  it('keeps the admin’s day and time when it is turned off and on again', async () => {
    const h = channel();
    await h.run('schedule 09:00 UTC weekdays 4h');
    await h.run('digest on sat 10:00');
    const off = await h.run('digest off');
    expect(off).toMatchObject({ enabled: false, at: { day: 6, hour: 10, minute: 0 }, changed: true });
    expect(off).not.toHaveProperty('nextAt');
    expect(await h.run('digest on')).toMatchObject({
      enabled: true,
      at: { day: 6, hour: 10, minute: 0 },
      nextAt: Date.UTC(2026, 10, 28, 10, 0),
    });
  });

  it('can be turned off at a new day and time at once, which it keeps for later', async () => {
    const h = channel();
    await h.run('schedule 09:00 UTC weekdays 4h');
    expect(await h.run('digest off fri 10:00')).toMatchObject({ enabled: false, at: { day: 5, hour: 10, minute: 0 } });
    expect(await h.store.getDigestSettings(CH)).toEqual({ enabled: false, at: { day: 5, hour: 10, minute: 0 } });
  });

  it('refuses a time of day that does not exist, saying why, and changes nothing', async () => {
    const h = channel();
    await h.run('schedule 09:00 UTC weekdays 4h');
    expect(await h.run('digest on fri 24:00')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'invalid-schedule',
      message: '"24:00" is not a time of day: hours go 00-23, minutes 00-59.',
    });
    expect(await h.store.getDigestSettings(CH)).toBeNull();
  });

  it('in a channel without a schedule, keeps the choice but names no time, in UTC', async () => {
    const h = channel();
    const reply = await h.run('digest on mon 08:00');
    expect(reply).toEqual({
      visibility: 'private',
      kind: 'digest',
      enabled: true,
      at: { day: 1, hour: 8, minute: 0 },
      timezone: 'UTC',
      scheduled: false,
      changed: true,
    });
  });

  it('shows, unchanged, the settings with a preview of the last seven days and its chart', async () => {
    const h = channel({ render: async () => PNG });
    await h.run('schedule 09:00 UTC weekdays 4h');
    await h.revealOne();
    const reply = await h.run('digest');
    expect(reply).toMatchObject({ kind: 'digest', enabled: true, changed: false, scheduled: true, image: PNG });
    expect(reply).not.toHaveProperty('at');
    expect(reply.kind === 'digest' && reply.preview?.rounds.map((r) => r.answers)).toEqual([3]);
  });

  it('shows no chart with the preview when none can be drawn, and no preview after a change', async () => {
    const h = channel();
    await h.run('schedule 09:00 UTC weekdays 4h');
    await h.revealOne();
    const shown = await h.run('digest');
    expect(shown).toMatchObject({ preview: { week: 'preview' } });
    expect(shown).not.toHaveProperty('image');
    const changed = await h.run('digest on');
    expect(changed).not.toHaveProperty('preview');
  });

  it('shows no preview when no round was revealed in the last seven days', async () => {
    const h = channel();
    await h.run('schedule 09:00 UTC weekdays 4h');
    expect(await h.run('digest')).not.toHaveProperty('preview');
    expect(h.clock.now()).toBe(MONDAY_0800_UTC);
  });
});
