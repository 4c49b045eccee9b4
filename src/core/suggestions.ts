/**
 * Questions written by the team: a member submits the suggestion form, an admin of the same server
 * or workspace approves or rejects it (its author is told privately), retires an approved one, or
 * exports them as question files. Suggestions are checked by the question files' own rules.
 */
import type { ChatAdapter, SuggestionSubmission } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { TeamSuggestion } from '../ports/suggestion-store.ts';
import { checkSuggestion } from '../questions/check-suggestion.ts';
import { exportQuestionFile } from '../questions/export-question.ts';
import { teamSpaceOf } from './team-bank.ts';
import type { ChannelId, Platform } from './types.ts';
import { splitChannelId } from './types.ts';
import type { RefusalCode, Reply, SuggestionSummary } from './views.ts';
import {
  noSuchSuggestion,
  suggestionAlready,
  suggestionLimitReached,
  suggestionOutcome,
  NO_TEAM_QUESTIONS,
} from './wording.ts';

/** Pending suggestions one person may have in a space: enough to batch ideas, too few to flood review. */
export const MAX_PENDING_SUGGESTIONS = 3;
/** A reject reason is read in a direct message: a sentence or two. */
export const REASON_MAX = 300;

export interface SuggestionDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  maxPending?: number;
}

function refuse(code: RefusalCode, message: string): Reply {
  return { visibility: 'private', kind: 'refusal', code, message };
}

export class Suggestions {
  constructor(private readonly deps: SuggestionDeps) {}

  async submit(request: SuggestionSubmission): Promise<Reply> {
    const check = checkSuggestion(request.draft);
    if (!check.ok)
      return { visibility: 'private', kind: 'suggestion-problems', problems: check.problems, draft: request.draft };
    const max = this.deps.maxPending ?? MAX_PENDING_SUGGESTIONS;
    const added = await this.deps.store.addSuggestion(
      {
        space: teamSpaceOf(request.channel, request.space),
        authorKey: authorKeyOf(request.channel, request.caller.id),
        authorName: request.caller.name,
        submittedAt: this.deps.clock.now(),
        question: check.question,
      },
      max,
    );
    if (added.status === 'limit') return refuse('too-many-suggestions', suggestionLimitReached(max));
    return { visibility: 'private', kind: 'suggestion-received', id: added.id, title: check.question.title };
  }

  async pending(channel: ChannelId, nativeSpace: string | undefined): Promise<Reply> {
    const items = await this.deps.store.listSuggestions(teamSpaceOf(channel, nativeSpace), 'pending');
    return { visibility: 'private', kind: 'suggestions', items: items.map(summaryOf) };
  }

  async decide(
    channel: ChannelId,
    nativeSpace: string | undefined,
    id: string,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<Reply> {
    const why = reason?.replace(/\s+/g, ' ').trim().slice(0, REASON_MAX) || undefined;
    const to = decision === 'approve' ? 'approved' : 'rejected';
    const result = await this.deps.store.changeSuggestion(
      teamSpaceOf(channel, nativeSpace),
      id,
      to,
      this.deps.clock.now(),
      to === 'rejected' ? why : undefined,
    );
    if (result.status === 'not-found') return refuse('no-such-suggestion', noSuchSuggestion(id));
    if (result.status === 'wrong-status')
      return refuse('no-such-suggestion', suggestionAlready(id, result.suggestion.status, to));
    await this.tellAuthor(result.suggestion);
    return {
      visibility: 'private',
      kind: 'suggestion-decided',
      id,
      title: result.suggestion.question.title,
      decision: to,
    };
  }

  async retire(channel: ChannelId, nativeSpace: string | undefined, id: string): Promise<Reply> {
    const result = await this.deps.store.changeSuggestion(
      teamSpaceOf(channel, nativeSpace),
      id,
      'retired',
      this.deps.clock.now(),
    );
    if (result.status === 'not-found') return refuse('no-such-suggestion', noSuchSuggestion(id));
    if (result.status === 'wrong-status')
      return refuse('no-such-suggestion', suggestionAlready(id, result.suggestion.status, 'retired'));
    return { visibility: 'private', kind: 'retired', id, title: result.suggestion.question.title };
  }

  async export(channel: ChannelId, nativeSpace: string | undefined): Promise<Reply> {
    const approved = await this.deps.store.listSuggestions(teamSpaceOf(channel, nativeSpace), 'approved');
    if (approved.length === 0) return refuse('no-questions', NO_TEAM_QUESTIONS);
    return { visibility: 'private', kind: 'export', files: approved.map(exportQuestionFile) };
  }

  /** A direct message with the outcome; best effort, since the decision stands either way. */
  private async tellAuthor(s: TeamSuggestion): Promise<void> {
    if (!s.authorKey) return;
    const at = s.authorKey.indexOf(':');
    const platform = s.authorKey.slice(0, at) as Platform;
    const adapter = this.deps.adapters.get(platform);
    if (!adapter?.notifyUser) return;
    try {
      await adapter.notifyUser(s.authorKey.slice(at + 1), suggestionOutcome(s.question.title, s.status, s.reason));
    } catch (error) {
      this.deps.logger.warn(
        { err: error, suggestion: s.id, space: s.space },
        'could not tell the author of a suggestion its outcome',
      );
    }
  }
}

/** `<platform>:<user id>`, as forget-me names a person. */
export function authorKeyOf(channel: ChannelId, userId: string): string {
  return `${splitChannelId(channel).platform}:${userId}`;
}

function summaryOf(s: TeamSuggestion): SuggestionSummary {
  const q = s.question;
  return {
    id: s.id,
    author: { id: s.authorKey.slice(s.authorKey.indexOf(':') + 1), name: s.authorName },
    submittedAt: s.submittedAt,
    title: q.title,
    question: q.prompt,
    modelAnswer: q.modelAnswer,
    keyPoints: q.keyPoints.map((k) => k.label),
    topics: q.topics,
    difficulty: q.difficulty,
  };
}
