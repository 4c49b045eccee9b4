/**
 * The Redis key layout. Every key starts with the configured prefix; each channel's keys carry the
 * hash tag `{<channel id>}` and each user's the tag `{user:<platform>:<id>}`, so under Redis Cluster
 * every Lua script touches exactly one slot. Jobs and schedules share the `{jobs}` slot because a
 * schedule change moves its post job in the same script.
 */
import { createHash } from 'node:crypto';
import type { ChannelId } from '../../core/types.ts';

/** A one-way id for a forgotten user's tombstone: it matches their later replies without naming them. */
export function tombstoneId(platformUserKey: string): string {
  return createHash('sha256').update(platformUserKey).digest('hex').slice(0, 32);
}

export class RedisKeys {
  constructor(readonly prefix: string) {
    // A brace in the prefix would become the hash tag and put every key in one slot.
    if (/[{}]/.test(prefix))
      throw new Error(`the Redis key prefix "${prefix}" must not contain { or }: they would override the hash tags`);
  }

  /** Sorted set of job keys (see job-keys.ts) scored by when each is due, or its lease ends. */
  get jobs(): string {
    return `${this.prefix}{jobs}:queue`;
  }

  /** Hash: channel id → schedule JSON. */
  get schedules(): string {
    return `${this.prefix}{jobs}:schedules`;
  }

  /** Set of the channels scheduled in one server or workspace (`Schedule.space`); `{jobs}` slot like schedules. */
  spaceChannels(space: string): string {
    if (/[{}]/.test(space))
      throw new Error(`the space "${space}" must not contain { or }: it would override the hash tag`);
    return `${this.prefix}{jobs}:space:${space}`;
  }

  /** String: the next free send slot of a rate shared by every replica (see reserve-slot.lua). */
  budget(name: string): string {
    if (/[{}]/.test(name)) throw new Error(`the budget name "${name}" must not contain { or }: it is its hash tag`);
    return `${this.prefix}{budget:${name}}`;
  }

  channel(id: ChannelId): ChannelKeys {
    if (/[{}]/.test(id))
      throw new Error(`the channel id "${id}" must not contain { or }: it is the channel's hash tag`);
    return new ChannelKeys(`${this.prefix}{${id}}:`);
  }

  /**
   * String: when a user last ran forget-me (ms). Named by `tombstoneId`, not the user's id, so no key
   * names a user who asked to be forgotten; in its own slot, so it is read apart from the user's keys.
   */
  forgotten(tombstone: string): string {
    return `${this.prefix}{forgotten:${tombstone}}`;
  }

  /** Suggestions of every space share the `{team}` slot: each change is one script over a few hashes. */
  get team(): TeamKeys {
    return new TeamKeys(`${this.prefix}{team}:`);
  }

  user(platformUserKey: string): UserKeys {
    if (/[{}]/.test(platformUserKey))
      throw new Error(`the user key "${platformUserKey}" must not contain { or }: it is the user's hash tag`);
    return new UserKeys(`${this.prefix}{user:${platformUserKey}}:`);
  }
}

/** The keys every script that counts a first answer takes first, in this order. */
export type FirstAnswerKeys = [
  round: string,
  answers: string,
  user: string,
  userRounds: string,
  names: string,
  streakBoard: string,
  bestBoard: string,
  totalBoard: string,
  monthBoard: string,
  months: string,
  forgotten: string,
  guards: string,
];

export class ChannelKeys {
  constructor(private readonly base: string) {}

