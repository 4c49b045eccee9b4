/**
 * The Redis store's share of the digest (see `ports/digest-store.ts`). Every key is in the channel's
 * slot; the one multi-key change, recording a summary with its newcomers, is a Lua script.
 */
import { z } from 'zod';
import type { ChannelId } from '../../core/types.ts';
import {
  DIGEST_WEEK_MEMORY_MS,
  type DigestAttempt,
  type DigestSettings,
  type DigestStore,
  ROUND_SUMMARY_RETENTION_MS,
  type RoundSummary,
  type RoundSummaryInput,
} from '../../ports/digest-store.ts';
import type { RedisClient } from './client.ts';
import type { RedisKeys } from './keys.ts';
import { callScript, execPipeline } from './scripts.ts';

const person = z.object({ id: z.string(), name: z.string() });
const summaryJson = z.object({
  roundId: z.string(),
  seq: z.number(),
  questionId: z.string(),
  title: z.string(),
  revealedAt: z.number(),
  answers: z.number(),
  missed: z.array(z.object({ label: z.string(), missedBy: z.number() })),
  choice: z.object({ right: z.number(), total: z.number() }).optional(),
  post: z.object({ messageId: z.string(), threadId: z.string() }).optional(),
});
const settingsJson = z.object({
  enabled: z.boolean(),
  at: z
    .object({
      day: z.union([0, 1, 2, 3, 4, 5, 6].map((d) => z.literal(d as 0 | 1 | 2 | 3 | 4 | 5 | 6))),
      hour: z.number(),
      minute: z.number(),
    })
    .optional(),
});

function decodeSummary(channel: ChannelId, summary: string, newcomers: string): RoundSummary {
  try {
    return { ...summaryJson.parse(JSON.parse(summary)), newcomers: z.array(person).parse(JSON.parse(newcomers)) };
  } catch (error) {
    throw new Error(`a digest summary in ${channel} is not readable`, { cause: error });
  }
}

export class RedisDigestStore implements DigestStore {
  constructor(
    private readonly digestRedis: RedisClient,
    private readonly digestKeys: RedisKeys,
  ) {}

  async recordRoundSummary(channel: ChannelId, input: RoundSummaryInput): Promise<RoundSummary> {
    const ch = this.digestKeys.channel(channel);
    const { answerers, ...summary } = input;
    const [stored, newcomers] = await callScript(this.digestRedis, {
      script: 'record-round-summary',
      keys: [ch.summaries, ch.summaryTimes, ch.newcomers, ch.seen],
      args: [
        input.roundId,
        input.revealedAt,
        JSON.stringify(summary),
        ROUND_SUMMARY_RETENTION_MS,
        ...answerers.flatMap((p) => [p.id, JSON.stringify({ id: p.id, name: p.name })]),
      ],
    });
    return decodeSummary(channel, stored, newcomers);
  }

  async roundSummaries(channel: ChannelId, after: number, until: number): Promise<RoundSummary[]> {
    const ch = this.digestKeys.channel(channel);
    const ids = await this.digestRedis.zrangebyscore(ch.summaryTimes, `(${after}`, until);
    if (ids.length === 0) return [];
    const [summaries, newcomers] = (await execPipeline(
      this.digestRedis
        .pipeline()
        .hmget(ch.summaries, ...ids)
        .hmget(ch.newcomers, ...ids),
    )) as [(string | null)[], (string | null)[]];
    const out: RoundSummary[] = [];
    for (const [i, summary] of summaries.entries()) {
      // Trimmed between the two reads: it was past the retention anyway.
      if (summary === null) continue;
      out.push(decodeSummary(channel, summary, newcomers[i] ?? '[]'));
    }
    return out.sort((a, b) => a.revealedAt - b.revealedAt || (a.roundId < b.roundId ? -1 : 1));
  }

  async getDigestSettings(channel: ChannelId): Promise<DigestSettings | null> {
    const json = await this.digestRedis.get(this.digestKeys.channel(channel).digestSettings);
    if (json === null) return null;
    const parsed = settingsJson.safeParse(JSON.parse(json));
    if (!parsed.success) throw new Error(`the digest settings of ${channel} are not readable: ${parsed.error.message}`);
    return parsed.data;
  }

  async setDigestSettings(channel: ChannelId, settings: DigestSettings): Promise<void> {
    await this.digestRedis.set(this.digestKeys.channel(channel).digestSettings, JSON.stringify(settings));
  }

  async startDigestAttempt(channel: ChannelId, week: string, _now: number): Promise<DigestAttempt> {
    const key = this.digestKeys.channel(channel).digestWeek(week);
    const attempt = await callScript(this.digestRedis, {
      script: 'start-digest-attempt',
      keys: [key],
      args: [DIGEST_WEEK_MEMORY_MS],
    });
    return attempt === 0 ? { settled: true } : { settled: false, attempt };
  }

  async settleDigestWeek(channel: ChannelId, week: string, _now: number): Promise<void> {
    await this.digestRedis.set(this.digestKeys.channel(channel).digestWeek(week), 'done', 'PX', DIGEST_WEEK_MEMORY_MS);
  }

  protected async forgetDigestUserIn(channel: ChannelId, userId: string): Promise<void> {
    const ch = this.digestKeys.channel(channel);
    await callScript(this.digestRedis, { script: 'forget-digest-user', keys: [ch.seen, ch.newcomers], args: [userId] });
  }
}
