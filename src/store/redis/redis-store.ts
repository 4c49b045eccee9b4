/**
 * The production store on Redis: a thin typed wrapper over the Lua scripts in ./lua/, one per atomic
 * update, each confined to one hash slot (key layout in keys.ts). The few updates that span two slots
 * (an answer and the user's channel index, a round and its reveal job) go out in the order that
 * leaves only harmless leftovers if the second half fails: as one pipeline on a single Redis, as two
 * round trips on a Redis Cluster, where the two slots may live on different nodes.
 */
import { type ChainableCommander, Cluster, Redis, type RedisOptions } from 'ioredis';
import { byArrival } from '../../core/answers.ts';
import { QuizError } from '../../core/errors.ts';
import { currentStreak, rankEntries, type StreakRecord } from '../../core/streaks.ts';
import type {
  Answer,
  Board,
  BoardEntry,
  ChannelId,
  Platform,
  PostRef,
  Round,
  RoundState,
  Schedule,
  UserStats,
} from '../../core/types.ts';
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
import { RedisKeys } from './keys.ts';
import { callScript, defineScripts, execPipeline, queueScript } from './scripts.ts';

/** How long a revealed round, its answers and its thread index entry are kept. */
export const REVEALED_RETENTION_MS = 180 * 24 * 3_600_000;
/** Tries at forgetting a user in a channel whose months or answered rounds keep changing meanwhile. */
const FORGET_ATTEMPTS = 5;

/** A single Redis, or a Redis Cluster whose nodes ioredis finds from one seed. */
export type RedisClient = Redis | Cluster;

