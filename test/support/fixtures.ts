/** Small, fully controlled questions and a ready-wired quiz for tests. */
import { QuestionBank } from '../../src/core/bank.ts';
import { Quiz, type QuizSettings } from '../../src/core/quiz.ts';
import type { Platform, Question } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import type { DigestChart } from '../../src/ports/digest-chart.ts';
import { silentLogger, type Logger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from './fake-clock.ts';

export function makeQuestion(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    title: `Question ${id}`,
    format: 'free',
    topics: ['threading'],
    difficulty: 'easy',
    keyPoints: [
      { label: 'Uses a lock', terms: ['lock', 'mutex'] },
      { label: 'Mentions the GIL', terms: ['gil', 'global interpreter lock'] },
      { label: 'Joins the threads', terms: ['join'] },
    ],
    references: ['https://docs.python.org/3/library/threading.html'],
    prompt: `What about ${id}?`,
    modelAnswer: `Model answer for ${id}: take a lock, remember the GIL, join the threads.`,
    file: `questions/${id}.md`,
    ...overrides,
  };
}

export function makeBank(count = 5): QuestionBank {
  return new QuestionBank(Array.from({ length: count }, (_, i) => makeQuestion(`q${i + 1}`)));
}

/** Monday 23 November 2026, 08:00 UTC. */
export const MONDAY_0800_UTC = Date.UTC(2026, 10, 23, 8, 0);

export interface QuizHarness {
  quiz: Quiz;
  store: Store;
  clock: FakeClock;
  bank: QuestionBank;
}

export function makeQuiz(options: {
  adapters: Map<Platform, ChatAdapter>;
  store?: Store;
  bank?: QuestionBank;
  clock?: FakeClock;
  logger?: Logger;
  settings?: Partial<QuizSettings>;
  /** Draws the weekly digest's chart; without it digests go out as text. */
  digestChart?: DigestChart;
}): QuizHarness {
  const store = options.store ?? new MemoryStore();
  const clock = options.clock ?? new FakeClock(MONDAY_0800_UTC);
  const bank = options.bank ?? makeBank();
  const quiz = new Quiz({
    store,
    bank,
    clock,
    logger: options.logger ?? silentLogger,
    adapters: options.adapters,
    random: () => 0,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.digestChart ? { digestChart: options.digestChart } : {}),
  });
  return { quiz, store, clock, bank };
}
