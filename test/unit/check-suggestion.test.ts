import { describe, expect, it } from 'vitest';
import { checkSuggestion, DEFAULT_DIFFICULTY, DEFAULT_TOPIC } from '../../src/questions/check-suggestion.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

describe('checking a suggested question', () => {
  it('turns a sound draft into a free-text question with its key points, topic and difficulty', () => {
    const check = checkSuggestion(GOOD_DRAFT);
    expect(check).toMatchObject({
      ok: true,
      question: {
        title: GOOD_DRAFT.title,
        format: 'free',
        topics: ['queue'],
        difficulty: 'easy',
        references: ['https://docs.python.org/3/library/queue.html'],
      },
    });
    if (!check.ok) return;
    expect(check.question.keyPoints[0]).toEqual({
      label: 'Producers wait on the full queue',
      terms: ['producer blocks on put', 'blocks on put', 'queue fills up'],
    });
  });

  it('defaults to patterns and medium without topic or difficulty words', () => {
    const check = checkSuggestion({ ...GOOD_DRAFT, topicAndDifficulty: '  ' });
    expect(check).toMatchObject({ ok: true, question: { topics: [DEFAULT_TOPIC], difficulty: DEFAULT_DIFFICULTY } });
  });

  it('lists every problem at once, each under its field', () => {
    const check = checkSuggestion({
      title: '',
      question: ' ',
      modelAnswer: 'Too short to teach anything.',
      keyPoints: 'Only one point | something',
      topicAndDifficulty: 'kubernetes hard easy',
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const fields = new Set(check.problems.map((p) => p.field));
    expect(fields).toEqual(new Set(['title', 'question', 'modelAnswer', 'keyPoints', 'topicAndDifficulty']));
    const messages = check.problems.map((p) => `${p.field}: ${p.message}`);
    expect(messages).toContain('title: must not be empty');
    expect(messages).toContain('keyPoints: needs 3 to 5 key points');
    expect(messages.some((m) => m.startsWith('topicAndDifficulty: "kubernetes"'))).toBe(true);
    expect(messages).toContain('topicAndDifficulty: give one difficulty, not hard and easy');
  });

  it('asks for terms on a key point that has none', () => {
    const keyPoints = GOOD_DRAFT.keyPoints.replace(' | backpressure working as designed, keeps memory flat', '');
    const check = checkSuggestion({ ...GOOD_DRAFT, keyPoints });
    expect(check).toMatchObject({
      ok: false,
      problems: [{ field: 'keyPoints', message: expect.stringContaining('no match terms') }],
    });
  });

  it('applies the bank’s editorial rules: terms made in the answer, none in the question, none bare, answer length', () => {
    const keyPoints = [
      'Producers wait on the full queue | queue',
      'The bound is backpressure by design | backpressure is a moonbeam',
      'It is about the database incident | database incident',
    ].join('\n');
    const check = checkSuggestion({
      ...GOOD_DRAFT,
      keyPoints,
      modelAnswer: `${GOOD_DRAFT.modelAnswer} ${'word '.repeat(300)}`,
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const text = check.problems.map((p) => `${p.field}: ${p.message}`).join('\n');
    expect(text).toContain('keyPoints: key point 1 "Producers wait on the full queue": the term "queue" is bare');
    expect(text).toContain('"The bound is backpressure by design": none of its terms occurs in the model answer');
    expect(text).toContain('the term "database incident" is in the question itself');
    expect(text).toMatch(/modelAnswer: has \d+ words; write 120 to 300/);
  });

  it('refuses a title over the limit and a title of two lines', () => {
    expect(checkSuggestion({ ...GOOD_DRAFT, title: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      problems: [{ field: 'title' }],
    });
    expect(checkSuggestion({ ...GOOD_DRAFT, title: 'a\nb' })).toMatchObject({
      ok: false,
      problems: [{ field: 'title', message: 'is one line' }],
    });
  });

  it('stores no control characters, whatever was typed', () => {
    const check = checkSuggestion({
      ...GOOD_DRAFT,
      title: `Why\u001b[31m it stops\u0007`,
      question: `${GOOD_DRAFT.question}\r\n\u001b[2J`,
    });
    expect(check).toMatchObject({
      ok: true,
      question: { title: 'Why[31m it stops', prompt: `${GOOD_DRAFT.question}\n[2J` },
    });
  });
});