export class RedisStore implements Store {
  private readonly keys: RedisKeys;
  /** Whether commands in different slots must go out separately (see `inOrder`). */
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
   * Runs a command in one slot and then one in another, returning both replies. A single Redis
   * takes them as one pipeline; a cluster refuses pipelines that span nodes, so there the first
   * reply is awaited before the second goes out. Either way the second never runs without the first.
   */
  private async inOrder(
    first: (p: ChainableCommander) => void,
    second: (p: ChainableCommander) => void,
  ): Promise<[unknown, unknown]> {
    if (!this.cluster) {
      const pipeline = this.redis.pipeline();
      first(pipeline);
      second(pipeline);
      return (await execPipeline(pipeline)) as [unknown, unknown];
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
    return json === null ? null : (JSON.parse(json) as Schedule);
  }

  async setSchedule(channel: ChannelId, schedule: Schedule, nextPostAt: number): Promise<void> {
    const args = [channel, JSON.stringify(schedule), jobKey({ kind: 'post', channel }), nextPostAt];
    await callScript(this.redis, 'set-schedule', [this.keys.schedules, this.keys.jobs], args);
  }

  async removeSchedule(channel: ChannelId): Promise<void> {
    await callScript(
      this.redis,
      'remove-schedule',
      [this.keys.schedules, this.keys.jobs],
      [channel, jobKey({ kind: 'post', channel })],
    );
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
    const [jobAdded, reply] = await this.inOrder(
      // NX: a retry must not cut short the lease of a reveal job another process is running.
      (p) => p.zadd(this.keys.jobs, 'NX', input.revealAt, job),
      (p) =>
        queueScript(
          p,
          'open-round',
          [ch.state, ch.round(input.roundId), ch.rotation],
          [
            input.roundId,
            input.questionId,
            input.postedAt,
            input.revealAt,
            input.timezone,
            input.startNewCycle ? '1' : '0',
          ],
        ),
    );
    const [status, detail] = reply as ['opened', number] | ['exists', string[]] | ['busy', string];
    if (status === 'opened') {
      const { channel, roundId: id, questionId, postedAt, revealAt, timezone } = input;
      return {
        status,
        round: { id, channel, seq: Number(detail), questionId, postedAt, revealAt, timezone, state: 'open' },
      };
    }
    const round =
      status === 'exists' ? parseRound(input.channel, pairs(detail)) : await this.getRound(input.channel, detail);
    // The job went out before the script decided; take it back when it belongs to no open round.
    if (jobAdded === 1 && (status === 'busy' || round?.state !== 'open')) await this.redis.zrem(this.keys.jobs, job);
    if (!round) throw new Error(`channel ${input.channel} points at open round ${detail}, which does not exist`);
    return { status, round };
  }

  async attachPost(channel: ChannelId, roundId: string, post: PostRef): Promise<void> {
    const ch = this.keys.channel(channel);
    await callScript(
      this.redis,
      'attach-post',
      [ch.round(roundId), ch.threads, ch.revealedThreads],
      [post.messageId, post.threadId, roundId],
    );
  }

  async getRound(channel: ChannelId, roundId: string): Promise<Round | null> {
    const fields = await this.redis.hgetall(this.keys.channel(channel).round(roundId));
    return Object.keys(fields).length === 0 ? null : parseRound(channel, fields);
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
    const [, outcome] = await this.inOrder(
      (p) => p.sadd(userIndex, channel),
      (p) =>
        queueScript(
          p,
          'record-answer',
          [
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
          [roundId, userId, answer.userName, JSON.stringify(stored satisfies Answer), answer.at, monthKey],
        ),
    );
    return outcome as RecordOutcome;
  }

  async editAnswer(
    channel: ChannelId,
    roundId: string,
    edit: { userId: string; messageId: string; text: string; at: number },
  ): Promise<EditOutcome> {
    const ch = this.keys.channel(channel);
    const args = [edit.userId, edit.messageId, edit.text, edit.at];
    return (await callScript(this.redis, 'edit-answer', [ch.round(roundId), ch.answers(roundId)], args)) as EditOutcome;
  }

  async deleteAnswer(
    channel: ChannelId,
    roundId: string,
    deletion: { messageId: string; at: number },
  ): Promise<EditOutcome> {
    const ch = this.keys.channel(channel);
    return (await callScript(
      this.redis,
      'delete-answer',
      [ch.round(roundId), ch.answers(roundId)],
      [deletion.messageId, deletion.at],
    )) as EditOutcome;
  }

  async revealRound(channel: ChannelId, roundId: string): Promise<RevealResult | null> {
    const ch = this.keys.channel(channel);
    const keys = [ch.round(roundId), ch.answers(roundId), ch.state, ch.board('streak'), ch.threads, ch.revealedThreads];
    const reply = (await callScript(this.redis, 'reveal-round', keys, [roundId, REVEALED_RETENTION_MS])) as
      | [string[], string[]]
      | null;
    if (!reply) return null;
    const [roundFields, answerFields] = reply;
    return {
      round: parseRound(channel, pairs(roundFields)),
      answers: parseAnswers(Object.values(pairs(answerFields))),
    };
  }

  async finishAnnouncement(channel: ChannelId, roundId: string): Promise<void> {
    await this.redis.hdel(this.keys.channel(channel).round(roundId), 'announcePending');
  }

  async getAnswers(channel: ChannelId, roundId: string): Promise<Answer[]> {
    return parseAnswers(await this.redis.hvals(this.keys.channel(channel).answers(roundId)));
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
    if (fields.total === undefined) return null;
    const record: StreakRecord = {
      streak: Number(fields.streak),
      best: Number(fields.best),
      lastSeq: Number(fields.lastSeq),
      total: Number(fields.total),
      monthKey: fields.monthKey ?? '',
      month: Number(fields.month),
    };
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
    const reply = await callScript(this.redis, 'read-leaderboard', [key, ch.names], [limit, callerId]);
    const [top, names, callerScore, higher] = reply as [string[], (string | null)[], string | null, number | null];
    const ranked: Omit<BoardEntry, 'rank'>[] = [];
    for (let i = 0; i < top.length; i += 2) {
      const userId = top[i] as string;
      ranked.push({ userId, name: names[i / 2] ?? userId, score: Number(top[i + 1]) });
    }
    const entries = rankEntries(ranked);
    if (callerScore === null) return { entries };
    const caller = {
      rank: 1 + Number(higher),
      userId: callerId,
      name: names[ranked.length] ?? callerId,
      score: Number(callerScore),
    };
    return { entries, caller };
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
      const keys = [
        ...[
          ch.user(userId),
          ch.userRounds(userId),
          ch.names,
          ch.board('streak'),
          ch.board('best'),
          ch.board('total'),
          ch.months,
        ],
        ...months.map((month) => ch.monthBoard(month)),
        ...rounds.map((roundId) => ch.answers(roundId)),
      ];
      const outcome = await callScript(this.redis, 'forget-user-in-channel', keys, [
        userId,
        months.length,
        rounds.length,
      ]);
      if (outcome === 'forgotten') return;
    }
    throw new Error(
      `could not forget user ${userId} in ${channel}: new months or answers kept arriving (${FORGET_ATTEMPTS} attempts)`,
    );
  }

  async claimDueJobs(now: number, leaseMs: number, limit: number): Promise<Job[]> {
    const claimed = (await callScript(this.redis, 'claim-jobs', [this.keys.jobs], [now, leaseMs, limit])) as string[];
    return claimed.map(parseJobKey);
  }

  async rescheduleJob(job: Job, at: number): Promise<void> {
    await this.redis.zadd(this.keys.jobs, at, jobKey(job));
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
    return json === null ? null : (JSON.parse(json) as PracticeState);
  }

  async startPractice(platformUserKey: string, state: PracticeState, keepRecent: number): Promise<void> {
    const user = this.keys.user(platformUserKey);
    const args = [JSON.stringify(state), state.questionId, keepRecent];
    await callScript(this.redis, 'start-practice', [user.practice, user.recentPractice], args);
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
      throw new QuizError(
        'store-unavailable',
        'Redis cannot be reached',
        { store: 'redis', status: this.redis.status },
        { cause: error },
      );
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
 * The only place that builds the production ioredis client. Commands fail within a couple of
 * seconds while Redis is down (so the bot can say "temporarily unavailable" instead of hanging) and
 * the client keeps reconnecting in the background; an outage is logged once, not once per retry.
 * With `cluster`, the URL names one node of a Redis Cluster and the client finds the rest.
 */
export function createRedisStore(
  url: string,
  prefix: string,
  logger: Logger,
  options: { cluster?: boolean } = {},
): RedisStore {
  const perConnection: RedisOptions = {
    // A command caught by a dropped connection fails after one reconnect attempt instead of twenty.
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 5_000,
  };
  // Capped exponential backoff, never giving up: 100 ms, 200 ms, ... then every 2 s.
  const backoff = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000);
  const client = options.cluster
    ? new Cluster([clusterSeed(url)], {
        clusterRetryStrategy: backoff,
        enableOfflineQueue: true,
        redisOptions: { ...perConnection, ...clusterCredentials(url) },
      })
    : new Redis(url, {
        ...perConnection,
        retryStrategy: backoff,
        // The offline queue stays on so commands issued while connecting wait for the connection,
        // but every command, queued or sent, gives up after commandTimeout.
        enableOfflineQueue: true,
      });
  watchConnection(client, redactUrl(url), logger);
  return reportingOutages(new RedisStore(client, prefix), client);
}

/** The seed node of a cluster URL. A cluster has only database 0, so any other is a mistake. */
function clusterSeed(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && db !== '0')
    throw new Error(`REDIS_URL selects database ${db}, but a Redis Cluster has only database 0`);
  return { host: parsed.hostname, port: Number(parsed.port || 6379) };
}

/** Credentials and TLS from the URL, for every node of the cluster, not just the seed. */
function clusterCredentials(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

const CONNECTION_FAILURE =
  /Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Stream isn't writeable|LOADING|CLUSTERDOWN|TRYAGAIN|Failed to refresh slots cache|None of startup nodes is available|Cluster isn't ready|Too many Cluster redirections/;

/**
 * Turns the errors of a lost connection into `store-unavailable`, so the core tells users "try again
 * in a minute" and queues their answers, while a real bug (a script error) is reported as one.
 */
function reportingOutages(store: RedisStore, client: RedisClient): RedisStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          const lost =
            client.status !== 'ready' ||
            (error as Error).name === 'MaxRetriesPerRequestError' ||
            CONNECTION_FAILURE.test(String((error as Error).message));
          if (!lost || error instanceof QuizError) throw error;
          throw new QuizError(
            'store-unavailable',
            `Redis cannot be reached (${String(property)})`,
            { store: 'redis', status: client.status },
            { cause: error },
          );
        }
      };
    },
  });
}

