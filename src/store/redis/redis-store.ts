/**
 * The production store on Redis: a thin typed wrapper over the Lua scripts in ./lua/, one per atomic
 * update, each confined to one hash slot (key layout in keys.ts). The few updates that span two slots
 * (an answer and the user's channel index, a round and its reveal job) go out in the order that
 * leaves only harmless leftovers if the second half fails: as one pipeline on a single Redis, as two
 * round trips on a Redis Cluster, where the two slots may live on different nodes.
 */
import { type ChainableCommander, Cluster } from 'ioredis';
import { currentStreak } from '../../core/streaks.ts';
import type { Answer, Board, ChannelId, Platform, PostRef, Round, Schedule, UserStats } from '../../core/types.ts';
import { splitChannelId } from '../../core/types.ts';
import { type Logger, silentLogger } from '../../ports/logger.ts';
import {
  type EditOutcome,
  FORGET_TOMBSTONE_MS,
  type Job,
  type Leaderboard,
  type NewAnswer,
  type NewPick,
  type OpenRoundInput,
  type PickOutcome,
  type OpenRoundResult,
  type PracticeState,
  type RecordOutcome,
  type RevealResult,
  type Rotation,
  type RoundAward,
  type Store,
  type StreakProtection,
} from '../../ports/store.ts';
import { jobKey, parseJobKey } from '../job-keys.ts';
import { createRedisClient, type RedisClient } from './client.ts';
import {
  decodeAnswers,
  decodeFreezeUses,
  decodeLeaderboard,
  decodePractice,
  decodeRound,
  decodeSchedule,
  decodeStreakProtection,
  decodeStreakRecord,
  encodeAnswer,
  encodePractice,
  encodeSchedule,
  pairs,
} from './codecs.ts';
import { RedisKeys, tombstoneId } from './keys.ts';
import { RedisSuggestions } from './redis-suggestions.ts';
import { RedisRateBudget } from './rate-budget.ts';
import type { NewSuggestion, SuggestionChange, SuggestionStatus } from '../../ports/suggestion-store.ts';
import { RedisDigestStore } from './redis-digest-store.ts';
import { reportingOutages, storeUnavailable } from './outage.ts';
import {
  type ScriptCall,
  type ScriptName,
  type ScriptReply,
  callScript,
  defineScripts,
  execPipeline,
  queueScript,
} from './scripts.ts';

/** How long a revealed round and its thread index entry are kept (a late reply is still told so). */
export const REVEALED_RETENTION_MS = 180 * 24 * 3_600_000;
/**
 * How long a revealed round's answers, texts included, are kept: the text is judged again when its
 * author asks for their feedback (My feedback, `/quiz feedback` on the channel's last revealed round,
 * which on a weekly schedule is up to 7 days old) and re-posting a failed reveal needs it for a day.
 */
export const ANSWER_RETENTION_MS = 8 * 24 * 3_600_000;
/** Tries at forgetting a user in a channel whose months or answered rounds keep changing meanwhile. */
const FORGET_ATTEMPTS = 5;

export class RedisStore extends RedisDigestStore implements Store {
  private readonly keys: RedisKeys;
  /** Whether commands in different slots must go out separately (see `thenScript`). */
  private readonly cluster: boolean;
  private readonly suggestions: RedisSuggestions;
  /** Discord's REST rate shared by every replica on this Redis (see ports/rate-budget.ts). */
  readonly rateBudget: RedisRateBudget;

