/**
 * Discord cannot show errors inside a modal, so a suggestion with problems comes back as a private
 * message whose button reopens the form. What was typed waits here meanwhile, per person and
 * server, for an hour: in memory, because it is the person's own unsent text, and a restart only
 * costs them the prefill (the problems message still quotes nothing they would need to retype
 * from memory: it lists what to change).
 */
import type { SuggestionDraft } from '../../core/views.ts';
import type { Clock } from '../../ports/clock.ts';

const KEEP_MS = 60 * 60_000;
/** People with a draft waiting at most; past it the oldest is dropped. */
const MAX_DRAFTS = 5_000;

export class KeptDrafts {
  private readonly drafts = new Map<string, { draft: SuggestionDraft; until: number }>();

  constructor(private readonly clock: Clock) {}

  keep(userId: string, space: string, draft: SuggestionDraft): void {
    const key = `${space}/${userId}`;
    this.drafts.delete(key);
    this.drafts.set(key, { draft, until: this.clock.now() + KEEP_MS });
    if (this.drafts.size > MAX_DRAFTS) this.drafts.delete(this.drafts.keys().next().value as string);
  }

  /** The draft, or undefined when it expired or was never kept; it stays until sent without problems. */
  take(userId: string, space: string): SuggestionDraft | undefined {
    const kept = this.drafts.get(`${space}/${userId}`);
    if (!kept || kept.until < this.clock.now()) return undefined;
    return kept.draft;
  }

  forget(userId: string, space: string): void {
    this.drafts.delete(`${space}/${userId}`);
  }
}
