/**
 * The persistence port. Methods are shaped by what the quiz needs, not by Redis commands: each one
 * that changes several things (an answer and its streak, a reveal and the streak board) is atomic
 * in every implementation, so a crash or a second process never sees half an update.
 */
import type {
  Answer,
  Board,
  BoardEntry,
  ChannelId,
  Platform,
  PostRef,
  Round,
  Schedule,
  UserStats,
} from '../core/types.ts';
import type { DigestStore } from './digest-store.ts';

/** A unit of scheduled work: post the channel's next question, reveal one round, or post the weekly digest. */
export type Job =
  | { kind: 'post'; channel: ChannelId }
  | { kind: 'reveal'; channel: ChannelId; roundId: string }
  | { kind: 'digest'; channel: ChannelId };

/**
 * How long a forget-me tombstone is kept: longer than any answer window (a window ends before the
 * next post, so at most a week), so every reply sent before the forget-me is refused for as long as
 * its round can still take it.
 */
export const FORGET_TOMBSTONE_MS = 30 * 24 * 3_600_000;

export interface OpenRoundInput {
  channel: ChannelId;
  /** Deterministic per slot (e.g. `r<slot ms>`), so two processes posting one slot make one round. */
  roundId: string;
  questionId: string;
  postedAt: number;
  /** When the caller opened it: a late scheduled round's `postedAt` is its slot, long before. */
  openedAt: number;
  revealAt: number;
  timezone: string;
  /** The rotation cycle was exhausted: forget what was asked before adding this question. */
  startNewCycle: boolean;
}

export type OpenRoundResult =
  | { status: 'opened'; round: Round }
  /** This round id exists already: another process (or an earlier attempt) opened it. */
  | { status: 'exists'; round: Round }
  /** Another round is still open in the channel. */
  | { status: 'busy'; round: Round };

export interface NewAnswer {
  userId: string;
  userName: string;
  text: string;
  messageId: string;
  at: number;
  /** `YYYY-MM` in the channel's timezone, for the monthly board. */
  monthKey: string;
}

/** `forgotten`: sent at or before its author's forget-me, so recording it would undo the forgetting. */
export type RecordOutcome = 'recorded' | 'duplicate' | 'closed' | 'forgotten';

export interface NewPick {
  userId: string;
  userName: string;
  /** 0 = a, 1 = b... */
  option: number;
  at: number;
  /** `YYYY-MM` in the channel's timezone, for the monthly board. */
  monthKey: string;
}

/**
 * `recorded`: the user's first pick, counted like a first answer; `changed`: a later pick of another
 * option (counted once already); `unchanged`: the same option again; `closed` and `forgotten` as
 * for answers.
 */
export type PickOutcome = 'recorded' | 'changed' | 'unchanged' | 'closed' | 'forgotten';

/** The points one user earns in one round (core/points.ts decides them). */
export interface RoundAward {
  userId: string;
  points: number;
  /** For a button round: whether the pick was right; absent for a free-text round. */
  rightPick?: boolean;
}
export type EditOutcome = 'updated' | 'ignored' | 'closed';

export interface RevealResult {
  round: Round;
  answers: Answer[];
  /** Who did not answer and kept their streak by using a freeze, with how many they have left. */
  freezesUsed?: FreezeUse[];
}

export interface FreezeUse {
  userId: string;
  name: string;
  freezesLeft: number;
}

/** A user's streak protection in one channel, as `/quiz streak` shows it. */
export interface StreakProtection {
  /** When the user's absence ends, ms; absent when they are not away at the time asked. */
  awayUntil?: number;
  freezes: number;
  /** The channel's latest revealed round used one of the user's freezes. */
  freezeUsedLast: boolean;
}

export interface Leaderboard {
  entries: BoardEntry[];
  /** The caller's own entry when it is not among `entries`. */
  caller?: BoardEntry;
}

export interface PracticeState {
  questionId: string;
  askedAt: number;
}