  /** Takes ownership of the client: `close()` quits it. */
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly logger: Logger = silentLogger,
  ) {
    super(redis, new RedisKeys(prefix));
    this.keys = new RedisKeys(prefix);
    this.cluster = redis instanceof Cluster;
    defineScripts(redis);
    this.suggestions = new RedisSuggestions(redis, this.keys.team);
    this.rateBudget = new RedisRateBudget(redis, this.keys);
  }

  addSuggestion(suggestion: NewSuggestion, maxPending: number) {
    return this.suggestions.addSuggestion(suggestion, maxPending);
  }

  getSuggestion(id: string) {
    return this.suggestions.getSuggestion(id);
  }

  listSuggestions(space: string, status: SuggestionStatus) {
    return this.suggestions.listSuggestions(space, status);
  }

  changeSuggestion(space: string, id: string, change: SuggestionChange, at: number, reason?: string) {
    return this.suggestions.changeSuggestion(space, id, change, at, reason);
  }

  forgetSuggestionAuthor(authorKey: string) {
    return this.suggestions.forgetSuggestionAuthor(authorKey);
  }

  /**
   * Runs a command in one slot and then a script in another, returning both replies. A single Redis
   * takes them as one pipeline; a cluster refuses pipelines that span nodes, so there the first
   * reply is awaited before the script goes out. Either way the script never runs without the first.
   */
  private async thenScript<S extends ScriptName>(
    first: (p: ChainableCommander) => void,
    call: ScriptCall<S>,
  ): Promise<[firstReply: unknown, scriptReply: ScriptReply<S>]> {
    if (!this.cluster) {
      const pipeline = this.redis.pipeline();
      first(pipeline);
      queueScript(pipeline, call);
      const [firstReply, scriptReply] = await execPipeline(pipeline);
      return [firstReply, scriptReply as ScriptReply<S>];
    }
    const one = this.redis.pipeline();
    first(one);
    const [firstReply] = await execPipeline(one);
    const two = this.redis.pipeline();
    queueScript(two, call);
    const [scriptReply] = await execPipeline(two);
    return [firstReply, scriptReply as ScriptReply<S>];
  }

  /** Two commands in two slots, the second sent only after the first ran; returns both replies. */
  private async thenCommand(
    first: (p: ChainableCommander) => void,
    second: (p: ChainableCommander) => void,
  ): Promise<unknown[]> {
    if (!this.cluster) {
      const pipeline = this.redis.pipeline();
      first(pipeline);
      second(pipeline);
      return execPipeline(pipeline);
    }
    const one = this.redis.pipeline();
    first(one);
    const [firstReply] = await execPipeline(one);
    const two = this.redis.pipeline();
    second(two);
    const [secondReply] = await execPipeline(two);
    return [firstReply, secondReply];
  }

  async getSchedule(channel: ChannelId): Promise<Schedule | null> {
    const json = await this.redis.hget(this.keys.schedules, channel);
    return json === null ? null : decodeSchedule(json);
  }

  async setSchedule(channel: ChannelId, schedule: Schedule, nextPostAt: number): Promise<void> {
    await callScript(this.redis, {
      script: 'set-schedule',
      keys: [this.keys.schedules, this.keys.jobs, ...(schedule.space ? [this.keys.spaceChannels(schedule.space)] : [])],
      args: [channel, encodeSchedule(schedule), jobKey({ kind: 'post', channel }), nextPostAt],
    });
  }

  async removeSchedule(channel: ChannelId): Promise<void> {
    // The space index is read from the schedule; a channel left in it only costs a lookup.
    const space = (await this.getSchedule(channel))?.space;
    await callScript(this.redis, {
      script: 'remove-schedule',
      keys: [this.keys.schedules, this.keys.jobs, ...(space ? [this.keys.spaceChannels(space)] : [])],
      args: [channel, jobKey({ kind: 'post', channel })],
    });
  }

  countSchedules(): Promise<number> {
    return this.redis.hlen(this.keys.schedules);
  }

  async scheduledChannelsIn(space: string): Promise<ChannelId[]> {
    return (await this.redis.smembers(this.keys.spaceChannels(space))) as ChannelId[];
  }

  async getRotation(channel: ChannelId): Promise<Rotation> {
    const ch = this.keys.channel(channel);
    const [asked, state] = await execPipeline(
      this.redis.pipeline().smembers(ch.rotation).hmget(ch.state, 'cycle', 'lastQuestion'),
    );
    const [cycle, last] = state as (string | null)[];
    return { asked: asked as string[], cycle: Number(cycle ?? 0), ...(last ? { last } : {}) };
  }

  async openRound(input: OpenRoundInput, healed = false): Promise<OpenRoundResult> {
    const ch = this.keys.channel(input.channel);
    const job = jobKey({ kind: 'reveal', channel: input.channel, roundId: input.roundId });
    const [jobAdded, reply] = await this.thenScript(
      // NX: a retry must not cut short the lease of a reveal job another process is running.
      (p) => p.zadd(this.keys.jobs, 'NX', input.revealAt, job),
      {
        script: 'open-round',
        keys: [ch.state, ch.round(input.roundId), ch.rotation],
        args: [
          input.roundId,
          input.questionId,
          input.postedAt,
          input.revealAt,
          input.timezone,
          input.startNewCycle ? '1' : '0',
          input.openedAt,
        ],
      },
    );
    const [status, detail] = reply;
    if (status === 'opened') {
      const { channel, roundId: id, questionId, postedAt, openedAt, revealAt, timezone } = input;
      return {
        status,
        round: { id, channel, seq: detail, questionId, postedAt, openedAt, revealAt, timezone, state: 'open' },
      };
    }
    const round =
      status === 'exists' ? decodeRound(input.channel, pairs(detail)) : await this.getRound(input.channel, detail);
    // The job went out before the script decided; take it back when it belongs to no open round.
    if (jobAdded === 1 && (status === 'busy' || round?.state !== 'open')) await this.redis.zrem(this.keys.jobs, job);
    if (round) return { status, round };
    // The open round is gone: clear the pointer and try once more, instead of refusing every post.
    if (status === 'busy' && !healed) {
      await this.clearLostOpenRound(input.channel, detail);
      return this.openRound(input, true);
    }
    throw new Error(`channel ${input.channel} points at open round ${detail}, which does not exist`);
  }

  async attachPost(channel: ChannelId, roundId: string, post: PostRef): Promise<void> {
    const ch = this.keys.channel(channel);
    await callScript(this.redis, {
      script: 'attach-post',
      keys: [ch.round(roundId), ch.threads, ch.revealedThreads],
      args: [post.messageId, post.threadId, roundId],
    });
  }

  async getRound(channel: ChannelId, roundId: string): Promise<Round | null> {
    const fields = await this.redis.hgetall(this.keys.channel(channel).round(roundId));
    return Object.keys(fields).length === 0 ? null : decodeRound(channel, fields);
  }

  async getOpenRound(channel: ChannelId): Promise<Round | null> {
    const roundId = await this.redis.hget(this.keys.channel(channel).state, 'open');
    if (roundId === null) return null;
    const round = await this.getRound(channel, roundId);
    if (!round) await this.clearLostOpenRound(channel, roundId);
    return round?.state === 'open' ? round : null;
  }

  async getLastRevealedRound(channel: ChannelId): Promise<Round | null> {
    const roundId = await this.redis.hget(this.keys.channel(channel).state, 'revealedRound');
    const round = roundId === null ? null : await this.getRound(channel, roundId);
    return round?.state === 'revealed' ? round : null;
  }

  /**
   * A round hash can vanish under a Redis that evicts keys (see README: maxmemory-policy noeviction),
   * in a partial restore or by hand; its channel's pointer would then block every new round.
   */
  private async clearLostOpenRound(channel: ChannelId, roundId: string): Promise<void> {
    const ch = this.keys.channel(channel);
    const cleared = await callScript(this.redis, {
      script: 'clear-lost-open-round',
      keys: [ch.state, ch.round(roundId)],
      args: [roundId],
    });
    if (cleared === 1)
      this.logger.warn(
        { channel, roundId },
        'the open round of this channel was missing from Redis (evicted or deleted?): cleared it so the next round can open; check that maxmemory-policy is noeviction',
      );
  }

  async findRoundByThread(channel: ChannelId, threadId: string): Promise<Round | null> {
    const roundId = await this.redis.hget(this.keys.channel(channel).threads, threadId);
    return roundId === null ? null : this.getRound(channel, roundId);
  }

  countAnswers(channel: ChannelId, roundId: string): Promise<number> {
    return this.redis.hlen(this.keys.channel(channel).answers(roundId));
  }

  async recordAnswer(channel: ChannelId, roundId: string, answer: NewAnswer): Promise<RecordOutcome> {
    const ch = this.keys.channel(channel);
    const { monthKey, ...stored } = answer;
    const { userId } = answer;
    // The channel index lives in the user's slot; it goes first so no recorded answer is ever unindexed.
    // The tombstone is read after it: a forget-me whose tombstone this read misses will find this
    // channel in the index and leave a tombstone in the channel's slot, which the script reads too.
    const platformUserKey = `${splitChannelId(channel).platform}:${userId}`;
    const userIndex = this.keys.user(platformUserKey).channels;
    const tombstone = tombstoneId(platformUserKey);
    const call = (tombstoneKey: string[], forgottenAt: string): ScriptCall<'record-answer'> => ({
      script: 'record-answer',
      keys: [...ch.firstAnswerKeys(roundId, userId, monthKey), ...tombstoneKey],
      args: [
        roundId,
        userId,
        answer.userName,
        encodeAnswer(stored satisfies Answer),
        answer.at,
        monthKey,
        tombstone,
        forgottenAt,
      ],
    });
    let added: number;
    let outcome: RecordOutcome;
    if (this.cluster) {
      // The tombstone's slot may live on another node than the channel's: read it first, pass it in.
      const [indexed, forgottenAt] = (await this.thenCommand(
        (p) => p.sadd(userIndex, channel),
        (p) => p.get(this.keys.forgotten(tombstone)),
      )) as [number, string | null];
      added = indexed;
      outcome =
        forgottenAt !== null && answer.at <= Number(forgottenAt)
          ? 'forgotten'
          : await callScript(this.redis, call([], forgottenAt ?? ''));
    } else {
      // One round trip: on a single Redis the script reads the tombstone itself, after the index entry.
      // Both go out in this order on the one connection, as two plain commands: an ioredis pipeline
      // object per reply (it copies every defined script) cost more in the bench than the extra write.
      [added, outcome] = await Promise.all([
        this.redis.sadd(userIndex, channel),
        callScript(this.redis, call([this.keys.forgotten(tombstone)], '')),
      ]);
    }
    // Sent before a forget-me: refused, and the index entry just made for it goes again, so no key
    // is left naming the user.
    if (outcome === 'forgotten' && added === 1) await this.redis.srem(userIndex, channel);
    return outcome;
  }

  async recordPick(channel: ChannelId, roundId: string, pick: NewPick): Promise<PickOutcome> {
    const ch = this.keys.channel(channel);
    const { userId } = pick;
    // Indexed and checked against a forget-me exactly as an answer is (see recordAnswer).
    const platformUserKey = `${splitChannelId(channel).platform}:${userId}`;
    const userIndex = this.keys.user(platformUserKey).channels;
    const tombstone = tombstoneId(platformUserKey);
    const [added, forgottenAt] = (await this.thenCommand(
      (p) => p.sadd(userIndex, channel),
      (p) => p.get(this.keys.forgotten(tombstone)),
    )) as [number, string | null];
    if (forgottenAt !== null && pick.at <= Number(forgottenAt)) {
      if (added === 1) await this.redis.srem(userIndex, channel);
      return 'forgotten';
    }
    const stored: Answer = {
      userId,
      userName: pick.userName,
      text: '',
      messageId: '',
      at: pick.at,
      pick: pick.option,
    };
    return callScript(this.redis, {
      script: 'record-pick',
      keys: ch.firstAnswerKeys(roundId, userId, pick.monthKey),
      args: [
        roundId,
        userId,
        pick.userName,
        encodeAnswer(stored),
        pick.at,
        pick.monthKey,
        tombstone,
        forgottenAt ?? '',
        pick.option,
      ],
    });
  }

  async scoreRound(channel: ChannelId, roundId: string, awards: RoundAward[], monthKey: string): Promise<boolean> {
    const ch = this.keys.channel(channel);
    const scored = await callScript(this.redis, {
      script: 'score-round',
      keys: [
        ch.round(roundId),
        ch.board('points'),
        ch.pointsMonthBoard(monthKey),
        ch.months,
        ...awards.map((a) => ch.user(a.userId)),
      ],
      args: [
        monthKey,
        ...awards.flatMap((a) => [
          a.userId,
          String(a.points),
          a.rightPick === undefined ? '' : a.rightPick ? '1' : '0',
        ]),
      ],
    });
    return scored === 1;
  }

  async editAnswer(
    channel: ChannelId,
    roundId: string,
    edit: { userId: string; messageId: string; text: string; at: number },
  ): Promise<EditOutcome> {
    const ch = this.keys.channel(channel);
    return callScript(this.redis, {
      script: 'edit-answer',
      keys: [ch.round(roundId), ch.answers(roundId)],
      args: [edit.userId, edit.messageId, edit.text, edit.at],
    });
  }

  async deleteAnswer(
    channel: ChannelId,
    roundId: string,
    deletion: { messageId: string; at: number },
  ): Promise<EditOutcome> {
    const ch = this.keys.channel(channel);
    return callScript(this.redis, {
      script: 'delete-answer',
      keys: [ch.round(roundId), ch.answers(roundId)],
      args: [deletion.messageId, deletion.at],
    });
  }

  async revealOrCancelRound(channel: ChannelId, roundId: string): Promise<RevealResult | null> {
    const ch = this.keys.channel(channel);
    const reply = await callScript(this.redis, {
      script: 'reveal-round',
      keys: [
        ch.round(roundId),
        ch.answers(roundId),
        ch.state,
        ch.board('streak'),
        ch.threads,
        ch.revealedThreads,
        ch.guards,
        ch.names,
      ],
      args: [roundId, REVEALED_RETENTION_MS, ANSWER_RETENTION_MS],
    });
    if (!reply) return null;
    const [roundFields, answerFields, frozen] = reply;
    const freezesUsed = decodeFreezeUses(frozen);
    return {
      round: decodeRound(channel, pairs(roundFields)),
      answers: decodeAnswers(Object.values(pairs(answerFields))),
      ...(freezesUsed.length > 0 ? { freezesUsed } : {}),
    };
  }

  async setAbsence(channel: ChannelId, userId: string, until: number): Promise<void> {
    const userIndex = this.keys.user(`${splitChannelId(channel).platform}:${userId}`).channels;
    // Indexed first, as an answer is, so forget-me finds this channel even if the user never answered here.
    await this.thenCommand(
      (p) => p.sadd(userIndex, channel),
      (p) => p.hset(this.keys.channel(channel).guards, `away:${userId}`, until),
    );
  }

  async endAbsence(channel: ChannelId, userId: string, now: number): Promise<boolean> {
    const ended = await callScript(this.redis, {
      script: 'end-absence',
      keys: [this.keys.channel(channel).guards],
      args: [userId, now],
    });
    return ended === 1;
  }

  async getStreakProtection(channel: ChannelId, userId: string, now: number): Promise<StreakProtection> {
    const ch = this.keys.channel(channel);
    const [guard, revealedSeq] = (await execPipeline(
      this.redis
        .pipeline()
        .hmget(ch.guards, `away:${userId}`, `freezes:${userId}`, `frozen:${userId}`)
        .hget(ch.state, 'revealedSeq'),
    )) as [(string | null)[], string | null];
    return decodeStreakProtection(guard, revealedSeq, now);
  }

  async finishAnnouncement(channel: ChannelId, roundId: string): Promise<void> {
    await this.redis.hdel(this.keys.channel(channel).round(roundId), 'announcePending');
  }

  async getAnswers(channel: ChannelId, roundId: string): Promise<Answer[]> {
    return decodeAnswers(await this.redis.hvals(this.keys.channel(channel).answers(roundId)));
  }

  async getUserStats(channel: ChannelId, userId: string, monthKey: string): Promise<UserStats | null> {
    const ch = this.keys.channel(channel);
    const pipeline = this.redis
      .pipeline()
      .hgetall(ch.user(userId))
      .hget(ch.state, 'revealedSeq')
      .hget(ch.names, userId)
      .hget(ch.guards, `kept:${userId}`);
    const [fields, revealedSeq, name, kept] = (await execPipeline(pipeline)) as [
      Record<string, string>,
      string | null,
      string | null,
      string | null,
    ];
    const record = decodeStreakRecord(fields);
    if (!record) return null;
    return {
      userId,
      name: name ?? userId,
      currentStreak: currentStreak(record, Number(revealedSeq ?? 0), Number(kept ?? 0)),
      bestStreak: record.best,
      total: record.total,
      month: record.monthKey === monthKey ? record.month : 0,
      points: Number(fields.points ?? 0),
      monthPoints: fields.pointsMonthKey === monthKey ? Number(fields.monthPoints ?? 0) : 0,
      picks: Number(fields.picks ?? 0),
      rightPicks: Number(fields.rightPicks ?? 0),
    };
  }

  async getLeaderboard(
    channel: ChannelId,
    board: Board,
    monthKey: string,
    limit: number,
    callerId: string,
  ): Promise<Leaderboard> {
    const ch = this.keys.channel(channel);
    const key =
      board === 'month'
        ? ch.monthBoard(monthKey)
        : board === 'points-month'
          ? ch.pointsMonthBoard(monthKey)
          : ch.board(board);
    const reply = await callScript(this.redis, {
      script: 'read-leaderboard',
      keys: [key, ch.names],
      args: [limit, callerId],
    });
    return decodeLeaderboard(reply, callerId);
  }

  async forgetUser(platform: Platform, userId: string, at: number): Promise<void> {
    const user = this.keys.user(`${platform}:${userId}`);
    const tombstone = tombstoneId(`${platform}:${userId}`);
    // The tombstone goes first: an answer recorded from now on reads it, or (if it read it before)
    // indexed its channel before, so the channel is listed below and gets its own tombstone.
    await this.redis.set(this.keys.forgotten(tombstone), String(at), 'PX', FORGET_TOMBSTONE_MS);
    const channels = (await this.redis.smembers(user.channels)) as ChannelId[];
    for (const channel of channels) await this.forgetUserIn(channel, userId, tombstone, at);
    // Only the channels handled above leave the index: one answered meanwhile stays forgettable.
    const cleanup = this.redis.pipeline().del(user.practice, user.recentPractice);
    if (channels.length > 0) cleanup.srem(user.channels, ...channels);
    await execPipeline(cleanup);
  }

  private async forgetUserIn(channel: ChannelId, userId: string, tombstone: string, at: number): Promise<void> {
    const ch = this.keys.channel(channel);
    for (let attempt = 0; attempt < FORGET_ATTEMPTS; attempt++) {
      const listed = await execPipeline(this.redis.pipeline().smembers(ch.months).smembers(ch.userRounds(userId)));
      const [months, rounds] = listed as [string[], string[]];
      const outcome = await callScript(this.redis, {
        script: 'forget-user-in-channel',
        keys: [
          ch.user(userId),
          ch.userRounds(userId),
          ch.names,
          ch.board('streak'),
          ch.board('best'),
          ch.board('total'),
          ch.board('points'),
          ch.months,
          ch.forgotten,
          ...months.map((month) => ch.monthBoard(month)),
          ...months.map((month) => ch.pointsMonthBoard(month)),
          ...rounds.map((roundId) => ch.answers(roundId)),
          ch.guards,
        ],
        args: [userId, months.length, rounds.length, tombstone, at, FORGET_TOMBSTONE_MS],
      });
      if (outcome === 'forgotten') return this.forgetDigestUserIn(channel, userId);
    }
    throw new Error(
      `could not forget user ${userId} in ${channel}: new months or answers kept arriving (${FORGET_ATTEMPTS} attempts)`,
    );
  }

  async claimDueJobs(now: number, leaseMs: number, limit: number): Promise<Job[]> {
    const claimed = await callScript(this.redis, {
      script: 'claim-jobs',
      keys: [this.keys.jobs],
      args: [now, leaseMs, limit],
    });
    return claimed.map(parseJobKey);
  }

  async rescheduleJob(job: Job, at: number): Promise<void> {
    await this.redis.zadd(this.keys.jobs, at, jobKey(job));
  }

  async reschedulePost(channel: ChannelId, schedule: Schedule, at: number): Promise<boolean> {
    const moved = await callScript(this.redis, {
      script: 'reschedule-post',
      keys: [this.keys.schedules, this.keys.jobs],
      args: [channel, encodeSchedule(schedule), jobKey({ kind: 'post', channel }), at],
    });
    return moved === 1;
  }

  async extendJobLease(job: Job, until: number): Promise<void> {
    // XX: never re-adds a job completed meanwhile; GT: never pulls a later due time forward.
    await this.redis.zadd(this.keys.jobs, 'XX', 'GT', until, jobKey(job));
  }

  async completeJob(job: Job): Promise<void> {
    await this.redis.zrem(this.keys.jobs, jobKey(job));
  }

  async jobDueAt(job: Job): Promise<number | null> {
    const score = await this.redis.zscore(this.keys.jobs, jobKey(job));
    return score === null ? null : Number(score);
  }

  async getPractice(platformUserKey: string): Promise<PracticeState | null> {
    const json = await this.redis.get(this.keys.user(platformUserKey).practice);
    return json === null ? null : decodePractice(json);
  }

  async startPractice(platformUserKey: string, state: PracticeState, keepRecent: number): Promise<void> {
    const user = this.keys.user(platformUserKey);
    await callScript(this.redis, {
      script: 'start-practice',
      keys: [user.practice, user.recentPractice],
      args: [encodePractice(state), state.questionId, keepRecent],
    });
  }

  async endPractice(platformUserKey: string): Promise<void> {
    await this.redis.del(this.keys.user(platformUserKey).practice);
  }

  recentPractice(platformUserKey: string): Promise<string[]> {
    return this.redis.lrange(this.keys.user(platformUserKey).recentPractice, 0, -1);
  }

  async ping(): Promise<void> {
    try {
      await this.redis.ping();
    } catch (error) {
      throw storeUnavailable(this.redis, null, error);
    }
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      // Already down or closed: nothing left to flush.
      this.redis.disconnect();
    }
  }
}

/**
 * The production store: a client built from the REDIS_URL setting, wrapped so a lost connection
 * reaches the core as `store-unavailable`.
 */
export function createRedisStore(
  url: string,
  prefix: string,
  logger: Logger,
  options: { cluster?: boolean } = {},
): RedisStore {
  const client = createRedisClient(url, logger, options);
  return reportingOutages(new RedisStore(client, prefix, logger), client);
}
