/**
 * Who may run which `/quiz` command, and the commands refused before anything is stored: admin
 * commands for members, and commands that post rounds in a channel the bot cannot post in.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { Reply } from '../../src/core/views.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'slack:C1';
const lead = { id: 'lead', name: 'Lead' };
const eve = { id: 'eve', name: 'Eve' };
const CANNOT_POST = 'I am not a member of #general: invite me with /invite @quiz.';

/** A channel whose adapter says up front whether the bot can post in it. */
class GatedAdapter extends RecordingAdapter {
  problem: string | undefined;
  // The recording adapter never has a problem, so its method is typed to say nothing.
  override postingProblem = (async () => this.problem) as RecordingAdapter['postingProblem'];
}

function setup() {
  const adapter = new GatedAdapter('slack');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]),
    settings: { userCommandsPerMinute: 0 },
  });
  const run = (text: string, caller = lead, isAdmin = true) =>
    h.quiz.command({ channel: CH, caller, isAdmin, text }) as Promise<Reply>;
  return { ...h, adapter, run };
}

describe('admin commands', () => {
  const ADMIN_WORDS: [string, string][] = [
    ['schedule 09:00 UTC', 'schedule'],
    ['unschedule', 'unschedule'],
    ['post-now', 'post-now'],
    ['reveal-now', 'reveal-now'],
    ['digest off', 'digest'],
    ['suggestions', 'suggestions'],
    ['retire team-1', 'retire'],
    ['export', 'export'],
  ];

  it('refuses each one to a member, privately, naming the command and whom to ask', async () => {
    const h = setup();
    for (const [text, name] of ADMIN_WORDS) {
      expect(await h.run(text, eve, false)).toEqual({
        visibility: 'private',
        kind: 'refusal',
        code: 'not-admin',
        message: `Only admins can use \`/quiz ${name}\`. Ask an admin of this channel to run it.`,
      });
    }
  });

  it('leaves the channel as it was when a member tries one', async () => {
    const h = setup();
    await h.run('schedule 09:00 UTC daily');
    await h.run('post-now');
    const open = await h.store.getOpenRound(CH);
    for (const [text] of ADMIN_WORDS) await h.run(text, eve, false);
    expect(await h.store.getSchedule(CH)).toMatchObject({ hour: 9, timezone: 'UTC' });
    expect(await h.store.getOpenRound(CH)).toEqual(open);
    expect(h.adapter.posts).toHaveLength(1);
  });

  it('runs for an admin', async () => {
    const h = setup();
    expect(await h.run('schedule 09:00 UTC')).toMatchObject({ kind: 'scheduled' });
    expect(await h.run('post-now')).toMatchObject({ kind: 'posted' });
    expect(await h.run('reveal-now')).toMatchObject({ kind: 'revealed' });
    expect(await h.run('unschedule')).toMatchObject({ kind: 'unscheduled' });
  });

  it('answers a member’s own commands whatever the channel', async () => {
    const h = setup();
    h.adapter.problem = CANNOT_POST;
    expect(await h.run('topics', eve, false)).toMatchObject({ kind: 'topics' });
    expect(await h.run('leaderboard', eve, false)).toMatchObject({ kind: 'leaderboard' });
  });
});

describe('a channel the bot cannot post in', () => {
  it('refuses a schedule with the platform’s reason, and stores none', async () => {
    const h = setup();
    h.adapter.problem = CANNOT_POST;
    expect(await h.run('schedule 09:00 UTC')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'post-failed',
      message: CANNOT_POST,
    });
    expect(await h.store.getSchedule(CH)).toBeNull();
  });

  it('refuses post-now with the platform’s reason, without opening a round or trying to post', async () => {
    const h = setup();
    h.adapter.problem = CANNOT_POST;
    expect(await h.run('post-now')).toMatchObject({ kind: 'refusal', code: 'post-failed', message: CANNOT_POST });
    expect(await h.store.getOpenRound(CH)).toBeNull();
    expect(h.adapter.postAttempts).toBe(0);
  });

  it('still lets an admin stop its schedule and reveal its open question', async () => {
    const h = setup();
    await h.run('schedule 09:00 UTC');
    await h.run('post-now');
    h.adapter.problem = CANNOT_POST;
    expect(await h.run('reveal-now')).toMatchObject({ kind: 'revealed' });
    expect(await h.run('unschedule')).toMatchObject({ kind: 'unscheduled', hadSchedule: true });
    expect(await h.store.getSchedule(CH)).toBeNull();
  });
});
