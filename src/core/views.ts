/**
 * What the core asks adapters to show: platform-neutral view models. Each adapter renders them in
 * its own idiom (Discord embeds, Slack blocks, terminal text); only renderers know markup, and
 * only renderers escape user text.
 */
import type { WrongClaim } from './keypoints.ts';
import type { DigestImage, DigestView } from './digest-view.ts';
import type {
  Board,
  BoardEntry,
  Difficulty,
  Person,
  QuestionFormat,
  Schedule,
  Topic,
  UserStats,
  Weekday,
} from './types.ts';

export interface QuestionView {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: Topic[];
  prompt: string;
  format: QuestionFormat;
  /** The options' texts in letter order (a, b, c...), for a button question. */
  options?: string[];
  /**
   * For a question written by the team (`/quiz suggest`, approved by an admin): who wrote it, or
   * "a former member" after a forget-me. Shown as "From the team, by <author>".
   */
  fromTeam?: { author: string };
}

/** What a member typed into the suggestion form, field by field, before any parsing. */
export interface SuggestionDraft {
  title: string;
  question: string;
  modelAnswer: string;
  /** One key point per line, each optionally followed by ` | term, term` (its match terms). */
  keyPoints: string;
  /** Optional words: a topic and/or a difficulty, e.g. `asyncio medium`. */
  topicAndDifficulty: string;
}

/** One problem with a draft, named by its field so a form can show it beside that field. */
export interface SuggestionProblem {
  field: keyof SuggestionDraft;
  message: string;
}

