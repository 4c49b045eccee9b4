/**
 * Practice on demand: a private question for one person, answered privately, never touching
 * channel streaks. Recently seen questions are avoided until the filtered pool runs out.
 */
import type { Store } from '../ports/store.ts';
import { questionView, type QuestionFilter } from './bank.ts';
import type { TeamBank } from './team-bank.ts';
import { assessAnswer } from './keypoints.ts';
import { correctOption } from './points.ts';
import { OPTION_LETTERS, type Question } from './types.ts';
import type { RefusalCode, Reply } from './views.ts';
import { ANSWER_WITH_A_LETTER, NO_OPTIONS, noSuchOption } from './wording.ts';

export const RECENT_PRACTICE = 20;

export class Practice {
  constructor(
    private readonly store: Store,
    private readonly questions: TeamBank,
    private readonly random: () => number,
  ) {}

  /** `open`: questions open in a channel the caller can see (open-questions.ts), never handed out. */
  async ask(
    userKey: string,
    filter: QuestionFilter,
    now: number,
    open: ReadonlySet<string> = new Set(),
    space?: string,
  ): Promise<Reply> {
    const matching = (await this.questions.forSpace(space)).filter(filter);
    if (matching.length === 0) {
      return {
        visibility: 'private',
        kind: 'refusal',
        code: 'no-questions',
        message: 'No question matches that topic, difficulty and kind. Try `/quiz topics`.',
      };
    }
    const pool = matching.filter((q) => !open.has(q.id));
    if (pool.length === 0) {
      return {
        visibility: 'private',
        kind: 'refusal',
        code: 'no-questions',
        message:
          'The only question that matches is open in a quiz channel here right now. Answer it there, or try another topic or difficulty.',
      };
    }
    const recent = new Set(await this.store.recentPractice(userKey));
    const fresh = pool.filter((q) => !recent.has(q.id));
    const candidates = fresh.length > 0 ? fresh : pool;
    const question = candidates[Math.floor(this.random() * candidates.length)] as Question;
    await this.store.startPractice(userKey, { questionId: question.id, askedAt: now }, RECENT_PRACTICE);
    return { visibility: 'private', kind: 'practice', question: questionView(question) };
  }

  /**
   * Scores an answer to the current practice question, or reveals it when `text` is null. With
   * `questionId` (the question a button was under) only that question is revealed. A question in
   * `open` (asked in a quiz channel since it was handed out) waits for that round's reveal. A button
   * question is answered with a letter (`/quiz answer b`), judged like a click on its button.
   */
  async finish(
    userKey: string,
    text: string | null,
    questionId?: string,
    open: ReadonlySet<string> = new Set(),
  ): Promise<Reply> {
    const current = await this.current(userKey, questionId, open);
    if ('kind' in current) return current;
    const { question } = current;
    if (text !== null && question.options) {
      const letter = /^\s*\(?([a-e])[).]?\s*$/i.exec(text)?.[1];
      if (!letter) return refuse('no-such-option', ANSWER_WITH_A_LETTER);
      return this.judgePick(userKey, question, OPTION_LETTERS.indexOf(letter.toLowerCase() as 'a'));
    }
    if (text !== null && text.trim() === '') {
      return refuse('empty-answer', 'Write your answer after the command: `/quiz answer <your answer>`.');
    }
    await this.store.endPractice(userKey);
    const coverage =
      text === null
        ? { covered: [], missed: question.keyPoints.map((k) => k.label) }
        : assessAnswer(text, question.keyPoints);
    return {
      visibility: 'private',
      kind: 'practice-result',
      question: questionView(question),
      ...coverage,
      modelAnswer: question.modelAnswer,
      answered: text !== null,
      ...(question.options ? { correct: correctOption(question) } : {}),
    };
  }

  /** A click on an option of the practice question (`questionId`: the one the button was under). */
  async pick(
    userKey: string,
    option: number,
    questionId?: string,
    open: ReadonlySet<string> = new Set(),
  ): Promise<Reply> {
    const current = await this.current(userKey, questionId, open);
    if ('kind' in current) return current;
    if (!current.question.options) return refuse('no-such-option', NO_OPTIONS);
    return this.judgePick(userKey, current.question, option);
  }

  /** Whether the user has a practice question with options, for `/quiz pick` outside a button round. */
  async hasButtonQuestion(userKey: string): Promise<boolean> {
    const state = await this.store.getPractice(userKey);
    return Boolean(state && (await this.questions.find(state.questionId))?.options);
  }

  private async judgePick(userKey: string, question: Question, option: number): Promise<Reply> {
    const options = question.options ?? [];
    // A fraction, a negative or a number past the last option indexes nothing.
    const chosen = options[option];
    if (!chosen) return refuse('no-such-option', noSuchOption(options.length));
    await this.store.endPractice(userKey);
    return {
      visibility: 'private',
      kind: 'practice-pick-result',
      question: questionView(question),
      option,
      correct: correctOption(question),
      ...(chosen.correct || !chosen.why ? {} : { why: chosen.why }),
      modelAnswer: question.modelAnswer,
    };
  }

  /** The user's practice question, if it may be answered now; else the refusal saying why not. */
  private async current(
    userKey: string,
    questionId: string | undefined,
    open: ReadonlySet<string>,
  ): Promise<{ question: Question } | Reply> {
    const state = await this.store.getPractice(userKey);
    const question = state ? await this.questions.find(state.questionId) : undefined;
    if (!question) return refuse('no-practice', 'You have no practice question open. Type `/quiz` to get one.');
    if (questionId !== undefined && questionId !== question.id) {
      return refuse(
        'no-practice',
        'That practice question is closed: you asked for another one since. Use the button under your latest question, or `/quiz answer <your answer>`.',
      );
    }
    if (open.has(question.id)) {
      return refuse(
        'no-practice',
        'Your practice question is now open in a quiz channel here, so its answer waits for that reveal. Answer it there, or type `/quiz` for another one.',
      );
    }
    return { question };
  }
}

function refuse(code: RefusalCode, message: string): Reply {
  return { visibility: 'private', kind: 'refusal', code, message };
}
