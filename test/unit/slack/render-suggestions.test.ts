import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/render-replies.ts';
import { renderPost } from '../../../src/adapters/slack/render-rounds.ts';
import { formErrors, suggestView } from '../../../src/adapters/slack/render-suggestions.ts';
import type { QuestionView } from '../../../src/core/views.ts';
import { messageViolation } from '../../../support/fakes/slack/limits.ts';
import { type ModalView, modalViolation, Triggers } from '../../../support/fakes/slack/modals.ts';

const teamQuestion: QuestionView = {
  id: 'team-q1',
  format: 'free',
  title: 'Our worker pool',
  difficulty: 'medium',
  topics: ['threading'],
  prompt: 'Why does the pool hang?',
  fromTeam: { author: '<!here> Ana & co' },
};

describe('slack rendering of the team’s questions', () => {
  it('marks a posted question and a practice question as from the team, with the author escaped', () => {
    const posted = JSON.stringify(renderPost({ roundId: 'r1', question: teamQuestion, revealAt: 0, timezone: 'UTC' }));
    const practice = JSON.stringify(
      renderReply({ visibility: 'private', kind: 'practice', question: teamQuestion }, 0),
    );
    for (const text of [posted, practice]) {
      expect(text).toContain('From the team, by &lt;!here&gt; Ana &amp; co');
      expect(text).not.toContain('<!here>');
    }
  });

  it('keeps a list of many long suggestions within a message’s limits', () => {
    const long = 'y'.repeat(3000);
    const items = Array.from({ length: 14 }, (_, i) => ({
      id: `sg${i}`,
      author: { id: String(i), name: 'n'.repeat(80) },
      submittedAt: 0,
      title: 't'.repeat(120),
      question: long,
      modelAnswer: long,
      keyPoints: [long, long, long, long, long],
      topics: [],
      difficulty: 'hard' as const,
    }));
    const rendered = renderReply({ visibility: 'private', kind: 'suggestions', items }, 0);
    expect(messageViolation(rendered as never)).toBeUndefined();
  });

  it('builds a modal Slack takes, prefilled to the brim, and joins two problems of one field', () => {
    const long = 'x'.repeat(3000);
    expect(
      modalViolation(
        suggestView(
          { title: 't', question: long, modelAnswer: long, keyPoints: 'k', topicAndDifficulty: '' },
          { channel: 'C1' },
        ) as never,
      ),
    ).toBeUndefined();
    expect(
      formErrors([
        { field: 'keyPoints', message: 'Too few.' },
        { field: 'keyPoints', message: 'A term is missing.' },
      ]),
    ).toEqual({ keyPoints: 'Too few. A term is missing.' });
  });
});

describe('the fake Slack’s modals', () => {
  it('refuses a long title, an initial value over max_length, duplicate block ids, and inputs without submit', () => {
    const input = (id: string, extra: object = {}) => ({
      type: 'input' as const,
      block_id: id,
      label: { text: id },
      element: { type: 'plain_text_input', action_id: 'v', ...extra },
    });
    const modal = (extra: object): ModalView => ({
      type: 'modal',
      title: { text: 'Ok' },
      submit: { text: 'Send' },
      blocks: [input('a')],
      ...extra,
    });
    expect(modalViolation(modal({}))).toBeUndefined();
    expect(modalViolation(modal({ title: { text: 'x'.repeat(25) } }))).toMatch(/title/);
    expect(modalViolation(modal({ blocks: [input('a', { max_length: 3, initial_value: 'abcd' })] }))).toMatch(
      /initial_value/,
    );
    expect(modalViolation(modal({ blocks: [input('a'), input('a')] }))).toMatch(/duplicate/);
    expect(modalViolation(modal({ submit: undefined }))).toMatch(/needs submit/);
  });

  it('lets a trigger open one view, within 3 seconds', () => {
    let now = 0;
    const triggers = new Triggers(() => now);
    const a = triggers.issue();
    const b = triggers.issue();
    expect(triggers.use(a)).toBeUndefined();
    expect(triggers.use(a)).toBe('exchanged_trigger_id');
    now = 3001;
    expect(triggers.use(b)).toBe('expired_trigger_id');
    expect(triggers.use('made-up')).toBe('invalid_trigger_id');
  });
});
