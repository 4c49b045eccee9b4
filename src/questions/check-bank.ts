/**
 * Editorial checks on a loaded bank, beyond what the loader's schema proves: key points really
 * made in the model answer, answer length, spread over difficulties and topics, and no long
 * phrases lifted from the source document. Button questions have no key points; their checks are
 * in check-button-question.ts.
 */
import { assessAnswer, mentionsTerm, NOT, splitsCode, termParts, termWords } from '../core/keypoints.ts';
import type { Difficulty, Question, Topic } from '../core/types.ts';
import { isButtonFormat, TOPICS } from '../core/types.ts';
import { checkButtonQuestion } from './check-button-question.ts';

export interface BankTargets {
  total: number;
  perDifficulty: Record<Difficulty, number>;
  examples: number;
  perTopic: number;
  answerWords: { min: number; max: number };
  /** A button question's model answer explains one option, so it is shorter. */
  buttonAnswerWords: { min: number; max: number };
  /**
   * Bare terms ("3.2", "GIL") fail the check at 'error' (the bank's setting); 'warn' only lists
   * them, for a team importing a bank written for the older, word-only matching.
   */
  bareTerms: 'warn' | 'error';
  /**
   * `a + b` terms whose parts the model answer says, but never in one sentence: 'error' fails the
   * check; 'warn' (the bank's setting until its terms are rewritten) only counts them.
   */
  termSentences: 'warn' | 'error';
}

export const BANK_TARGETS: BankTargets = {
  total: 80,
  perDifficulty: { easy: 20, medium: 30, hard: 20 },
  examples: 30,
  perTopic: 2,
  answerWords: { min: 120, max: 300 },
  buttonAnswerWords: { min: 40, max: 200 },
  bareTerms: 'error',
  termSentences: 'warn',
};

export interface BankFinding {
  file: string;
  message: string;
}

/**
 * Words that name a topic rather than state a fact: every answer on the topic says them, right or
 * wrong, so alone they credit nothing. A term made only of these (and version numbers, and filler)
 * must tie them to a claim with a second part: `multiprocessing + 2.6`, `GIL + rewritten`.
 */
export const TOPIC_WORDS = [
  // the quiz's areas and the things they are about
  'gil',
  'global interpreter lock',
  'interpreter',
  'subinterpreter',
  'cpython',
  'python',
  'free-threaded',
  'free threading',
  'nogil',
  'no-gil',
  'thread',
  'threading',
  'multithreading',
  'thread pool',
  'main thread',
  'worker',
  'daemon',
  'process',
  'multiprocessing',
  'subprocess',
  'fork',
  'spawn',
  'forkserver',
  'pool',
  'pickle',
  'asyncio',
  'async',
  'await',
  'coroutine',
  'task',
  'event loop',
  'loop',
  'future',
  'executor',
  'queue',
  'lock',
  'mutex',
  'semaphore',
  'event',
  'condition',
  'context',
  'contextvar',
  'contextvars',
  // the properties every answer weighs
  'concurrency',
  'concurrent',
  'parallel',
  'parallelism',
  'simultaneous',
  'race',
  'race condition',
  'deadlock',
  'atomic',
  'atomicity',
  'safe',
  'unsafe',
  'thread-safe',
  'thread safe',
  'safety',
  'blocking',
  'block',
  'non-blocking',
  'cpu',
  'core',
  'i/o',
  'io',
  'cpu-bound',
  'i/o-bound',
  'io-bound',
  'bound',
  'performance',
  'speed',
  'fast',
  'faster',
  'slow',
  'slower',
  'overhead',
  'cost',
  'memory',
  'finally',
  'exception',
  'error',
  'cancel',
  'cancellation',
  'timeout',
  'shutdown',
];

