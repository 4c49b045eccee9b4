/**
 * The weekly digest as the core hands it to adapters and to the chart: platform-neutral, every
 * number the chart draws is here, and `digestText` says them all in words.
 */
import type { BoardEntry, Person, PostRef } from './types.ts';

/** One round in the chart of answers per round. */
export interface DigestRound {
  roundId: string;
  seq: number;
  title: string;
  revealedAt: number;
  answers: number;
  /** Revealed in the digest's own week (drawn in the accent colour). */
  thisWeek: boolean;
}

export interface DigestView {
  /** ISO week the digest closes, e.g. `2026-W49`. */
  week: string;
  from: number;
  until: number;
  timezone: string;
  /** Rounds of the last eight weeks, oldest first. */
  rounds: DigestRound[];
  /** This week's most-missed key points, most missed first. */
  missed: { label: string; missedBy: number; title: string }[];
  /** The channel's top current streaks. */
  streaks: BoardEntry[];
  /** The week's hardest question: lowest share of key points covered, or of right picks. */
  hardest?: {
    roundId: string;
    title: string;
    /** 0 to 100. */
    percent: number;
    kind: 'coverage' | 'picks';
    answers: number;
    post?: PostRef;
  };
  /** Who answered in the channel for the first time this week. */
  newcomers: Person[];
}

/** The digest's PNG, as the chart port renders it. */
export interface DigestImage {
  png: Uint8Array;
  width: number;
  height: number;
  /** A one-sentence description for the image's alt text. */
  alt: string;
}
