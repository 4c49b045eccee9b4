/**
 * Editorial checks on a loaded bank, beyond what the loader's schema proves: key points really
 * made in the model answer, answer length, spread over difficulties and topics, and no long
 * phrases lifted from the source document.
 */
import { assessAnswer, mentionsTerm } from '../core/keypoints.ts';
import type { Difficulty, Question, Topic } from '../core/types.ts';
import { TOPICS } from '../core/types.ts';

export interface BankTargets {
  total: number;
  perDifficulty: Record<Difficulty, number>;
  examples: number;
  perTopic: number;
  answerWords: { min: number; max: number };
}

export const BANK_TARGETS: BankTargets = {
  total: 80,
  perDifficulty: { easy: 20, medium: 30, hard: 20 },
  examples: 30,
  perTopic: 2,
  answerWords: { min: 120, max: 300 },
};

export interface BankFinding {
  file: string;
  message: string;
}

/** Plain lower-case words, for spotting copied phrases; no lemmas needed to see copying. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function checkQuestion(q: Question, targets: BankTargets): BankFinding[] {
  const findings: BankFinding[] = [];
  const { missed } = assessAnswer(q.modelAnswer, q.keyPoints);
  for (const label of missed) {
    findings.push({ file: q.file, message: `key point "${label}": none of its terms occurs in the model answer` });
  }
  for (const point of q.keyPoints) {
    for (const term of point.terms.filter((t) => mentionsTerm(q.prompt, t))) {
      findings.push({
        file: q.file,
        message: `key point "${point.label}": the term "${term}" is in the question itself, so any answer that repeats the question gets it`,
      });
    }
  }
  const n = countWords(q.modelAnswer);
  if (n < targets.answerWords.min || n > targets.answerWords.max) {
    findings.push({
      file: q.file,
      message: `the model answer has ${n} words; aim for ${targets.answerWords.min} to ${targets.answerWords.max}`,
    });
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
