/**
 * Button rounds without the core: views of the largest button question the bank allows (five output
 * options of eight 70-character lines), a reveal of it, and an InboundHandler that records every
 * pick and answers as the core would (a pick is `picked`, a second one `changed`, after `close` every
 * pick is `too-late`). Adapter tests drive the real platform clients against the fakes with it.
 */
import { QuestionBank } from '../../src/core/bank.ts';
import type { Person } from '../../src/core/types.ts';
import type { ChoiceReveal, QuestionView, Reply, RevealView, RoundPostView } from '../../src/core/views.ts';
import type { InboundHandler, PickRequest, PracticePickRequest } from '../../src/ports/chat.ts';
import { makeQuestion } from './fixtures.ts';

/** Eight lines of 70 characters, different for each option: the most an output option may hold. */
export function widestOutput(option: number): string {
  return Array.from({ length: 8 }, (_, line) => `${'ABCDE'[option]}${line}:${'x<&>*_`'.repeat(10)}`.slice(0, 70)).join(
    '\n',
  );
}

export const OUTPUT_PROGRAM = [
  'import asyncio',
  '',
  'async def job(name, delay):',
  '    await asyncio.sleep(delay)',
  '    return name',
  '',
  'async def main():',
  '    print(await asyncio.gather(job("slow", 0.02), job("fast", 0)))',
  '',
  'asyncio.run(main())',
].join('\n');

export function outputQuestion(id = 'out-gather-result-order'): QuestionView {
  return {
    id,
    title: 'What `asyncio.gather` returns when tasks finish out of order',
    difficulty: 'easy',
    topics: ['asyncio'],
    format: 'output',
    prompt: `What does this program print?\n\n\`\`\`python\n${OUTPUT_PROGRAM}\n\`\`\``,
    options: [0, 1, 2, 3, 4].map(widestOutput),
  };
}

export function choiceQuestion(id = 'ch-gil-io'): QuestionView {
  return {
    id,
    title: 'What the GIL does during blocking I/O',
    difficulty: 'medium',
    topics: ['threading'],
    format: 'choice',
    prompt: 'A thread calls `socket.recv()` and blocks. What happens to the GIL?',
    options: [
      'It is released while the call blocks',
      'It stays held until the call returns',
      'It is handed to the main thread',
    ],
  };
}

export function buttonRoundView(roundId: string, question: QuestionView, revealAt: number): RoundPostView {
  return { roundId, question, revealAt, timezone: 'UTC' };
}

/** A reveal of `question` where `picks[i]` people chose option i and `right` got it right. */
export function buttonReveal(
  roundId: string,
  question: QuestionView,
  choice: { correct: number; picks: number[]; right: Person[] },
  revealedAt: number,
): RevealView {
  const options = (question.options ?? []).map((text, i) => ({
    text,
    picks: choice.picks[i] ?? 0,
    ...(i === choice.correct
      ? {}
      : { why: `Option ${i} is a common slip: it forgets <what> & *why* the order holds.` }),
  }));
  const reveal: ChoiceReveal = {
    correct: choice.correct,
    options,
    right: choice.right,
    total: choice.picks.reduce((a, b) => a + b, 0),
  };
  return {
    roundId,
    question,
    modelAnswer: 'gather returns the results in the order the awaitables were passed, whatever order they finish in.',
    keyPoints: [],
    answers: [],
    listed: [],
    mostMissed: [],
    feedbackAvailable: true,
    revealedAt,
    choice: reveal,
  };
}

const PRIVATE = 'private' as const;

/** An InboundHandler that plays the core's part for picks, and records what it was asked. */
export class RecordingInbound implements InboundHandler {
  readonly picks: PickRequest[] = [];
  readonly practicePicks: PracticePickRequest[] = [];
  /** Replies `command` gives, in order; afterwards an `unknown` help. */
  readonly commandReplies: Reply[] = [];
  private readonly current = new Map<string, number>();
  private readonly closed = new Set<string>();
  /** While set, `pick` waits for it before answering: a slow store. */
  gate?: Promise<void>;

