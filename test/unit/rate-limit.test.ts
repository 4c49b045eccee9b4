/**
 * The per-user limit on commands and "too late" reactions: a spammer is told once, then hears
 * nothing until the minute is up, and everyone else is unaffected.
 */
import { describe, expect, it } from 'vitest';
import { UserRateLimit } from '../../src/core/rate-limit.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import { TOO_MANY_COMMANDS } from '../../src/core/wording.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { makeQuiz, MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';
const MIN = 60_000;

function harness(userCommandsPerMinute: number) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    settings: { userCommandsPerMinute },
  });
  const command = (user: string, text = 'help', channel: ChannelId = CH) =>
    h.quiz.command({ channel, caller: { id: user, name: user }, isAdmin: true, text });
  const reply = (user: string) => {
    const post = adapter.posts.at(-1);
    if (!post) throw new Error('no round was posted');
    return h.quiz.threadMessage({
      channel: CH,
      threadId: post.ref.threadId,
      messageId: `${user}-${h.clock.now()}-${Math.random()}`,
      author: { id: user, name: user, isBot: false },
      text: 'a lock',
    });
  };
  return { ...h, adapter, command, reply };
}

describe('the per-user command limit', () => {
  it('answers the allowance, refuses once politely, then stays silent until the minute is up', async () => {
    const h = harness(3);
    for (let i = 0; i < 3; i++) expect(await h.command('spam')).toMatchObject({ kind: 'help' });
    expect(await h.command('spam')).toEqual({
      visibility: 'private',
      kind: 'refusal',
      code: 'too-many-commands',
      message: TOO_MANY_COMMANDS,
    });
    expect(await h.command('spam')).toBeNull();
    h.clock.advance(59_000);
    expect(await h.command('spam')).toBeNull();
    h.clock.advance(1_000);
    expect(await h.command('spam')).toMatchObject({ kind: 'help' });
  });

  it('counts each person apart, and the same id on another platform as someone else', async () => {
    const h = harness(1);
    await h.command('spam');
    expect(await h.command('spam')).toMatchObject({ code: 'too-many-commands' });
    expect(await h.command('ann')).toMatchObject({ kind: 'help' });
    expect(await h.command('spam', 'help', 'slack:T1:C1')).toMatchObject({ kind: 'help' });
  });

  it('is off at 0', async () => {
    const h = harness(0);
    for (let i = 0; i < 50; i++) expect(await h.command('spam')).toMatchObject({ kind: 'help' });
  });

  it('skips "too late" reactions for a user over the limit, without using up their one refusal', async () => {
    const h = harness(2);
    await h.command('lead', 'post-now');
    await h.command('lead', 'reveal-now');
    h.clock.advance(MIN);
    expect(await h.reply('spam')).toBe('late');
    expect(await h.reply('spam')).toBe('late');
    // Over the limit: counted as not worth a reaction, so the adapter is told nothing happened.
    expect(await h.reply('spam')).toBe('ignored');
    expect(await h.command('spam')).toMatchObject({ code: 'too-many-commands' });
    expect(await h.reply('ann')).toBe('late');
    h.clock.advance(MIN);
    expect(await h.reply('spam')).toBe('late');
  });
});

describe('UserRateLimit', () => {
  it('starts a fresh window a minute after the first hit of the last one', () => {
    const clock = new FakeClock(MONDAY_0800_UTC);
    const limit = new UserRateLimit(2, clock);
    expect(limit.command('slack:U1')).toBe('allow');
    clock.advance(30_000);
    expect(limit.command('slack:U1')).toBe('allow');
    expect(limit.reaction('slack:U1')).toBe(false);
    expect(limit.command('slack:U1')).toBe('refuse');
    clock.advance(30_000);
    expect(limit.reaction('slack:U1')).toBe(true);
    expect(limit.command('slack:U1')).toBe('allow');
  });
});
