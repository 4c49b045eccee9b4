/**
 * What the core asks adapters to show: platform-neutral view models. Each adapter renders them in
 * its own idiom (Discord embeds, Slack blocks, terminal text); only renderers know markup, and
 * only renderers escape user text.
 */
import type { WrongClaim } from './keypoints.ts';
import type { Board, BoardEntry, Difficulty, Person, Schedule, Topic, UserStats } from './types.ts';

export interface QuestionView {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: Topic[];
  prompt: string;
}

/** The daily question as it is posted into a channel. */
export interface RoundPostView {
  roundId: string;
  question: QuestionView;
  revealAt: number;
  timezone: string;
}

export interface AnswerFeedback {
  user: Person;
  covered: string[];
  missed: string[];
  /** Misconceptions the answer stated, each with the short truth; absent when none. */
  wrong?: WrongClaim[];
}

/** The reveal posted into the round's thread, and the summary that replaces the original post. */
export interface RevealView {
  roundId: string;
  question: QuestionView;
  modelAnswer: string;
  keyPoints: string[];
  answers: AnswerFeedback[];
  /** False when the platform could not read message text, so coverage is unknown. */
  feedbackAvailable: boolean;
  revealedAt: number;
}

export type Visibility = 'private' | 'public';

export type RefusalCode =
  | 'not-admin'
  | 'no-round-open'
  | 'round-already-open'
  | 'no-schedule'
  | 'invalid-schedule'
  | 'no-questions'
  | 'no-practice'
  | 'empty-answer'
  | 'post-failed'
  | 'unavailable'
  | 'internal';

/** The answer to one `/quiz` command. */
export type Reply = { visibility: Visibility } & (
  | { kind: 'help'; isAdmin: boolean; unknown?: string }
  | { kind: 'practice'; question: QuestionView }
  | {
      kind: 'practice-result';
      question: QuestionView;
      covered: string[];
      missed: string[];
      /** Misconceptions the answer stated, each with the short truth; absent when none. */
      wrong?: WrongClaim[];
      modelAnswer: string;
      /** False when revealed by button without an answer. */
      answered: boolean;
    }
  | {
      kind: 'today';
      /** The open round, or absent when none is open. */
      open?: { question: QuestionView; revealAt: number; answers: number };
      /** When the channel's next scheduled question is due, if it has a schedule. */
      nextPostAt?: number;
      timezone: string;
    }
  | { kind: 'streak'; user: Person; stats: UserStats; self: boolean }
  | { kind: 'leaderboard'; board: Board; month: string; entries: BoardEntry[]; caller?: BoardEntry }
  | { kind: 'topics'; topics: { topic: Topic; count: number }[]; difficulties: Record<Difficulty, number> }
  | { kind: 'forgotten' }
  /** `matchingQuestions`: for a schedule limited to some topics or a difficulty, how many questions qualify. */
  | { kind: 'scheduled'; schedule: Schedule; nextPostAt: number; matchingQuestions?: number }
  | { kind: 'unscheduled'; hadSchedule: boolean }
  | { kind: 'posted'; roundId: string; revealAt: number }
  | { kind: 'revealed'; roundId: string; answers: number }
  | { kind: 'refusal'; code: RefusalCode; message: string }
);
