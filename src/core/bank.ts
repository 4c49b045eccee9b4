/** The question bank as the core sees it: validated questions, looked up and filtered. */
import type { Difficulty, Question, QuestionFormat, Topic } from './types.ts';
import { DIFFICULTIES, TOPICS } from './types.ts';
import type { QuestionView } from './views.ts';

export interface QuestionFilter {
  topics?: readonly Topic[];
  difficulty?: Difficulty;
  /** Only questions of these formats (all when absent or empty). */
  formats?: readonly QuestionFormat[];
}

export class QuestionBank {
  private readonly byId: Map<string, Question>;

  constructor(readonly questions: readonly Question[]) {
    this.byId = new Map(questions.map((q) => [q.id, q]));
  }

  get(id: string): Question | undefined {
    return this.byId.get(id);
  }

  filter(filter: QuestionFilter): Question[] {
    const { difficulty, formats, topics } = filter;
    return this.questions.filter(
      (q) =>
        (!difficulty || q.difficulty === difficulty) &&
        (!formats?.length || formats.includes(q.format)) &&
        (!topics?.length || q.topics.some((t) => topics.includes(t))),
    );
  }

  topicCounts(): { topic: Topic; count: number }[] {
    return TOPICS.map((topic) => ({
      topic,
      count: this.questions.filter((q) => q.topics.includes(topic)).length,
    })).filter((entry) => entry.count > 0);
  }

  difficultyCounts(): Record<Difficulty, number> {
    const counts = { easy: 0, medium: 0, hard: 0 };
    for (const q of this.questions) counts[q.difficulty]++;
    return counts;
  }
}

export function isTopic(word: string): word is Topic {
  return (TOPICS as readonly string[]).includes(word);
}

export function isDifficulty(word: string): word is Difficulty {
  return (DIFFICULTIES as readonly string[]).includes(word);
}

export function questionView(q: Question): QuestionView {
  return {
    id: q.id,
    title: q.title,
    difficulty: q.difficulty,
    topics: q.topics,
    prompt: q.prompt,
    format: q.format,
    ...(q.options ? { options: q.options.map((o) => o.text) } : {}),
    ...(q.fromTeam ? { fromTeam: { author: q.fromTeam.author } } : {}),
  };
}
