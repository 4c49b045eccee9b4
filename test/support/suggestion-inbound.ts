/**
 * An InboundHandler that plays the core's part for suggestions, for adapter tests without the core:
 * `/quiz suggest` opens the form, a draft without a model answer or with fewer than three key
 * points comes back with its problems, a good one is received; Approve and Reject are recorded.
 */
import type { Reply, SuggestionDraft, SuggestionProblem } from '../../src/core/views.ts';
import type { SuggestionDecision, SuggestionSubmission } from '../../src/ports/chat.ts';
import { RecordingInbound } from './button-rounds.ts';

export class SuggestionInbound extends RecordingInbound {
  readonly submissions: SuggestionSubmission[] = [];
  readonly decisions: SuggestionDecision[] = [];
  /** While set, `submitSuggestion` waits for it: a slow core. */
  submitGate?: Promise<void>;
  /** While set, `command` waits for it: a slow core. */
  commandGate?: Promise<void>;

  constructor() {
    super(0);
  }

  override async command(): Promise<Reply | null> {
    await this.commandGate;
    return super.command();
  }

  override async submitSuggestion(request: SuggestionSubmission): Promise<Reply> {
    this.submissions.push(request);
    await this.submitGate;
    const problems = problemsOf(request.draft);
    if (problems.length > 0)
      return { visibility: 'private', kind: 'suggestion-problems', problems, draft: request.draft };
    return {
      visibility: 'private',
      kind: 'suggestion-received',
      id: `s${this.submissions.length}`,
      title: request.draft.title,
    };
  }

  override async decideSuggestion(request: SuggestionDecision): Promise<Reply> {
    this.decisions.push(request);
    return {
      visibility: 'private',
      kind: 'suggestion-decided',
      id: request.suggestionId,
      title: 'Why gather keeps order',
      decision: request.decision === 'approve' ? 'approved' : 'rejected',
    };
  }
}

export function problemsOf(draft: SuggestionDraft): SuggestionProblem[] {
  const problems: SuggestionProblem[] = [];
  if (draft.modelAnswer.trim().length < 10)
    problems.push({ field: 'modelAnswer', message: 'The model answer needs at least 10 characters.' });
  const points = draft.keyPoints.split('\n').filter((l) => l.trim() !== '');
  if (points.length < 3)
    problems.push({ field: 'keyPoints', message: `3 to 5 key points are needed; there are ${points.length}.` });
  return problems;
}

export const GOOD_DRAFT: SuggestionDraft = {
  title: 'Why gather keeps order',
  question: 'In what order does `asyncio.gather` return its results?',
  modelAnswer: 'In the order the awaitables were passed, whatever order they finish in.',
  keyPoints:
    'Results follow the order of the arguments | order\nFinishing order does not matter | finish\nIt waits for all of them',
  topicAndDifficulty: 'asyncio easy',
};