/** A pending suggestion as admins review it. */
export interface SuggestionSummary {
  id: string;
  author: Person;
  submittedAt: number;
  title: string;
  question: string;
  modelAnswer: string;
  keyPoints: string[];
  topics: Topic[];
  difficulty: Difficulty;
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

/** A key point and how many answers missed it. */
export interface MissedPoint {
  label: string;
  missedBy: number;
}

/**
 * The reveal posted into the round's thread, and the summary that replaces the original post. A
 * busy round's reveal must fit one message on every platform and not flood the thread, so it names
 * only `listed`; everyone who answered gets their own feedback privately (the reveal's "My
 * feedback" button, or `/quiz feedback`).
 */
export interface RevealView {
  roundId: string;
  question: QuestionView;
  modelAnswer: string;
  keyPoints: string[];
  /** Every answer, oldest first: for a count, and for a surface with no flood (the terminal). */
  answers: AnswerFeedback[];
  /** The answers the public reveal names: all of a small round, else the top ones by coverage. */
  listed: AnswerFeedback[];
  /** The key points most often missed, most missed first; empty when feedback is off. */
  mostMissed: MissedPoint[];
  /** False when the platform could not read message text, so coverage is unknown. */
  feedbackAvailable: boolean;
  revealedAt: number;
  /** Present for a button round (`question.format` choice or output); its answers then carry no text. */
  choice?: ChoiceReveal;
  /** Who missed the round and kept their streak with a freeze, and how many they have left. */
  freezesUsed?: { user: Person; freezesLeft: number }[];
}

/** How a button round ended: the right option, the tally per option and the why of the wrong ones. */
export interface ChoiceReveal {
  /** Index (0 = a) of the right option. */
  correct: number;
  options: { text: string; picks: number; why?: string }[];
  /** Everyone who picked the right option, in the order they first picked. */
  right: Person[];
  /** How many people picked at all. */
  total: number;
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
  | 'no-feedback'
  | 'post-failed'
  | 'unavailable'
  | 'too-many-commands'
  /** `/quiz away` with no length, a length outside 1 to 30 days, a malformed or past date. */
  | 'invalid-absence'
  /** A pick on a round that is already revealed (or cancelled). */
  | 'too-late'
  /** A pick of a letter the question does not have, or on a question without options. */
  | 'no-such-option'
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
      /** The right option (0 = a) when the question is a button question revealed without a pick. */
      correct?: number;
    }
  | {
      kind: 'round-feedback';
      roundId: string;
      question: QuestionView;
      keyPoints: string[];
      /** The caller's own answer as judged; absent when they did not answer that round. */
      feedback?: AnswerFeedback;
      /** False when the platform could not read message text, so coverage is unknown. */
      feedbackAvailable: boolean;
      /** For a button round the caller picked on: what they picked, the right option, and why theirs is wrong. */
      pick?: { option: number; correct: number; why?: string };
      /** The points the caller's answer earned in that round; absent when they did not answer. */
      points?: number;
    }
  | {
      kind: 'today';
      /** The open round, or absent when none is open. */
      open?: { question: QuestionView; revealAt: number; answers: number };
      /** When the channel's next scheduled question is due, if it has a schedule. */
      nextPostAt?: number;
      timezone: string;
    }
  | {
      kind: 'streak';
      user: Person;
      stats: UserStats;
      self: boolean;
      /** What protects the streak; absent when nothing does (not away, no freezes). */
      protection?: { awayUntil?: string; freezes: number; freezeUsedLast: boolean };
    }
  /** `lastDay` reads like `Fri 12 Dec`, in the channel's `timezone`. */
  | { kind: 'away'; lastDay: string; timezone: string }
  | { kind: 'back'; wasAway: boolean }
  | { kind: 'leaderboard'; board: Board; month: string; entries: BoardEntry[]; caller?: BoardEntry }
  | { kind: 'topics'; topics: { topic: Topic; count: number }[]; difficulties: Record<Difficulty, number> }
  | { kind: 'forgotten' }
  /** `matchingQuestions`: for a schedule limited to some topics or a difficulty, how many questions qualify. */
  | { kind: 'scheduled'; schedule: Schedule; nextPostAt: number; matchingQuestions?: number }
  | { kind: 'unscheduled'; hadSchedule: boolean }
  | { kind: 'posted'; roundId: string; revealAt: number }
  | { kind: 'revealed'; roundId: string; answers: number }
  /** A pick on a round's button question was recorded (`changed`: it replaced the caller's earlier pick). */
  | {
      kind: 'picked';
      roundId: string;
      option: number;
      changed: boolean;
      revealAt: number;
      /** The store was unreachable: the pick is held and counted when it is back (say so). */
      queued?: boolean;
    }
  /** A pick on a practice button question, judged at once. */
  | {
      kind: 'practice-pick-result';
      question: QuestionView;
      option: number;
      correct: number;
      /** Why the picked option is wrong; absent when it is right. */
      why?: string;
      modelAnswer: string;
    }
  /**
   * `/quiz digest`: the channel's digest settings (`changed` when this command set them), when the
   * next one is due, and with no arguments a preview of this week's digest (absent when the week
   * had no rounds; the image only when the chart could be drawn).
   */
  | {
      kind: 'digest';
      enabled: boolean;
      /** The admin's day and time; absent: the default, after the week's last scheduled round. */
      at?: { day: Weekday; hour: number; minute: number };
      nextAt?: number;
      timezone: string;
      scheduled: boolean;
      changed: boolean;
      preview?: DigestView;
      image?: DigestImage;
    }
  /** `/quiz suggest`: the adapter opens its form (prefilled with `draft` when given); the shell asks field by field. */
  | { kind: 'suggest-form'; draft?: SuggestionDraft }
  | { kind: 'suggestion-received'; id: string; title: string }
  /** Every problem at once, with what was typed, so the form can be shown again without losing it. */
  | { kind: 'suggestion-problems'; problems: SuggestionProblem[]; draft: SuggestionDraft }
  /** `/quiz suggestions` (admins): the pending ones, each to approve or reject. */
  | { kind: 'suggestions'; items: SuggestionSummary[] }
  | { kind: 'suggestion-decided'; id: string; title: string; decision: 'approved' | 'rejected' }
  | { kind: 'retired'; id: string; title: string }
  /** `/quiz export` (admins): the team's approved questions as question files of the bank's format. */
  | { kind: 'export'; files: { name: string; content: string }[] }
  | { kind: 'refusal'; code: RefusalCode; message: string }
);
