/**
 * What the store keeps for the weekly digest. Answers are kept only days, so each revealed round
 * leaves a small summary that lives for weeks, and the store alone decides who answered in a
 * channel for the first time (two replicas revealing at once must not both call someone new).
 */
import type { ChannelId, Person, PostRef, Weekday } from '../core/types.ts';

/** How long round summaries are kept: the digest's eight weeks and a week to spare. */
export const ROUND_SUMMARY_RETENTION_MS = 63 * 24 * 3_600_000;
/** How long a channel remembers a week's digest attempts and that it was posted: longer than any week. */
export const DIGEST_WEEK_MEMORY_MS = 21 * 24 * 3_600_000;

/** One revealed round as the digest sees it. */
export interface RoundSummary {
  roundId: string;
  seq: number;
  questionId: string;
  title: string;
  revealedAt: number;
  /** Everyone who answered (wrote or picked). */
  answers: number;
  /** Every key point of a free-text round with how many answerers missed it; empty when feedback was off. */
  missed: { label: string; missedBy: number }[];
  /** A button round: right picks out of everyone who picked. */
  choice?: { right: number; total: number };
  /** Where the question was posted, for a link to it. */
  post?: PostRef;
  /** Answerers the channel had never seen before this round, decided by the store. */
  newcomers: Person[];
}

export type RoundSummaryInput = Omit<RoundSummary, 'newcomers'> & {
  /** Everyone who answered; the store keeps those it has not seen in the channel before as `newcomers`. */
  answerers: Person[];
};

/** An admin's digest choice for a channel; no record means on, at the default time. */
export interface DigestSettings {
  enabled: boolean;
  /** An explicit day and local time; absent: the default (see `core/digest-time.ts`). */
  at?: { day: Weekday; hour: number; minute: number };
}

/** What `startDigestAttempt` found. */
export type DigestAttempt = { settled: true } | { settled: false; attempt: number };

export interface DigestStore {
  /**
   * Records a revealed round's summary once: a second call for the same round (another replica, a
   * retried reveal) changes nothing and returns the first summary. Atomically with it, the
   * answerers are added to the channel's answerers ever seen; those added are the `newcomers`.
   */
  recordRoundSummary(channel: ChannelId, input: RoundSummaryInput): Promise<RoundSummary>;
  /** Summaries of rounds revealed in (`after`, `until`], oldest first. */
  roundSummaries(channel: ChannelId, after: number, until: number): Promise<RoundSummary[]>;
  getDigestSettings(channel: ChannelId): Promise<DigestSettings | null>;
  setDigestSettings(channel: ChannelId, settings: DigestSettings): Promise<void>;
  /**
   * Begins an attempt at posting a channel week's digest (`week`, e.g. `2026-W49`): `settled` once
   * an attempt posted it or gave it up, else this attempt's number, atomically (exactly one caller
   * gets 1). A number above 1 means an earlier attempt may have posted it without hearing back (a
   * crash, a lost answer), so the adapter looks before posting again. Remembered for
   * `DIGEST_WEEK_MEMORY_MS`.
   */
  startDigestAttempt(channel: ChannelId, week: string, now: number): Promise<DigestAttempt>;
  /** Marks the week's digest posted or given up: later attempts find it `settled`. */
  settleDigestWeek(channel: ChannelId, week: string, now: number): Promise<void>;
}
