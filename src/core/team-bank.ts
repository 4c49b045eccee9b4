/**
 * The questions one server or workspace ("space") is asked: the bank's files and the questions its
 * team wrote and an admin approved. A team question is found by id from anywhere (a round that asked
 * it reveals it even once retired), but only its own space's rotation and practice ever pick it.
 */
import type { Store } from '../ports/store.ts';
import type { TeamSuggestion } from '../ports/suggestion-store.ts';
import { QuestionBank } from './bank.ts';
import type { ChannelId, Question } from './types.ts';
import { splitChannelId } from './types.ts';
import { spaceOf } from './open-questions.ts';

/** Team question ids are `team-<n>`; bank ids are file names, which the loader may never give that shape. */
export function isTeamQuestionId(id: string): boolean {
  return /^team-\d+$/.test(id);
}

/**
 * Where a channel's suggestions belong: its server or workspace; where the platform names none (the
 * shell, a direct message), the channel itself is the space.
 */
export function teamSpaceOf(channel: ChannelId, nativeSpace: string | undefined): string {
  return (
    spaceOf(channel, nativeSpace) ?? `${splitChannelId(channel).platform}:channel:${splitChannelId(channel).nativeId}`
  );
}

/** A suggestion as a question of the bank, marked as the team's with its author. */
export function teamQuestion(s: TeamSuggestion): Question {
  return { ...s.question, id: s.id, file: `${s.space}/${s.id}`, fromTeam: { author: s.authorName } };
}

/** Finds the question a round or a practice asked, wherever it came from. */
export interface QuestionLookup {
  find(id: string): Promise<Question | undefined>;
}

export class TeamBank implements QuestionLookup {
  constructor(
    readonly bank: QuestionBank,
    private readonly store: Store,
  ) {}

  /** A question by id: the bank's, or a team question of any space and status. */
  async find(id: string): Promise<Question | undefined> {
    const fromFiles = this.bank.get(id);
    if (fromFiles || !isTeamQuestionId(id)) return fromFiles;
    const suggestion = await this.store.getSuggestion(id);
    return suggestion && suggestion.status !== 'pending' && suggestion.status !== 'rejected'
      ? teamQuestion(suggestion)
      : undefined;
  }

  /** The bank plus the space's approved questions; the bank alone without a space. */
  async forSpace(space: string | undefined): Promise<QuestionBank> {
    if (!space) return this.bank;
    const approved = await this.store.listSuggestions(space, 'approved');
    return approved.length === 0
      ? this.bank
      : new QuestionBank([...this.bank.questions, ...approved.map(teamQuestion)]);
  }
}
