/**
 * The domain's vocabulary: questions, schedules, rounds, answers and stats. Plain data that every
 * layer shares; behaviour lives in the modules that use it.
 */

export const PLATFORMS = ['shell', 'discord', 'slack'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const TOPICS = [
  'fundamentals',
  'gil',
  'free-threading',
  'subinterpreters',
  'threading',
  'sync-primitives',
  'queue',
  'multiprocessing',
  'futures',
  'asyncio',
  'contextvars',
  'bugs',
  'atomicity',
  'testing',
  'performance',
  'patterns',
] as const;
export type Topic = (typeof TOPICS)[number];

/** A belief that contradicts a key point: stating it forfeits the point and earns a short correction. */
export interface Misconception {
  /** The wrong claim as shown to the user, short. */
  claim: string;
  /** Terms that state the claim, matched like a key point's terms. */
  terms: string[];
  /** What is true instead, short. */
  truth: string;
}

/** Key points belong to free-text questions; a button question has none. */
export interface KeyPoint {
  label: string;
  terms: string[];
  wrong?: Misconception[];
}

export interface Example {
  code: string;
  output: string;
}

/**
 * How a question is answered: `free` in words in the thread, judged on key points; `choice` by
 * picking one of 3 to 5 options; `output` by picking what a short program prints.
 */
export const QUESTION_FORMATS = ['free', 'choice', 'output'] as const;
export type QuestionFormat = (typeof QUESTION_FORMATS)[number];

/** The button formats: answered with one tap and scored exactly. */
export function isButtonFormat(format: QuestionFormat): format is 'choice' | 'output' {
  return format !== 'free';
}

/** An option of a button question. Letters (a, b, c...) follow the order in the file. */
export interface ChoiceOption {
  /** As shown; for an `output` question, the candidate output, possibly several lines. */
  text: string;
  correct: boolean;
  /** For a wrong option: one sentence on why it is wrong, shown at the reveal. */
  why?: string;
}

export const OPTION_LETTERS = ['a', 'b', 'c', 'd', 'e'] as const;

/** What a channel's schedule asks: only free-text, only button questions, or alternating (default). */
export const FORMAT_MIXES = ['free', 'choice', 'mixed'] as const;
export type FormatMix = (typeof FORMAT_MIXES)[number];

export interface Question {
  id: string;
  title: string;
  /** `free` for every question file that does not say otherwise. */
  format: QuestionFormat;
  /** The options of a `choice` or `output` question (3 to 5, exactly one correct); absent for `free`. */
  options?: ChoiceOption[];
  /** The program of an `output` question, as shown in the prompt and run by `questions:verify`. */
  program?: string;
  topics: Topic[];
  difficulty: Difficulty;
  keyPoints: KeyPoint[];
  since?: string;
  references: string[];
  prompt: string;
  modelAnswer: string;
  example?: Example;
  pitfalls?: string;
  /** Path of the file the question came from, for error messages. */
  file: string;
}

/**
 * A channel across platforms: `<platform>:<the platform's own channel id>`. The platform prefix
 * lets one process serve Discord and Slack at once and route each outbound call.
 */
export type ChannelId = `${Platform}:${string}`;

export function channelId(platform: Platform, nativeId: string): ChannelId {
  return `${platform}:${nativeId}`;
}

export function splitChannelId(id: ChannelId): { platform: Platform; nativeId: string } {
  const at = id.indexOf(':');
  return { platform: id.slice(0, at) as Platform, nativeId: id.slice(at + 1) };
}

/** Someone on a chat platform. `id` is the platform's stable user id. */
export interface Person {
  id: string;
  name: string;
}

/** 0 = Sunday ... 6 = Saturday, as `Date#getUTCDay` counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Schedule {
  hour: number;
  minute: number;
  timezone: string;
  days: Weekday[];
  windowMinutes: number;
  topics: Topic[];
  difficulty?: Difficulty;
  /** Which kinds of question the channel gets; absent means `mixed`. */
  format?: FormatMix;
  /**
   * The server or workspace the channel belongs to (`<platform>:<guild or team id>`), when the
   * platform said: practice then steers clear of questions open in its other scheduled channels.
   */
  space?: string;
}

/** Where a round's question landed on the platform: the message and the thread of answers. */
export interface PostRef {
  messageId: string;
  threadId: string;
}

/** `cancelled`: closed without ever reaching the channel (see Store.revealOrCancelRound). */
export type RoundState = 'open' | 'revealed' | 'cancelled';

export interface Round {
  id: string;
  channel: ChannelId;
  /** 1, 2, 3... per channel; consecutive numbers are what makes a streak. */
  seq: number;
  questionId: string;
  /** The slot for a scheduled round (the time it says it was posted), else when it was opened. */
  postedAt: number;
  /**
   * When a process opened it: how long its post has been in flight, which tells a dead poster from a
   * slow one even when a late scheduled round's slot is long past.
   */
  openedAt: number;
  revealAt: number;
  timezone: string;
  state: RoundState;
  post?: PostRef;
  /** Revealed, but the reveal message has not reached the channel yet (see Rounds.settleReveal). */
  announcePending?: boolean;
}

export interface Answer {
  userId: string;
  userName: string;
  text: string;
  messageId: string;
  at: number;
  /**
   * The author deleted the counted message before the reveal: its text is gone, the answer still
   * counts for the streak, and the author's next reply in the thread takes its place.
   */
  deleted?: boolean;
  /**
   * The option (0 = a) picked on a button round's question: such an answer has no text, `at` is
   * when the user first picked and `messageId` is empty; a later pick only changes this.
   */
  pick?: number;
}

export interface UserStats {
  userId: string;
  name: string;
  currentStreak: number;
  bestStreak: number;
  total: number;
  month: number;
  /** Points from every scored round (see core/points.ts), and those of this month. */
  points: number;
  monthPoints: number;
  /** Button rounds answered, and how many of those picks were right. */
  picks: number;
  rightPicks: number;
}

/** `points-month`: points this month, asked for as `/quiz leaderboard points month`. */
export const BOARDS = ['streak', 'best', 'total', 'month', 'points', 'points-month'] as const;
export type Board = (typeof BOARDS)[number];

export interface BoardEntry {
  rank: number;
  userId: string;
  name: string;
  score: number;
}