  /** Hash: seq, revealedSeq, revealedRound (its round's id), open (the open round's id), cycle, lastQuestion. */
  get state(): string {
    return `${this.base}state`;
  }
  /** Set of question ids asked in the current rotation cycle. */
  get rotation(): string {
    return `${this.base}rotation`;
  }
  /** Hash: thread id → round id. */
  get threads(): string {
    return `${this.base}threads`;
  }
  /** Sorted set: thread ids of revealed rounds by reveal time, to trim `threads`. */
  get revealedThreads(): string {
    return `${this.base}threads:revealed`;
  }
  /** Hash: user id → display name, for board entries. */
  get names(): string {
    return `${this.base}names`;
  }
  /** Hash: tombstone id (see `tombstoneId`) → when that user ran forget-me (ms), so replies sent before it are not recorded. */
  get forgotten(): string {
    return `${this.base}forgotten`;
  }
  /**
   * Hash of streak protection (streaks.ts StreakGuard), fields named `<field>:<user id>`: away (when
   * the absence ends, ms), freezes (how many held), kept (the latest protected round's seq), frozen
   * (the latest round that used a freeze). One hash per channel, so the reveal reads and writes
   * every user's protection through one declared key.
   */
  get guards(): string {
    return `${this.base}guards`;
  }
  /** Set of `YYYY-MM` months that have a monthly board. */
  get months(): string {
    return `${this.base}months`;
  }
  /** Hash of the round's fields. Ids sit last in their key, under distinct names, so no id can forge another key. */
  round(roundId: string): string {
    return `${this.base}round:${roundId}`;
  }
  /** Hash: user id → answer JSON. */
  answers(roundId: string): string {
    return `${this.base}answers:${roundId}`;
  }
  /** Hash: streak, best, lastSeq, total, monthKey, month, and once scored points, pointsMonthKey, monthPoints, picks, rightPicks. */
  user(userId: string): string {
    return `${this.base}user:${userId}`;
  }
  /** Set of round ids the user answered, so forgetting them finds every answer. */
  userRounds(userId: string): string {
    return `${this.base}answered:${userId}`;
  }
  board(board: 'streak' | 'best' | 'total' | 'points'): string {
    return `${this.base}board:${board}`;
  }
  monthBoard(monthKey: string): string {
    return `${this.base}board:month:${monthKey}`;
  }
  /** Hash: round id → the round's digest summary JSON, without its newcomers. */
  get summaries(): string {
    return `${this.base}digest:summaries`;
  }
  /** Sorted set: round ids of the summaries by reveal time, to read a range and trim old ones. */
  get summaryTimes(): string {
    return `${this.base}digest:summaries:times`;
  }
  /** Hash: round id → JSON array of the people first seen in the channel at that round. */
  get newcomers(): string {
    return `${this.base}digest:newcomers`;
  }
  /** Set of user ids who ever answered in the channel (since the digest existed). */
  get seen(): string {
    return `${this.base}digest:seen`;
  }
  /** String: the channel's digest settings JSON. */
  get digestSettings(): string {
    return `${this.base}digest:settings`;
  }
  /** String, expiring: how many attempts at that week's digest began, or `done` once it was posted or given up. */
  digestWeek(week: string): string {
    return `${this.base}digest:week:${week}`;
  }
  /**
   * KEYS[1]..KEYS[12] of record-answer.lua and record-pick.lua, in their order: the layout their shared
   * lua/lib/count-first-answer.lua relies on, written once so the two calls cannot drift apart.
   */
  firstAnswerKeys(roundId: string, userId: string, monthKey: string): FirstAnswerKeys {
    return [
      this.round(roundId),
      this.answers(roundId),
      this.user(userId),
      this.userRounds(userId),
      this.names,
      this.board('streak'),
      this.board('best'),
      this.board('total'),
      this.monthBoard(monthKey),
      this.months,
      this.forgotten,
      this.guards,
    ];
  }
  /** The points earned in one month; `months` lists the month as for `monthBoard`. */
  pointsMonthBoard(monthKey: string): string {
    return `${this.base}board:points-month:${monthKey}`;
  }
}

export class UserKeys {
  constructor(private readonly base: string) {}

  /** Set of channel ids the user has stats or answers in. */
  get channels(): string {
    return `${this.base}channels`;
  }
  /** String: the open practice question, as JSON. */
  get practice(): string {
    return `${this.base}practice`;
  }
  /** List of recently practised question ids, newest first. */
  get recentPractice(): string {
    return `${this.base}practice:recent`;
  }
}

/** Keys of the team's suggestions (see add-suggestion.lua for what each holds). */
export class TeamKeys {
  constructor(private readonly base: string) {}

  get seq(): string {
    return `${this.base}seq`;
  }
  get body(): string {
    return `${this.base}body`;
  }
  get status(): string {
    return `${this.base}status`;
  }
  get author(): string {
    return `${this.base}author`;
  }
  get name(): string {
    return `${this.base}name`;
  }
  get spaceOf(): string {
    return `${this.base}space-of`;
  }
  get decided(): string {
    return `${this.base}decided`;
  }
  space(space: string): string {
    if (/[{}]/.test(space))
      throw new Error(`the space "${space}" must not contain { or }: it would break the {team} slot`);
    return `${this.base}space:${space}`;
  }
  by(authorKey: string): string {
    if (/[{}]/.test(authorKey))
      throw new Error(`the author key "${authorKey}" must not contain { or }: it would break the {team} slot`);
    return `${this.base}by:${authorKey}`;
  }
}
