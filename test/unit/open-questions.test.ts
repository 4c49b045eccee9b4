/**
 * Which round questions count as open for someone practising: those of their own channel and of
 * the scheduled channels of their server or workspace, so practice never leaks an open round's answer.
 */
import { describe, expect, it } from 'vitest';
import { openQuestionsSeenFrom } from '../../src/core/open-questions.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const lead = { id: 'lead', name: 'Lead' };

describe('the open questions seen from a channel', () => {
  it('are its own round’s and those of the scheduled channels of its workspace, and no others', async () => {
    const adapter = new RecordingAdapter('shell');
    const h = makeQuiz({
      adapters: new Map<Platform, ChatAdapter>([['shell', adapter]]),
      settings: { userCommandsPerMinute: 0 },
    });
    const run = (channel: ChannelId, space: string, text: string) =>
      h.quiz.command({ channel, caller: lead, isAdmin: true, text, space });
    await run('shell:a', 'W1', 'schedule 09:00 UTC weekdays');
    await run('shell:b', 'W2', 'schedule 09:00 UTC weekdays');
    const opened = new Map<string, string>();
    for (const [channel, space] of [
      ['shell:a', 'W1'],
      ['shell:b', 'W2'],
      ['shell:c', 'W1'],
      ['shell:d', 'W1'],
    ] as const) {
      await run(channel, space, 'post-now');
      opened.set(channel, adapter.posts.at(-1)!.view.question.id);
    }
    // c and d are in W1 but have no schedule: only a's round is seen from there besides the channel's own.
    expect(await openQuestionsSeenFrom(h.store, 'shell:c', 'W1')).toEqual(
      new Set([opened.get('shell:c'), opened.get('shell:a')]),
    );
    // Without a workspace (a direct message, the shell), only the channel itself counts.
    expect(await openQuestionsSeenFrom(h.store, 'shell:c', undefined)).toEqual(new Set([opened.get('shell:c')]));
    expect(await openQuestionsSeenFrom(h.store, 'shell:e', undefined)).toEqual(new Set());
  });
});