/** Words that add nothing to a term: "one thread" is as bare as "thread". */
const FILLER = [
  'a',
  'an',
  'the',
  'one',
  'single',
  'two',
  'multiple',
  'several',
  'many',
  'more',
  'less',
  'all',
  'only',
  'same',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'by',
  'and',
  'or',
  'is',
  'it',
  'its',
  'use',
  'version',
  'build',
  'default',
  'new',
  'old',
  'real',
  'per',
];

const FILLER_SET = new Set(FILLER);

const VERSION_WORD = /^\d+(?:\.\d+)*[a-z]?$/;

let bareWords: Set<string> | undefined;

/** The bare vocabulary in the matcher's own normal form, so `threads` and `thread` are one word. */
function bareVocabulary(): Set<string> {
  if (!bareWords) {
    bareWords = new Set<string>();
    for (const entry of [...TOPIC_WORDS, ...FILLER]) {
      for (const w of termWords(entry).flat()) bareWords.add(w.key);
    }
  }
  return bareWords;
}

/**
 * True for a one-part term that is only a version number ("3.2") or only topic words and filler
 * ("GIL", "one thread"). A topic word with a version is a fact tied to its subject ("forkserver in
 * 3.14"); a negation makes a claim ("not atomic"); so does a second part.
 */
export function isBareTerm(term: string): boolean {
  const parts = termWords(term);
  if (parts.length !== 1) return false;
  const words = parts[0] ?? [];
  if (words.some((w) => w.key === NOT)) return false;
  const bare = bareVocabulary();
  const versions = words.filter((w) => VERSION_WORD.test(w.key));
  const rest = words.filter((w) => !VERSION_WORD.test(w.key));
  if (!rest.every((w) => bare.has(w.key))) return false;
  return versions.length === 0 || rest.every((w) => FILLER_SET.has(w.key));
}

/** Plain lower-case words, for spotting copied phrases; no lemmas needed to see copying. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function checkQuestion(q: Question, targets: BankTargets): BankFinding[] {
  if (isButtonFormat(q.format)) return checkButtonQuestion(q, targets.buttonAnswerWords);
  const findings: BankFinding[] = [];
  const report = (message: string) => findings.push({ file: q.file, message });
  const verdict = assessAnswer(q.modelAnswer, q.keyPoints);
  for (const w of verdict.wrong ?? []) report(`the model answer states the misconception "${w.claim}"`);
  for (const label of verdict.missed) {
    report(`key point "${label}": none of its terms occurs in the model answer`);
  }
  for (const point of q.keyPoints) {
    for (const term of point.terms.filter((t) => mentionsTerm(q.prompt, t))) {
      report(
        `key point "${point.label}": the term "${term}" is in the question itself, so any answer that repeats the question gets it`,
      );
    }
    for (const term of point.terms) {
      const finding = checkTermParts(q, point.label, term);
      if (finding && (finding.apart === false || targets.termSentences === 'error')) findings.push(finding);
    }
    for (const w of point.wrong ?? []) {
      for (const term of w.terms.filter(splitsCode)) findings.push(codeSplitFinding(q, point.label, term));
    }
  }
  const n = countWords(q.modelAnswer);
  if (n < targets.answerWords.min || n > targets.answerWords.max) {
    report(`the model answer has ${n} words; aim for ${targets.answerWords.min} to ${targets.answerWords.max}`);
  }
  if (targets.bareTerms === 'error') findings.push(...checkBareTerms(q));
  return findings;
}

function codeSplitFinding(q: Question, label: string, term: string): BankFinding {
  const parts = termParts(term)
    .map((p) => `"${p}"`)
    .join(', ');
  return {
    file: q.file,
    message: `key point "${label}": the term "${term}" splits at " + " into ${parts}, which looks like code cut apart; quote the code in backticks (\`i = i + 1\`) to keep it one part`,
  };
}

interface TermFinding extends BankFinding {
  /** True when every part occurs in the model answer, only never all in one sentence. */
  apart: boolean;
}

/**
 * An `a + b` term is matched in one sentence, so the model answer should say it in one sentence
 * too; a term it never says that way is untried on any known answer. Names the parts it lacks, or
 * says they are apart.
 */