export interface Rotation {
  /** Ids asked in the current cycle. */
  asked: string[];
  /** How many full cycles the channel has completed; seeds the next shuffle. */
  cycle: number;
  /** The question of the channel's latest round, so a new cycle does not open with it again. */
  last?: string;
}

export interface Store extends DigestStore {
  /** Reads a channel's schedule, or null when it has none. */
  getSchedule(channel: ChannelId): Promise<Schedule | null>;
  /** Saves the schedule and (re)places the channel's post job at `nextPostAt`. */
  setSchedule(channel: ChannelId, schedule: Schedule, nextPostAt: number): Promise<void>;
  /** Removes the schedule and its post job. Rounds already open still reveal. */
  removeSchedule(channel: ChannelId): Promise<void>;
  /** Every channel that has a schedule (for operators and the bench). */
  countSchedules(): Promise<number>;
  /** The scheduled channels whose schedule names `space` (see `Schedule.space`). */
  scheduledChannelsIn(space: string): Promise<ChannelId[]>;

  getRotation(channel: ChannelId): Promise<Rotation>;

  /**
   * Opens a round: assigns the next sequence number, marks the question asked in the rotation and
   * places the reveal job at `revealAt`, all at once.
   */
  openRound(input: OpenRoundInput): Promise<OpenRoundResult>;
  /** Records where the question was posted and indexes its thread for incoming replies. */
  attachPost(channel: ChannelId, roundId: string, post: PostRef): Promise<void>;
  getRound(channel: ChannelId, roundId: string): Promise<Round | null>;
  getOpenRound(channel: ChannelId): Promise<Round | null>;
  findRoundByThread(channel: ChannelId, threadId: string): Promise<Round | null>;
  countAnswers(channel: ChannelId, roundId: string): Promise<number>;

  /**
   * Records a user's first answer to an open round with its streak, total, monthly count and
   * leaderboard effects. A second answer from the same user is a `duplicate` and changes nothing;
   * an answer at or after `revealAt`, or to a revealed round, is `closed`. An answer sent at or before
   * its author's latest `forgetUser` (on the channel's platform) is `forgotten` and changes nothing.
   */
  recordAnswer(channel: ChannelId, roundId: string, answer: NewAnswer): Promise<RecordOutcome>;
  /**
   * Records a user's pick on an open button round. The first pick counts exactly like a first answer
   * (streak, total, month, boards); a later one only replaces the option. Refused like an answer
   * when at or after `revealAt`, on a closed round, or sent at or before the user's forget-me.
   */
  recordPick(channel: ChannelId, roundId: string, pick: NewPick): Promise<PickOutcome>;
  /**
   * Adds a revealed round's points (and pick counts) to its users' stats and the points boards, once
   * per round however often it is called (a re-run after a crash, two replicas): false when the round
   * was scored already, or is not revealed. `monthKey` is the month the points count for.
   */
  scoreRound(channel: ChannelId, roundId: string, awards: RoundAward[], monthKey: string): Promise<boolean>;
  /** Replaces the stored text when `messageId` is the message that was counted. */
  editAnswer(
    channel: ChannelId,
    roundId: string,
    edit: { userId: string; messageId: string; text: string; at: number },
  ): Promise<EditOutcome>;
  /**
   * Marks the answer whose counted message is `messageId` as deleted (text removed, streaks as
   * they were) while the round is open; `recordAnswer` then lets the author's next reply replace it.
   */
  deleteAnswer(channel: ChannelId, roundId: string, deletion: { messageId: string; at: number }): Promise<EditOutcome>;

