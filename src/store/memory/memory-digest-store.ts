/**
 * The memory store's share of the digest: round summaries, the answerers each channel has seen,
 * digest settings and which weeks' digests went out. The reference `redis-digest-store.ts` is held to.
 */
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

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryDigestStore implements DigestStore {
  private readonly summaries = new Map<ChannelId, Map<string, RoundSummary>>();
  private readonly seen = new Map<ChannelId, Set<string>>();
  private readonly digestSettings = new Map<ChannelId, DigestSettings>();
  /** `<channel>|<week>` → until when the claim is remembered. */
  /** `channel|week` → attempts begun, or `done`, and until when it is remembered. */
  private readonly digestWeeks = new Map<string, { state: number | 'done'; until: number }>();

  async recordRoundSummary(channel: ChannelId, input: RoundSummaryInput): Promise<RoundSummary> {
    let rounds = this.summaries.get(channel);
    if (!rounds) {
      rounds = new Map();
      this.summaries.set(channel, rounds);
    }
    const existing = rounds.get(input.roundId);
    if (existing) return clone(existing);
    let seen = this.seen.get(channel);
    if (!seen) {
      seen = new Set();
      this.seen.set(channel, seen);
    }
    const { answerers, ...rest } = input;
    const newcomers = answerers.filter((person) => {
      if (seen.has(person.id)) return false;
      seen.add(person.id);
      return true;
    });
    const summary: RoundSummary = { ...clone(rest), newcomers: clone(newcomers) };
    rounds.set(input.roundId, summary);
    // Same trimming as the Redis script: anything revealed more than the retention before this round.
    for (const [id, old] of rounds) {
      if (old.revealedAt < input.revealedAt - ROUND_SUMMARY_RETENTION_MS) rounds.delete(id);
    }
    return clone(summary);
  }

  async roundSummaries(channel: ChannelId, after: number, until: number): Promise<RoundSummary[]> {
    return [...(this.summaries.get(channel)?.values() ?? [])]
      .filter((s) => s.revealedAt > after && s.revealedAt <= until)
      .sort((a, b) => a.revealedAt - b.revealedAt || (a.roundId < b.roundId ? -1 : 1))
      .map(clone);
  }

  async getDigestSettings(channel: ChannelId): Promise<DigestSettings | null> {
    return clone(this.digestSettings.get(channel) ?? null);
  }

  async setDigestSettings(channel: ChannelId, settings: DigestSettings): Promise<void> {
    this.digestSettings.set(channel, clone(settings));
  }

  async startDigestAttempt(channel: ChannelId, week: string, now: number): Promise<DigestAttempt> {
    const key = `${channel}|${week}`;
    const known = this.digestWeeks.get(key);
    const live = known && known.until > now ? known.state : 0;
    if (live === 'done') return { settled: true };
    const attempt = live + 1;
    this.digestWeeks.set(key, { state: attempt, until: now + DIGEST_WEEK_MEMORY_MS });
    return { settled: false, attempt };
  }

  async settleDigestWeek(channel: ChannelId, week: string, now: number): Promise<void> {
    this.digestWeeks.set(`${channel}|${week}`, { state: 'done', until: now + DIGEST_WEEK_MEMORY_MS });
  }

  /** Forget-me: the user leaves the answerers seen and every summary's newcomers. */
  protected forgetDigestUser(platform: string, userId: string): void {
    for (const [channel, seen] of this.seen) if (channel.startsWith(`${platform}:`)) seen.delete(userId);
    for (const [channel, rounds] of this.summaries) {
      if (!channel.startsWith(`${platform}:`)) continue;
      for (const summary of rounds.values()) summary.newcomers = summary.newcomers.filter((p) => p.id !== userId);
    }
  }
}