function checkTermParts(q: Question, label: string, term: string): TermFinding | undefined {
  const parts = termParts(term);
  if (splitsCode(term)) return { ...codeSplitFinding(q, label, term), apart: false };
  if (parts.length < 2 || mentionsTerm(q.modelAnswer, term)) return undefined;
  const absent = parts.filter((p) => !mentionsTerm(q.modelAnswer, p));
  const why =
    absent.length > 0
      ? `its part${absent.length > 1 ? 's' : ''} ${absent.map((p) => `"${p}"`).join(', ')} ${absent.length > 1 ? 'do' : 'does'} not occur in the model answer`
      : 'its parts occur in the model answer but never all in one sentence, which is how answers are matched';
  return { file: q.file, message: `key point "${label}": the term "${term}": ${why}`, apart: absent.length === 0 };
}

/** The `a + b` terms of key points that the model answer never says in one sentence (the 'warn' count). */
export function checkTermSentences(q: Question): BankFinding[] {
  return q.keyPoints.flatMap((point) =>
    point.terms
      .map((term) => checkTermParts(q, point.label, term))
      .filter((f): f is TermFinding => f?.apart === true)
      .map(({ file, message }) => ({ file, message })),
  );
}

/** One finding per bare term, naming the file, the point and the term, for key points and misconceptions alike. */
export function checkBareTerms(q: Question): BankFinding[] {
  const findings: BankFinding[] = [];
  for (const [i, point] of q.keyPoints.entries()) {
    const where = `key point ${i + 1} "${point.label}"`;
    for (const term of point.terms.filter(isBareTerm)) {
      findings.push({
        file: q.file,
        message: `${where}: the term "${term}" is bare; tie it to its fact ("${term} + ...")`,
      });
    }
    for (const w of point.wrong ?? []) {
      for (const term of w.terms.filter(isBareTerm)) {
        findings.push({
          file: q.file,
          message: `${where}, misconception "${w.claim}": the term "${term}" is bare; tie it to its fact ("${term} + ...")`,
        });
      }
    }
  }
  return findings;
}

export function checkSpread(questions: readonly Question[], targets: BankTargets): string[] {
  const problems: string[] = [];
  if (questions.length < targets.total)
    problems.push(`the bank has ${questions.length} questions; it needs at least ${targets.total}`);
  for (const [difficulty, minimum] of Object.entries(targets.perDifficulty)) {
    const count = questions.filter((q) => q.difficulty === difficulty).length;
    if (count < minimum) problems.push(`${count} ${difficulty} questions; at least ${minimum} are needed`);
  }
  const examples = questions.filter((q) => q.example).length;
  if (examples < targets.examples)
    problems.push(`${examples} questions carry an example; at least ${targets.examples} should`);
  for (const topic of TOPICS as readonly Topic[]) {
    const count = questions.filter((q) => q.topics.includes(topic)).length;
    if (count < targets.perTopic)
      problems.push(`topic "${topic}" has ${count} questions; at least ${targets.perTopic} are needed`);
  }
  return problems;
}

/** Phrases of `length` consecutive words that a question shares with the source text. */
export function copiedPhrases(q: Question, sourceWords: ReadonlySet<string>, length = 10): string[] {
  const text = words([q.prompt, q.modelAnswer, q.pitfalls ?? ''].join('\n'));
  const hits: string[] = [];
  for (let i = 0; i + length <= text.length; i++) {
    const phrase = text.slice(i, i + length).join(' ');
    if (sourceWords.has(phrase)) {
      hits.push(phrase);
      i += length - 1;
    }
  }
  return hits;
}

export function phraseSet(source: string, length = 10): Set<string> {
  const w = words(source);
  const set = new Set<string>();
  for (let i = 0; i + length <= w.length; i++) set.add(w.slice(i, i + length).join(' '));
  return set;
}
