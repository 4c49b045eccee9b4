/**
 * Practice never hands out, scores or reveals a question that is open right now in a channel the
 * caller can see: the channel they asked in, and the scheduled channels of their server or workspace.
 */
import { describe, expect, it } from 'vitest';
import { QuestionBank } from '../../src/core/bank.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { makeQuestion, makeQuiz } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';

const QUIZ: ChannelId = 'slack:C1';
const CHAT: ChannelId = 'slack:C2';
const ELSEWHERE: ChannelId = 'slack:C9';

function setup() {
  const adapter = new RecordingAdapter('slack');
  const bank = new QuestionBank([makeQuestion('q1'), makeQuestion('q2', { difficulty: 'hard' })]);
  const h = makeQuiz({ adapters: new Map<Platform, ChatAdapter>([['slack', adapter]]), bank });
  const command = (channel: ChannelId, text: string, space = 'T1') =>
    h.quiz.command({ channel, caller: { id: 'U1', name: 'ann' }, isAdmin: true, text, space });
  /** Schedules the quiz channel and opens a round of `q1` there. */
  async function openQ1InQuizChannel() {
    await command(QUIZ, 'schedule 09:00 UTC daily 1h');
    expect(await command(QUIZ, 'post-now')).toMatchObject({ kind: 'posted' });
    expect((await h.store.getOpenRound(QUIZ))?.questionId).toBe('q1');
  }
  return { ...h, command, openQ1InQuizChannel };
}

describe('practice while a round is open', () => {
  it('never hands out the open question, in its channel or another channel of the workspace', async () => {
    const h = setup();
    await h.openQ1InQuizChannel();
    for (const channel of [QUIZ, CHAT]) {
      for (let i = 0; i < 3; i++) {
        expect(await h.command(channel, 'practice')).toMatchObject({ kind: 'practice', question: { id: 'q2' } });
      }
    }
  });

  it('refuses a topic and difficulty that only the open question matches', async () => {
    const h = setup();
    await h.openQ1InQuizChannel();
    expect(await h.command(CHAT, 'practice threading easy')).toMatchObject({
      kind: 'refusal',
      code: 'no-questions',
      message: expect.stringContaining('open in a quiz channel here'),
    });
  });

  it('does not reveal or score a practice question that has opened in a channel since', async () => {
    const h = setup();
    await h.command(CHAT, 'schedule 09:00 UTC daily 1h');
    expect(await h.command(CHAT, 'practice threading easy')).toMatchObject({ question: { id: 'q1' } });
    await h.openQ1InQuizChannel();
    const refused = { kind: 'refusal', code: 'no-practice', message: expect.stringContaining('waits for that reveal') };
    expect(await h.command(CHAT, 'answer take a lock')).toMatchObject(refused);
    expect(await h.quiz.practiceReveal(CHAT, { id: 'U1', name: 'ann' }, 'q1', 'T1')).toMatchObject(refused);
    expect(JSON.stringify(await h.quiz.practiceReveal(CHAT, { id: 'U1', name: 'ann' }, 'q1', 'T1'))).not.toContain(
      'Model answer',
    );
  });

  it('hands it out in another workspace, which cannot see the round', async () => {
    const h = setup();
    await h.openQ1InQuizChannel();
    expect(await h.command(ELSEWHERE, 'practice threading easy', 'T2')).toMatchObject({
      kind: 'practice',
      question: { id: 'q1' },
    });
  });
});
