/**
 * Key-point feedback on realistic answers: for every question in the bank,
 * test/fixtures/sample-answers.yaml holds two good answers written the way people answer in a chat
 * thread (informal, in their own words, making most but not all key points) and one weak answer.
 * Good answers must get credit for most key points; weak ones for at most one. When a good answer
 * misses a point it really made, the fix is a new term on that key point, not a rewritten answer.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessAnswer } from '../../src/core/keypoints.ts';
import type { Question } from '../../src/core/types.ts';
import { loadQuestions } from '../../src/questions/load-questions.ts';

interface Samples {
  good: string[];
  weak: string;
}

const SAMPLES_FILE = new URL('../fixtures/sample-answers.yaml', import.meta.url);
const samples = parse(readFileSync(SAMPLES_FILE, 'utf8')) as Record<string, Samples>;

// Button questions are scored exactly: they have no key points, so no sample answers.
let bank: Map<string, Question>;
let buttonIds: string[];
beforeAll(async () => {
  const questions = await loadQuestions('questions');
  bank = new Map(questions.filter((q) => q.format === 'free').map((q) => [q.id, q]));
  buttonIds = questions.filter((q) => q.format !== 'free').map((q) => q.id);
});

function question(id: string): Question {
  const q = bank.get(id);
  if (!q) throw new Error(`question ${id} is not a free-text question in the bank`);
  return q;
}

function misses(id: string, answer: string): string[] {
  return assessAnswer(answer, question(id).keyPoints).missed;
}

describe('key-point feedback on realistic answers', () => {
  it('has samples for every question in the bank', () => {
    expect([...bank.keys()].filter((id) => !(id in samples))).toEqual([]);
  });

  it('has samples only for free-text questions that exist', () => {
    expect(Object.keys(samples).filter((id) => !bank.has(id))).toEqual([]);
  });

  it('has no samples for button questions, which have no key points to cover', () => {
    expect(buttonIds.filter((id) => id in samples)).toEqual([]);
  });

  it('has two good answers and one weak answer per question', () => {
    const malformed = Object.entries(samples)
      .filter(
        ([, s]) =>
          !Array.isArray(s.good) ||
          s.good.length !== 2 ||
          s.good.some((a) => typeof a !== 'string' || a.trim() === '') ||
          typeof s.weak !== 'string' ||
          s.weak.trim() === '',
      )
      .map(([id]) => id);
    expect(malformed).toEqual([]);
  });

  for (const [id, { good, weak }] of Object.entries(samples)) {
    it(`credits good answers to ${id} with at least 60% of the key points`, () => {
      const needed = Math.ceil(0.6 * question(id).keyPoints.length);
      for (const [i, answer] of good.entries()) {
        const missed = misses(id, answer);
        const covered = question(id).keyPoints.length - missed.length;
        expect(covered, `good answer ${i + 1} missed: ${missed.join('; ')}`).toBeGreaterThanOrEqual(needed);
      }
    });

    it(`credits the weak answer to ${id} with at most one key point`, () => {
      const { covered } = assessAnswer(weak, question(id).keyPoints);
      expect(covered.length, `weak answer got: ${covered.join('; ')}`).toBeLessThanOrEqual(1);
    });
  }
});
