/** Suggestions in memory, for the demo and tests; the same rules as the Redis store's Lua scripts. */
import {
  type AddSuggestionResult,
  type ChangeSuggestionResult,
  changeStartsFrom,
  FORMER_MEMBER,
  type NewSuggestion,
  type SuggestionChange,
  type SuggestionStatus,
  type SuggestionStore,
  type TeamSuggestion,
} from '../../ports/suggestion-store.ts';

export class MemorySuggestions implements SuggestionStore {
  private readonly byId = new Map<string, TeamSuggestion>();
  private seq = 0;

  async addSuggestion(suggestion: NewSuggestion, maxPending: number): Promise<AddSuggestionResult> {
    const pending = [...this.byId.values()].filter(
      (s) => s.space === suggestion.space && s.authorKey === suggestion.authorKey && s.status === 'pending',
    ).length;
    if (pending >= maxPending) return { status: 'limit', pending };
    const id = `team-${++this.seq}`;
    this.byId.set(id, structuredClone({ ...suggestion, id, status: 'pending' }));
    return { status: 'added', id };
  }

  async getSuggestion(id: string): Promise<TeamSuggestion | null> {
    const found = this.byId.get(id);
    return found ? structuredClone(found) : null;
  }

  async listSuggestions(space: string, status: SuggestionStatus): Promise<TeamSuggestion[]> {
    return [...this.byId.values()]
      .filter((s) => s.space === space && s.status === status)
      .sort((a, b) => idNumber(a.id) - idNumber(b.id))
      .map((s) => structuredClone(s));
  }

  async changeSuggestion(
    space: string,
    id: string,
    change: SuggestionChange,
    at: number,
    reason?: string,
  ): Promise<ChangeSuggestionResult> {
    const found = this.byId.get(id);
    if (!found || found.space !== space) return { status: 'not-found' };
    if (found.status !== changeStartsFrom(change))
      return { status: 'wrong-status', suggestion: structuredClone(found) };
    found.status = change;
    found.decidedAt = at;
    if (reason) found.reason = reason;
    return { status: 'changed', suggestion: structuredClone(found) };
  }

  async forgetSuggestionAuthor(authorKey: string): Promise<void> {
    for (const [id, s] of this.byId) {
      if (s.authorKey !== authorKey) continue;
      if (s.status === 'pending' || s.status === 'rejected') this.byId.delete(id);
      else Object.assign(s, { authorKey: '', authorName: FORMER_MEMBER });
    }
  }
}

function idNumber(id: string): number {
  return Number(id.slice('team-'.length));
}