  constructor(
    private readonly revealAt: number,
    private readonly practice?: { question: QuestionView; correct: number },
  ) {}

  /** The round is revealed: later picks are too late. */
  close(roundId: string): void {
    this.closed.add(roundId);
  }

  async command(): Promise<Reply | null> {
    return this.commandReplies.shift() ?? { visibility: PRIVATE, kind: 'help', isAdmin: false, unknown: '?' };
  }
  async threadMessage() {
    return 'ignored' as const;
  }
  async threadMessageEdited() {}
  async channelsGone() {}
  async threadMessageDeleted() {}
  async practiceReveal(): Promise<Reply> {
    return { visibility: PRIVATE, kind: 'refusal', code: 'internal', message: 'not in these tests' };
  }
  async roundFeedback(): Promise<Reply> {
    return { visibility: PRIVATE, kind: 'refusal', code: 'internal', message: 'not in these tests' };
  }

  async pick(request: PickRequest): Promise<Reply> {
    this.picks.push(request);
    await this.gate;
    if (this.closed.has(request.roundId))
      return {
        visibility: PRIVATE,
        kind: 'refusal',
        code: 'too-late',
        message: 'Too late: this question is revealed.',
      };
    const key = `${request.roundId}/${request.caller.id}`;
    const changed = this.current.has(key) && this.current.get(key) !== request.option;
    this.current.set(key, request.option);
    return {
      visibility: PRIVATE,
      kind: 'picked',
      roundId: request.roundId,
      option: request.option,
      changed,
      revealAt: this.revealAt,
    };
  }

  async submitSuggestion(): Promise<Reply> {
    return { visibility: 'private', kind: 'suggest-form' };
  }

  async decideSuggestion(): Promise<Reply> {
    return { visibility: 'private', kind: 'suggestions', items: [] };
  }

  async practicePick(request: PracticePickRequest): Promise<Reply> {
    this.practicePicks.push(request);
    const practice = this.practice;
    if (!practice || practice.question.id !== request.questionId)
      return { visibility: PRIVATE, kind: 'refusal', code: 'internal', message: 'That practice question is closed.' };
    const right = request.option === practice.correct;
    return {
      visibility: PRIVATE,
      kind: 'practice-pick-result',
      question: practice.question,
      option: request.option,
      correct: practice.correct,
      ...(right ? {} : { why: 'Blocking I/O releases the GIL, so other threads run meanwhile.' }),
      modelAnswer: 'CPython releases the GIL around blocking system calls.',
    };
  }
}

/** A bank of button questions only, for the adapter contract's button rounds: the right option is always A. */
export function makeButtonBank(): QuestionBank {
  const why = (what: string) => `${what} is what people expect, but the program never gets there.`;
  return new QuestionBank([
    makeQuestion('ch-gil-io', {
      format: 'choice',
      title: 'The GIL during blocking I/O',
      keyPoints: [],
      prompt: 'A thread blocks in `socket.recv()`. What happens to the GIL?',
      options: [
        { text: 'It is released while the call blocks', correct: true },
        { text: 'It stays held until the call returns', correct: false, why: why('Holding it') },
        { text: 'It moves to the main thread', correct: false, why: why('Handing it over') },
      ],
      modelAnswer: 'Blocking calls release the GIL, so other threads run meanwhile.',
    }),
    makeQuestion('out-gather-order', {
      format: 'output',
      title: 'What gather returns',
      keyPoints: [],
      program: OUTPUT_PROGRAM,
      prompt: `What does this program print?\n\n\`\`\`python\n${OUTPUT_PROGRAM}\n\`\`\``,
      options: [
        { text: "['slow', 'fast']", correct: true },
        { text: "['fast', 'slow']", correct: false, why: why('Finishing order') },
        { text: "['fast']", correct: false, why: why('The first result alone') },
      ],
      modelAnswer: 'gather returns results in the order the awaitables were passed.',
    }),
  ]);
}