  /**
   * Closes an open round exactly once, by revealing or by cancelling it. A posted round is revealed:
   * marked `revealed`, users who did not answer it leave the current-streak board unless the round
   * is protected for them (streaks.ts `judgeMiss`: away, or a freeze, which this uses up and
   * reports in `freezesUsed`), and its answers come back, oldest first. A round with no post attached is cancelled instead (state `cancelled`,
   * no answers): nobody could see it, so streaks stay as they were and its sequence number goes to
   * the next round. Returns null when the round is not open (unknown, or closed by another
   * process), which is how a round closes exactly once however many processes ask.
   */
  revealOrCancelRound(channel: ChannelId, roundId: string): Promise<RevealResult | null>;
  /**
   * A posted round is revealed with `announcePending` set, so a reveal message lost to a crash or an
   * outage is posted later; this clears it once the message is out (or given up on).
   */
  finishAnnouncement(channel: ChannelId, roundId: string): Promise<void>;
  /**
   * The channel's latest revealed round (by sequence number), or null when none was revealed or it
   * has expired: what `/quiz feedback` answers about.
   */
  getLastRevealedRound(channel: ChannelId): Promise<Round | null>;
  /** A revealed round's answers, oldest first, for posting its reveal again. */
  getAnswers(channel: ChannelId, roundId: string): Promise<Answer[]>;

  getUserStats(channel: ChannelId, userId: string, monthKey: string): Promise<UserStats | null>;
  /** Top `limit` of a board, ties sharing a rank, plus the caller's entry if outside. */
  getLeaderboard(
    channel: ChannelId,
    board: Board,
    monthKey: string,
    limit: number,
    callerId: string,
  ): Promise<Leaderboard>;
  /**
   * Removes everything stored about a user of a platform (stats, answers, practice) and keeps a
   * tombstone with `at` for `FORGET_TOMBSTONE_MS`, so a reply they sent before it and that is recorded
   * later (read from the thread's history, replayed after an outage) cannot bring anything back.
   */
  forgetUser(platform: Platform, userId: string, at: number): Promise<void>;

  /**
   * Marks the user away in the channel until `until` (ms), replacing an earlier absence: the
   * channel's rounds posted before then neither break nor extend their streak (streaks.ts). Answers
   * still count as usual. `forgetUser` removes it.
   */
  setAbsence(channel: ChannelId, userId: string, until: number): Promise<void>;
  /** Ends the user's absence in the channel; true when one was still running at `now`. */
  endAbsence(channel: ChannelId, userId: string, now: number): Promise<boolean>;
  /** The user's absence (when it runs past `now`) and freezes in the channel. */
  getStreakProtection(channel: ChannelId, userId: string, now: number): Promise<StreakProtection>;

  /**
   * Claims up to `limit` jobs due at `now`. Each claimed job is hidden from other claimers for
   * `leaseMs`; if the claimer dies before finishing it, the job comes back after the lease.
   */
  claimDueJobs(now: number, leaseMs: number, limit: number): Promise<Job[]>;
  /** Moves a claimed job to run again at `at` (a post job's next slot). */
  rescheduleJob(job: Job, at: number): Promise<void>;
  /**
   * Moves a channel's post job to `at`, computed from `schedule`, unless the channel's schedule is no
   * longer `schedule` (changed or removed while the post ran: that change placed the job already).
   * False when it left the job alone.
   */
  reschedulePost(channel: ChannelId, schedule: Schedule, at: number): Promise<boolean>;
  /**
   * Keeps a claimed job hidden until `until` while its claimer is still working on it (a platform
   * call slower than the lease). Only ever moves a queued job later: a completed job is not brought
   * back, and a job already moved further out (a post's next slot) stays where it is.
   */
  extendJobLease(job: Job, until: number): Promise<void>;
  /** Drops a finished job. */
  completeJob(job: Job): Promise<void>;
  /** When the given job is next due, or null when it is not queued. */
  jobDueAt(job: Job): Promise<number | null>;

  getPractice(platformUserKey: string): Promise<PracticeState | null>;
  /** Sets the user's current practice question and remembers it among the recently seen. */
  startPractice(platformUserKey: string, state: PracticeState, keepRecent: number): Promise<void>;
  /** Ends the current practice question (answered or revealed). */
  endPractice(platformUserKey: string): Promise<void>;
  recentPractice(platformUserKey: string): Promise<string[]>;

  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
