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
import type { Logger } from '../../ports/logger.ts';
import type {
  EditOutcome,
  Job,
  Leaderboard,
  NewAnswer,
  OpenRoundInput,
  OpenRoundResult,
  PracticeState,
  RecordOutcome,
  RevealResult,
  Rotation,
  Store,
} from '../../ports/store.ts';
import { jobKey, parseJobKey } from '../job-keys.ts';
import { createRedisClient, type RedisClient } from './client.ts';
import {
  decodeAnswers,
  decodeLeaderboard,
  decodePractice,
  decodeRound,
  decodeSchedule,
  decodeStreakRecord,
  encodeAnswer,
  encodePractice,
  encodeSchedule,
  pairs,
} from './codecs.ts';
import { RedisKeys } from './keys.ts';
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

/** How long a revealed round, its answers and its thread index entry are kept. */
export const REVEALED_RETENTION_MS = 180 * 24 * 3_600_000;
/** Tries at forgetting a user in a channel whose months or answered rounds keep changing meanwhile. */
const FORGET_ATTEMPTS = 5;

export class RedisStore implements Store {
  private readonly keys: RedisKeys;
  /** Whether commands in different slots must go out separately (see `thenScript`). */
  private readonly cluster: boolean;

  /** Takes ownership of the client: `close()` quits it. */
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new RedisKeys(prefix);
    this.cluster = redis instanceof Cluster;
    defineScripts(redis);
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

  async getSchedule(channel: ChannelId): Promise<Schedule | null> {
    const json = await this.redis.hget(this.keys.schedules, channel);
    return json === null ? null : decodeSchedule(json);
  }

  async setSchedule(channel: ChannelId, schedule: Schedule, nextPostAt: number): Promise<void> {
    await callScript(this.redis, {
      script: 'set-schedule',
      keys: [this.keys.schedules, this.keys.jobs],
      args: [channel, encodeSchedule(schedule), jobKey({ kind: 'post', channel }), nextPostAt],
    });
  }

  async removeSchedule(channel: ChannelId): Promise<void> {
    await callScript(this.redis, {
      script: 'remove-schedule',
      keys: [this.keys.schedules, this.keys.jobs],
      args: [channel, jobKey({ kind: 'post', channel })],
    });
  }

  countSchedules(): Promise<number> {
    return this.redis.hlen(this.keys.schedules);
  }

  async getRotation(channel: ChannelId): Promise<Rotation> {
    const ch = this.keys.channel(channel);
    const [asked, state] = await execPipeline(
      this.redis.pipeline().smembers(ch.rotation).hmget(ch.state, 'cycle', 'lastQuestion'),
    );
    const [cycle, last] = state as (string | null)[];
    return { asked: asked as string[], cycle: Number(cycle ?? 0), ...(last ? { last } : {}) };
  }

  async openRound(input: OpenRoundInput): Promise<OpenRoundResult> {
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
        ],
      },
    );
    const [status, detail] = reply;
    if (status === 'opened') {
      const { channel, roundId: id, questionId, postedAt, revealAt, timezone } = input;
      return {
        status,
        round: { id, channel, seq: detail, questionId, postedAt, revealAt, timezone, state: 'open' },
      };
    }
    const round =
      status === 'exists' ? decodeRound(input.channel, pairs(detail)) : await this.getRound(input.channel, detail);
    // The job went out before the script decided; take it back when it belongs to no open round.
    if (jobAdded === 1 && (status === 'busy' || round?.state !== 'open')) await this.redis.zrem(this.keys.jobs, job);
    if (!round) throw new Error(`channel ${input.channel} points at open round ${detail}, which does not exist`);
    return { status, round };
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
    const round = roundId === null ? null : await this.getRound(channel, roundId);
    return round?.state === 'open' ? round : null;
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
    const userIndex = this.keys.user(`${splitChannelId(channel).platform}:${userId}`).channels;
    const [, outcome] = await this.thenScript((p) => p.sadd(userIndex, channel), {
      script: 'record-answer',
      keys: [
        ch.round(roundId),
        ch.answers(roundId),
        ch.user(userId),
        ch.userRounds(userId),
        ch.names,
        ch.board('streak'),
        ch.board('best'),
        ch.board('total'),
        ch.monthBoard(monthKey),
        ch.months,
      ],
      args: [roundId, userId, answer.userName, encodeAnswer(stored satisfies Answer), answer.at, monthKey],
    });
    return outcome;
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
      keys: [ch.round(roundId), ch.answers(roundId), ch.state, ch.board('streak'), ch.threads, ch.revealedThreads],
      args: [roundId, REVEALED_RETENTION_MS],
    });
    if (!reply) return null;
    const [roundFields, answerFields] = reply;
    return {
      round: decodeRound(channel, pairs(roundFields)),
      answers: decodeAnswers(Object.values(pairs(answerFields))),
    };
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
      .hget(ch.names, userId);
    const [fields, revealedSeq, name] = (await execPipeline(pipeline)) as [
      Record<string, string>,
      string | null,
      string | null,
    ];
    const record = decodeStreakRecord(fields);
    if (!record) return null;
    return {
      userId,
      name: name ?? userId,
      currentStreak: currentStreak(record, Number(revealedSeq ?? 0)),
      bestStreak: record.best,
      total: record.total,
      month: record.monthKey === monthKey ? record.month : 0,
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
    const key = board === 'month' ? ch.monthBoard(monthKey) : ch.board(board);
    const reply = await callScript(this.redis, {
      script: 'read-leaderboard',
      keys: [key, ch.names],
      args: [limit, callerId],
    });
    return decodeLeaderboard(reply, callerId);
  }

  async forgetUser(platform: Platform, userId: string): Promise<void> {
    const user = this.keys.user(`${platform}:${userId}`);
    const channels = (await this.redis.smembers(user.channels)) as ChannelId[];
    for (const channel of channels) await this.forgetUserIn(channel, userId);
    // Only the channels handled above leave the index: one answered meanwhile stays forgettable.
    const cleanup = this.redis.pipeline().del(user.practice, user.recentPractice);
    if (channels.length > 0) cleanup.srem(user.channels, ...channels);
    await execPipeline(cleanup);
  }

  private async forgetUserIn(channel: ChannelId, userId: string): Promise<void> {
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
          ch.months,
          ...months.map((month) => ch.monthBoard(month)),
          ...rounds.map((roundId) => ch.answers(roundId)),
        ],
        args: [userId, months.length, rounds.length],
      });
      if (outcome === 'forgotten') return;
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
  return reportingOutages(new RedisStore(client, prefix), client);
}
