/**
 * What the store keeps for questions written by the team: suggestions per server or workspace
 * ("space") with their author and status. An approved suggestion is a question of that space
 * alone. Every change is atomic, so two admins pressing Approve at once decide a suggestion once,
 * and a member cannot pass the pending limit by submitting twice at once.
 */
import type { Question } from '../core/types.ts';

export const SUGGESTION_STATUSES = ['pending', 'approved', 'rejected', 'retired'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** The question a suggestion asks, as validated: everything but its id and file, which the store assigns. */
export type SuggestedQuestion = Omit<Question, 'id' | 'file'>;

export interface TeamSuggestion {
  /** `team-<n>`: n counts across all spaces, so no two suggestions (and no bank file) share an id. */
  id: string;
  /** `<platform>:<guild or team id>`, or the shell's one space (see `teamSpaceOf`). */
  space: string;
  /** `<platform>:<user id>`: who may be forgotten; empty once forgotten. */
  authorKey: string;
  /** As shown; `a former member` once the author ran forget-me. */
  authorName: string;
  submittedAt: number;
  status: SuggestionStatus;
  question: SuggestedQuestion;
  decidedAt?: number;
  /** Why an admin rejected it, when they said. */
  reason?: string;
}

export interface NewSuggestion {
  space: string;
  authorKey: string;
  authorName: string;
  submittedAt: number;
  question: SuggestedQuestion;
}

export type AddSuggestionResult = { status: 'added'; id: string } | { status: 'limit'; pending: number };

/** A status change: pending → approved or rejected; approved → retired. */
export type SuggestionChange = 'approved' | 'rejected' | 'retired';

export type ChangeSuggestionResult =
  | { status: 'changed'; suggestion: TeamSuggestion }
  /** No such id in this space (another space's ids are not found either). */
  | { status: 'not-found' }
  /** It is not in the status the change starts from (decided already, or not approved). */
  | { status: 'wrong-status'; suggestion: TeamSuggestion };

export interface SuggestionStore {
  /** Adds a pending suggestion unless its author already has `maxPending` pending in the space. */
  addSuggestion(suggestion: NewSuggestion, maxPending: number): Promise<AddSuggestionResult>;
  /** One suggestion by id, in any space and status (a retired question's open round still reveals). */
  getSuggestion(id: string): Promise<TeamSuggestion | null>;
  /** The space's suggestions in that status, oldest first. */
  listSuggestions(space: string, status: SuggestionStatus): Promise<TeamSuggestion[]>;
  changeSuggestion(
    space: string,
    id: string,
    change: SuggestionChange,
    at: number,
    reason?: string,
  ): Promise<ChangeSuggestionResult>;
  /**
   * forget-me for suggestions: the person's pending and rejected ones are deleted; approved and
   * retired ones stay, their author shown as `a former member`.
   */
  forgetSuggestionAuthor(authorKey: string): Promise<void>;
}

export const FORMER_MEMBER = 'a former member';

/** Which status a change starts from. */
export function changeStartsFrom(change: SuggestionChange): SuggestionStatus {
  return change === 'retired' ? 'approved' : 'pending';
}
