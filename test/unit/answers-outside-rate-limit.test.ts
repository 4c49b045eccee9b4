/**
 * The per-user limit counts commands and "too late" reactions, never an answer on time: a user who
 * has used up the minute's commands still has a reply counted, and replying costs them no command.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const CH: ChannelId = 'shell:team';

function harness(userCommandsPerMinute: number) {
  const adapter = new RecordingAdapter('shell');
  const h = makeQuiz({
    adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
    settings: { userCommandsPerMinute },
  });
  const command = (user: string, text: string) =>
    h.quiz.command({ channel: CH, caller: { id: user, name: user }, isAdmin: true, text });
  const reply = (user: string, n: number) =>
    h.quiz.threadMessage({
      channel: CH,
      threadId: adapter.posts.at(-1)!.ref.threadId,
      messageId: `${user}-${n}`,
      author: { id: user, name: user, isBot: false },
      text: 'a lock',
    });
  return { ...h, command, reply };
}

describe('an answer on time', () => {
  it('is recorded for a user who has used up the minute’s commands', async () => {
    const h = harness(2);
    expect(await h.command('lead', 'post-now')).toMatchObject({ kind: 'posted' });
    expect(await h.command('lead', 'help')).toMatchObject({ kind: 'help' });
    expect(await h.reply('lead', 1)).toBe('recorded');
    expect(await h.reply('lead', 2)).toBe('duplicate');
  });

  it('costs the user none of the minute’s commands', async () => {
    const h = harness(2);
    await h.command('lead', 'post-now');
    expect(await h.reply('ann', 1)).toBe('recorded');
    expect(await h.command('ann', 'help')).toMatchObject({ kind: 'help' });
    expect(await h.command('ann', 'streak')).toMatchObject({ kind: 'streak' });
  });
});