function watchConnection(client: RedisClient, url: string, logger: Logger): void {
  let failures = 0;
  client.on('error', (error: Error) => {
    failures++;
    if (failures === 1)
      logger.error(
        { err: error, url },
        'Redis connection failed; commands fail until it is back, reconnecting in the background',
      );
  });
  client.on('ready', () => {
    if (failures > 0) logger.info({ url, failedAttempts: failures }, 'Redis connection restored');
    failures = 0;
  });
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

/** Stored answer JSON in reveal order. */
function parseAnswers(json: readonly string[]): Answer[] {
  const answers = json.map((text) => JSON.parse(text) as Answer);
  return answers.sort(byArrival);
}

/** A flat [field, value, ...] reply as an object. */
function pairs(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

function parseRound(channel: ChannelId, fields: Record<string, string>): Round {
  const required = (name: string): string => {
    const value = fields[name];
    if (value === undefined) throw new Error(`round hash in ${channel} lacks the field ${name}`);
    return value;
  };
  const round: Round = {
    id: required('id'),
    channel,
    seq: Number(required('seq')),
    questionId: required('questionId'),
    postedAt: Number(required('postedAt')),
    revealAt: Number(required('revealAt')),
    timezone: required('timezone'),
    state: required('state') as RoundState,
  };
  if (fields.postMessageId !== undefined && fields.postThreadId !== undefined) {
    round.post = { messageId: fields.postMessageId, threadId: fields.postThreadId };
  }
  if (fields.announcePending === '1') round.announcePending = true;
  return round;
}
