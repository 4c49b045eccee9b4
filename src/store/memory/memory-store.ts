/**
 * The in-memory store: the zero-setup demo's brain and the reference the Redis store is held to by
 * the shared contract tests. Single-process only, and nothing survives a restart.
 */
import { byArrival } from '../../core/answers.ts';
import {
  applyAnswer,
  currentStreak,
  freezesAfterAnswer,
  judgeMiss,
  rankEntries,
  type StreakGuard,
  type StreakRecord,
} from '../../core/streaks.ts';
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
} from '../../core/types.ts';
import { splitChannelId } from '../../core/types.ts';
import type {
  EditOutcome,
  FreezeUse,
  Job,
  Leaderboard,
  NewAnswer,
  NewPick,
  OpenRoundInput,
  PickOutcome,
  OpenRoundResult,
  PracticeState,
  RecordOutcome,
  RevealResult,
  Rotation,
  RoundAward,
  Store,
  StreakProtection,
} from '../../ports/store.ts';
import { jobKey, parseJobKey } from '../job-keys.ts';
import { MemoryDigestStore } from './memory-digest-store.ts';

interface ChannelState {
  seq: number;
  revealedSeq: number;
  /** The round that set `revealedSeq`. */
  revealedRoundId?: string;
  openRoundId?: string;
  rounds: Map<string, { round: Round; answers: Map<string, Answer> }>;
  threads: Map<string, string>;
  rotation: { asked: Set<string>; cycle: number; last?: string };
  users: Map<string, StreakRecord & { name: string }>;
  /** Absences and freezes by user id (a user may be away before they ever answered). */
  guards: Map<string, StreakGuard>;
  /** Points and picks per user, apart from the streak record they are scored after. */
  scores: Map<string, Score>;
  /** Rounds whose points were awarded (see scoreRound). */
  scored: Set<string>;
}

