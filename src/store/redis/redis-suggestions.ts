/** Suggestions in Redis: a thin, typed wrapper over the three suggestion scripts (see their headers). */
import { z } from 'zod';
import {
  type AddSuggestionResult,
  type ChangeSuggestionResult,
  changeStartsFrom,
  FORMER_MEMBER,
  type NewSuggestion,
  type SuggestedQuestion,
  type SuggestionChange,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
  type SuggestionStore,
  type TeamSuggestion,
} from '../../ports/suggestion-store.ts';
import type { RedisClient } from './client.ts';
import type { TeamKeys } from './keys.ts';
import { callScript, execPipeline } from './scripts.ts';

/** What the body hash holds; the question was validated before it was stored, so only its shape is checked. */
const bodySchema = z.object({
  submittedAt: z.number(),
  question: z.custom<SuggestedQuestion>((v) => typeof v === 'object' && v !== null),
});
const decidedSchema = z.object({ decidedAt: z.number(), reason: z.string().optional() });

export class RedisSuggestions implements SuggestionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TeamKeys,
  ) {}

  async addSuggestion(suggestion: NewSuggestion, maxPending: number): Promise<AddSuggestionResult> {
    const k = this.keys;
    const body = JSON.stringify({ submittedAt: suggestion.submittedAt, question: suggestion.question });
    const reply = await callScript(this.redis, {
      script: 'add-suggestion',
      keys: [
        k.seq,
        k.body,
        k.status,
        k.author,
        k.name,
        k.spaceOf,
        k.space(suggestion.space),
        k.by(suggestion.authorKey),
      ],
      args: [suggestion.space, suggestion.authorKey, suggestion.authorName, body, maxPending],
    });
    return reply[0] === 'added' ? { status: 'added', id: reply[1] } : { status: 'limit', pending: reply[1] };
  }

  async getSuggestion(id: string): Promise<TeamSuggestion | null> {
    const k = this.keys;
    const fields = [k.body, k.status, k.author, k.name, k.spaceOf, k.decided];
    const pipeline = this.redis.pipeline();
    for (const key of fields) pipeline.hget(key, id);
    const [body, status, author, name, space, decided] = (await execPipeline(pipeline)) as (string | null)[];
    if (!body || !status || space == null) return null;
    const parsedStatus = z.enum(SUGGESTION_STATUSES).safeParse(status);
    if (!parsedStatus.success) throw new Error(`suggestion ${id} has an unknown status "${status}" in Redis`);
    const { submittedAt, question } = bodySchema.parse(JSON.parse(body));
    const decision = decided ? decidedSchema.parse(JSON.parse(decided)) : undefined;
    return {
      id,
      space,
      authorKey: author ?? '',
      authorName: name ?? FORMER_MEMBER,
      submittedAt,
      status: parsedStatus.data,
      question,
      ...(decision ? { decidedAt: decision.decidedAt } : {}),
      ...(decision?.reason ? { reason: decision.reason } : {}),
    };
  }

  async listSuggestions(space: string, status: SuggestionStatus): Promise<TeamSuggestion[]> {
    const ids = await this.redis.zrange(this.keys.space(space), '0', '-1');
    const all = await Promise.all(ids.map((id) => this.getSuggestion(id)));
    return all.filter((s): s is TeamSuggestion => s !== null && s.status === status);
  }

  async changeSuggestion(
    space: string,
    id: string,
    change: SuggestionChange,
    at: number,
    reason?: string,
  ): Promise<ChangeSuggestionResult> {
    const k = this.keys;
    const outcome = await callScript(this.redis, {
      script: 'change-suggestion',
      keys: [k.status, k.spaceOf, k.decided],
      args: [
        id,
        space,
        changeStartsFrom(change),
        change,
        JSON.stringify({ decidedAt: at, ...(reason ? { reason } : {}) }),
      ],
    });
    if (outcome === 'not-found') return { status: 'not-found' };
    const suggestion = await this.getSuggestion(id);
    if (!suggestion) return { status: 'not-found' };
    return outcome === 'changed' ? { status: 'changed', suggestion } : { status: 'wrong-status', suggestion };
  }

  async forgetSuggestionAuthor(authorKey: string): Promise<void> {
    const k = this.keys;
    await callScript(this.redis, {
      script: 'forget-suggestion-author',
      keys: [k.by(authorKey), k.body, k.status, k.author, k.name, k.spaceOf, k.decided],
      args: [FORMER_MEMBER],
    });
  }
}