interface Score {
  points: number;
  /** `YYYY-MM` → points earned that month (Redis keeps a board per month too). */
  monthly: Map<string, number>;
  picks: number;
  rightPicks: number;
}

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryStore extends MemoryDigestStore implements Store {
  private readonly schedules = new Map<ChannelId, Schedule>();
  private readonly jobs = new Map<string, number>();
  private readonly channels = new Map<ChannelId, ChannelState>();
  private readonly practice = new Map<string, PracticeState>();
  private readonly recent = new Map<string, string[]>();
  /** `<platform>:<user id>` → when they last ran forget-me (kept for the process's life). */
  private readonly forgotten = new Map<string, number>();

  private channel(id: ChannelId): ChannelState {
    let state = this.channels.get(id);
    if (!state) {
      state = {
        seq: 0,
        revealedSeq: 0,
        rounds: new Map(),
        threads: new Map(),
        rotation: { asked: new Set(), cycle: 0 },
        users: new Map(),
        guards: new Map(),
        scores: new Map(),
        scored: new Set(),
      };
      this.channels.set(id, state);
    }
    return state;
  }

  async getSchedule(channel: ChannelId) {
    return clone(this.schedules.get(channel) ?? null);
  }

  async setSchedule(channel: ChannelId, schedule: Schedule, nextPostAt: number) {
    this.schedules.set(channel, clone(schedule));
    this.jobs.set(jobKey({ kind: 'post', channel }), nextPostAt);
  }

  async removeSchedule(channel: ChannelId) {
    this.schedules.delete(channel);
    this.jobs.delete(jobKey({ kind: 'post', channel }));
  }

  async countSchedules() {
    return this.schedules.size;
  }

  async scheduledChannelsIn(space: string) {
    return [...this.schedules].filter(([, schedule]) => schedule.space === space).map(([channel]) => channel);
  }

  async getRotation(channel: ChannelId): Promise<Rotation> {
    const { rotation } = this.channel(channel);
    return { asked: [...rotation.asked], cycle: rotation.cycle, ...(rotation.last ? { last: rotation.last } : {}) };
  }

  async openRound(input: OpenRoundInput): Promise<OpenRoundResult> {
    const state = this.channel(input.channel);
    const existing = state.rounds.get(input.roundId);
    if (existing) return { status: 'exists', round: clone(existing.round) };
    const open = this.openEntry(state);
    if (open && open.round.state === 'open') return { status: 'busy', round: clone(open.round) };
    state.seq += 1;
    const round: Round = {
      id: input.roundId,
      channel: input.channel,
      seq: state.seq,
      questionId: input.questionId,
      postedAt: input.postedAt,
      openedAt: input.openedAt,
      revealAt: input.revealAt,
      timezone: input.timezone,
      state: 'open',
    };
    state.rounds.set(round.id, { round, answers: new Map() });
    state.openRoundId = round.id;
    if (input.startNewCycle) state.rotation = { asked: new Set(), cycle: state.rotation.cycle + 1 };
    state.rotation.asked.add(input.questionId);
    state.rotation.last = input.questionId;
    this.jobs.set(jobKey({ kind: 'reveal', channel: input.channel, roundId: round.id }), input.revealAt);
    return { status: 'opened', round: clone(round) };
  }

  async attachPost(channel: ChannelId, roundId: string, post: PostRef) {
    const state = this.channel(channel);
    const entry = state.rounds.get(roundId);
    if (!entry) return;
    entry.round.post = clone(post);
    state.threads.set(post.threadId, roundId);
  }

  async getRound(channel: ChannelId, roundId: string) {
    return clone(this.channel(channel).rounds.get(roundId)?.round ?? null);
  }

  async getOpenRound(channel: ChannelId) {
    const round = this.openEntry(this.channel(channel))?.round;
    return round?.state === 'open' ? clone(round) : null;
  }

  /** The round the channel's pointer names; a pointer to a lost round is cleared (as on Redis). */
  private openEntry(state: ChannelState) {
    if (!state.openRoundId) return undefined;
    const entry = state.rounds.get(state.openRoundId);
    if (!entry) state.openRoundId = undefined;
    return entry;
  }

  async findRoundByThread(channel: ChannelId, threadId: string) {
    const state = this.channel(channel);
    const roundId = state.threads.get(threadId);
    return roundId ? clone(state.rounds.get(roundId)?.round ?? null) : null;
  }

  async countAnswers(channel: ChannelId, roundId: string) {
    return this.channel(channel).rounds.get(roundId)?.answers.size ?? 0;
  }

  async recordAnswer(channel: ChannelId, roundId: string, answer: NewAnswer): Promise<RecordOutcome> {
    const state = this.channel(channel);
    const entry = state.rounds.get(roundId);
    if (entry?.round.state !== 'open' || answer.at >= entry.round.revealAt) return 'closed';
    const forgottenAt = this.forgotten.get(`${splitChannelId(channel).platform}:${answer.userId}`);
    if (forgottenAt !== undefined && answer.at <= forgottenAt) return 'forgotten';
    const { monthKey, ...stored } = answer;
    const earlier = entry.answers.get(answer.userId);
    if (earlier?.deleted) {
      // The counted message was deleted: this reply takes its place; streaks already counted it.
      entry.answers.set(answer.userId, stored);
      return 'recorded';
    }
    if (earlier) return 'duplicate';
    entry.answers.set(answer.userId, stored);
    this.countAnswered(state, answer.userId, answer.userName, entry.round.seq, monthKey);
    return 'recorded';
  }

  /** A user's first answer or pick on round `seq`: streak, totals and freezes (same in both Lua scripts). */
  private countAnswered(state: ChannelState, userId: string, name: string, seq: number, monthKey: string): void {
    const guard = this.guard(state, userId);
    const record = applyAnswer(state.users.get(userId), seq, monthKey, guard.keptSeq);
    state.users.set(userId, { ...record, name });
    guard.freezes = freezesAfterAnswer(guard.freezes, record.streak);
  }

  async recordPick(channel: ChannelId, roundId: string, pick: NewPick): Promise<PickOutcome> {
    const state = this.channel(channel);
    const entry = state.rounds.get(roundId);
    if (entry?.round.state !== 'open' || pick.at >= entry.round.revealAt) return 'closed';
    const forgottenAt = this.forgotten.get(`${splitChannelId(channel).platform}:${pick.userId}`);
    if (forgottenAt !== undefined && pick.at <= forgottenAt) return 'forgotten';
    const earlier = entry.answers.get(pick.userId);
    if (earlier) {
      if (earlier.pick === pick.option) return 'unchanged';
      earlier.pick = pick.option;
      return 'changed';
    }
    entry.answers.set(pick.userId, {
      userId: pick.userId,
      userName: pick.userName,
      text: '',
      messageId: '',
      at: pick.at,
      pick: pick.option,
    });
    this.countAnswered(state, pick.userId, pick.userName, entry.round.seq, pick.monthKey);
    return 'recorded';
  }

  async scoreRound(channel: ChannelId, roundId: string, awards: RoundAward[], monthKey: string): Promise<boolean> {
    const state = this.channel(channel);
    if (state.rounds.get(roundId)?.round.state !== 'revealed' || state.scored.has(roundId)) return false;
    state.scored.add(roundId);
    for (const award of awards) {
      // A user forgotten since the reveal earns nothing back.
      if (!state.users.has(award.userId)) continue;
      const score = this.scoreOf(state, award.userId);
      score.points += award.points;
      score.monthly.set(monthKey, (score.monthly.get(monthKey) ?? 0) + award.points);
      if (award.rightPick !== undefined) {
        score.picks += 1;
        if (award.rightPick) score.rightPicks += 1;
      }
    }
    return true;
  }

  private scoreOf(state: ChannelState, userId: string): Score {
    let score = state.scores.get(userId);
    if (!score) {
      score = { points: 0, monthly: new Map(), picks: 0, rightPicks: 0 };
      state.scores.set(userId, score);
    }
    return score;
  }

  async editAnswer(
    channel: ChannelId,
    roundId: string,
    edit: { userId: string; messageId: string; text: string; at: number },
  ): Promise<EditOutcome> {
    const entry = this.channel(channel).rounds.get(roundId);
    if (entry?.round.state !== 'open' || edit.at >= entry.round.revealAt) return 'closed';
    const answer = entry.answers.get(edit.userId);
    if (!answer || answer.messageId !== edit.messageId) return 'ignored';
    answer.text = edit.text;
    return 'updated';
  }

  async getLastRevealedRound(channel: ChannelId): Promise<Round | null> {
    const state = this.channel(channel);
    const round = state.revealedRoundId ? state.rounds.get(state.revealedRoundId)?.round : undefined;
    return round?.state === 'revealed' ? clone(round) : null;
  }

  async revealOrCancelRound(channel: ChannelId, roundId: string): Promise<RevealResult | null> {
    const state = this.channel(channel);
    const entry = state.rounds.get(roundId);
    if (entry?.round.state !== 'open') return null;
    if (state.openRoundId === roundId) state.openRoundId = undefined;
    if (!entry.round.post) {
      // Never posted, so nobody could answer it: cancelled without touching streaks, and its
      // sequence number handed back (same rules as reveal-round.lua).
      entry.round.state = 'cancelled';
      if (state.seq === entry.round.seq) state.seq -= 1;
      return clone({ round: entry.round, answers: [] });
    }
    entry.round.state = 'revealed';
    entry.round.announcePending = true;
    const freezesUsed: FreezeUse[] = [];
    if (entry.round.seq >= state.revealedSeq) {
      freezesUsed.push(...this.settleMisses(state, entry.round, entry.answers));
      state.revealedSeq = entry.round.seq;
      state.revealedRoundId = roundId;
    }
    const answers = [...entry.answers.values()].sort(byArrival);
    return clone({ round: entry.round, answers, ...(freezesUsed.length > 0 ? { freezesUsed } : {}) });
  }

  /**
   * Applies `judgeMiss` to everyone with a running streak (as of the previous reveal) who did not
   * answer `round`: the same users reveal-round.lua finds on the streak board.
   */
  private settleMisses(state: ChannelState, round: Round, answers: Map<string, Answer>): FreezeUse[] {
    const used: FreezeUse[] = [];
    for (const [userId, record] of state.users) {
      const guard = state.guards.get(userId);
      if (answers.has(userId) || currentStreak(record, state.revealedSeq, guard?.keptSeq) === 0) continue;
      const verdict = judgeMiss(guard, round.postedAt);
      if (verdict === 'reset' || !guard) continue;
      guard.keptSeq = round.seq;
      if (verdict === 'freeze') {
        guard.freezes -= 1;
        guard.frozenSeq = round.seq;
        used.push({ userId, name: record.name, freezesLeft: guard.freezes });
      }
    }
    return used;
  }

  private guard(state: ChannelState, userId: string): StreakGuard {
    let guard = state.guards.get(userId);
    if (!guard) {
      guard = { freezes: 0 };
      state.guards.set(userId, guard);
    }
    return guard;
  }

  async setAbsence(channel: ChannelId, userId: string, until: number): Promise<void> {
    this.guard(this.channel(channel), userId).awayUntil = until;
  }

  async endAbsence(channel: ChannelId, userId: string, now: number): Promise<boolean> {
    const guard = this.channel(channel).guards.get(userId);
    const running = guard?.awayUntil !== undefined && guard.awayUntil > now;
    if (guard) delete guard.awayUntil;
    return running;
  }

  async getStreakProtection(channel: ChannelId, userId: string, now: number): Promise<StreakProtection> {
    const state = this.channel(channel);
    const guard = state.guards.get(userId);
    return {
      ...(guard?.awayUntil !== undefined && guard.awayUntil > now ? { awayUntil: guard.awayUntil } : {}),
      freezes: guard?.freezes ?? 0,
      freezeUsedLast: guard?.frozenSeq !== undefined && guard.frozenSeq === state.revealedSeq,
    };
  }

  async deleteAnswer(
    channel: ChannelId,
    roundId: string,
    deletion: { messageId: string; at: number },
  ): Promise<EditOutcome> {
    const entry = this.channel(channel).rounds.get(roundId);
    if (entry?.round.state !== 'open' || deletion.at >= entry.round.revealAt) return 'closed';
    const answer = [...entry.answers.values()].find((a) => a.messageId === deletion.messageId && !a.deleted);
    if (!answer) return 'ignored';
    answer.text = '';
    answer.deleted = true;
    return 'updated';
  }

  async finishAnnouncement(channel: ChannelId, roundId: string): Promise<void> {
    const round = this.channel(channel).rounds.get(roundId)?.round;
    if (round) delete round.announcePending;
  }

  async getAnswers(channel: ChannelId, roundId: string): Promise<Answer[]> {
    const answers = [...(this.channel(channel).rounds.get(roundId)?.answers.values() ?? [])];
    return clone(answers.sort(byArrival));
  }

  async getUserStats(channel: ChannelId, userId: string, monthKey: string): Promise<UserStats | null> {
    const state = this.channel(channel);
    const record = state.users.get(userId);
    if (!record) return null;
    const score = state.scores.get(userId);
    return {
      userId,
      name: record.name,
      currentStreak: currentStreak(record, state.revealedSeq, state.guards.get(userId)?.keptSeq),
      bestStreak: record.best,
      total: record.total,
      month: record.monthKey === monthKey ? record.month : 0,
      points: score?.points ?? 0,
      monthPoints: score?.monthly.get(monthKey) ?? 0,
      picks: score?.picks ?? 0,
      rightPicks: score?.rightPicks ?? 0,
    };
  }

  async getLeaderboard(
    channel: ChannelId,
    board: Board,
    monthKey: string,
    limit: number,
    callerId: string,
  ): Promise<Leaderboard> {
    const state = this.channel(channel);
    const score = (r: StreakRecord, userId: string): number => {
      const points = state.scores.get(userId);
      switch (board) {
        case 'streak':
          return currentStreak(r, state.revealedSeq, state.guards.get(userId)?.keptSeq);
        case 'best':
          return r.best;
        case 'total':
          return r.total;
        case 'month':
          return r.monthKey === monthKey ? r.month : 0;
        case 'points':
          return points?.points ?? 0;
        case 'points-month':
          return points?.monthly.get(monthKey) ?? 0;
      }
    };
    // Same order as Redis's ZREVRANGE: score descending, then member descending.
    const all = [...state.users.entries()]
      .map(([userId, r]) => ({ userId, name: r.name, score: score(r, userId) }))
      .filter((e) => e.score > 0)
      .sort((a, b) => b.score - a.score || (a.userId < b.userId ? 1 : a.userId > b.userId ? -1 : 0));
    const entries: BoardEntry[] = rankEntries(all.slice(0, limit));
    if (entries.some((e) => e.userId === callerId)) return { entries };
    const mine = all.find((e) => e.userId === callerId);
    if (!mine) return { entries };
    return { entries, caller: { ...mine, rank: 1 + all.filter((e) => e.score > mine.score).length } };
  }

  async forgetUser(platform: Platform, userId: string, at: number) {
    this.forgotten.set(`${platform}:${userId}`, Math.max(at, this.forgotten.get(`${platform}:${userId}`) ?? at));
    for (const [id, state] of this.channels) {
      if (!id.startsWith(`${platform}:`)) continue;
      state.users.delete(userId);
      state.guards.delete(userId);
      state.scores.delete(userId);
      for (const { answers } of state.rounds.values()) answers.delete(userId);
    }
    this.practice.delete(`${platform}:${userId}`);
    this.forgetDigestUser(platform, userId);
    this.recent.delete(`${platform}:${userId}`);
  }

  async claimDueJobs(now: number, leaseMs: number, limit: number): Promise<Job[]> {
    const due = [...this.jobs.entries()]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, limit);
    for (const [key] of due) this.jobs.set(key, now + leaseMs);
    return due.map(([key]) => parseJobKey(key));
  }

  async rescheduleJob(job: Job, at: number) {
    this.jobs.set(jobKey(job), at);
  }

  async reschedulePost(channel: ChannelId, schedule: Schedule, at: number) {
    const current = this.schedules.get(channel);
    if (!current || JSON.stringify(current) !== JSON.stringify(schedule)) return false;
    this.jobs.set(jobKey({ kind: 'post', channel }), at);
    return true;
  }

  async extendJobLease(job: Job, until: number) {
    const key = jobKey(job);
    const at = this.jobs.get(key);
    if (at !== undefined && at < until) this.jobs.set(key, until);
  }

  async completeJob(job: Job) {
    this.jobs.delete(jobKey(job));
  }

  async jobDueAt(job: Job) {
    return this.jobs.get(jobKey(job)) ?? null;
  }

  async getPractice(userKey: string) {
    return clone(this.practice.get(userKey) ?? null);
  }

  async startPractice(userKey: string, state: PracticeState, keepRecent: number) {
    this.practice.set(userKey, clone(state));
    const recent = [state.questionId, ...(this.recent.get(userKey) ?? []).filter((id) => id !== state.questionId)];
    this.recent.set(userKey, recent.slice(0, keepRecent));
  }

  async endPractice(userKey: string) {
    this.practice.delete(userKey);
  }

  async recentPractice(userKey: string) {
    return [...(this.recent.get(userKey) ?? [])];
  }

  async ping() {}

  async close() {}
}
