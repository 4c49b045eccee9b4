/**
 * Key-point coverage: which of a question's key points an answer makes, and which misconceptions
 * it states. Still a text check, kept predictable so question authors can reason about it: a term
 * matches when its words occur in a row inside one sentence of the answer, compared by lemma
 * (`locks`/`lock`, `copies`/`copy`), with code identifiers kept whole, and with the same polarity:
 * a word the answer says under a negation ("does not copy") only meets a term that negates it too.
 * A term `a + b` needs every part in one sentence, in any order.
 */
import { NOT, readSentences, type Sentence, type Word } from './language.ts';
import type { KeyPoint } from './types.ts';

/** A term compiled once: its parts, each a run of words. */
type CompiledTerm = Word[][];

const compiled = new Map<string, CompiledTerm>();

/**
 * Splits `"to_thread + copies"` into its parts. A `+` without spaces (`C++`, `a+b`) is no
 * separator, and neither is one inside backticks: `` `i = i + 1` `` is one part, read as code.
 */
export function termParts(term: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < term.length; i++) {
    const ch = term[i]!;
    if (ch === '`') inCode = !inCode;
    if (!inCode && /\s/.test(ch) && term[i + 1] === '+' && /\s/.test(term[i + 2] ?? '')) {
      parts.push(current);
      current = '';
      i += 2;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.replaceAll('`', ' ').trim()).filter(Boolean);
}

const SPACED_OPERATOR = /(?:^|\s)(?:[=<>!+\-*/%]=?|==|\*\*|\/\/)(?:\s|$)/;
const LONE_OPERAND = /^(?:\d+|\p{L})$/u;

/**
 * True when a ` + ` outside backticks seems to cut an expression rather than join claims: a part
 * holds an operator between spaces and a part beside it is a lone number or letter (`i = i` and
 * `1` of `i = i + 1`). A guess, so `questions:check` names the term and says to quote the code.
 */
export function splitsCode(term: string): boolean {
  const parts = termParts(term);
  return parts.some(
    (p, i) =>
      SPACED_OPERATOR.test(p) && [parts[i - 1], parts[i + 1]].some((n) => n !== undefined && LONE_OPERAND.test(n)),
  );
}

function compile(term: string): CompiledTerm {
  let c = compiled.get(term);
  if (!c) {
    c = termParts(term).map((part) => readSentences(part).flat());
    compiled.set(term, c);
  }
  return c;
}

function sameWord(answer: Word, term: Word): boolean {
  return answer.negated === term.negated && (answer.key === term.key || answer.text === term.text);
}

function containsRun(sentence: Sentence, run: readonly Word[]): boolean {
  // No guard for an empty run (`matches` refuses a term with an empty part) or one longer than
  // the sentence (the loop then has no start to try).
  outer: for (let i = 0; i <= sentence.length - run.length; i++) {
    for (let j = 0; j < run.length; j++) {
      if (!sameWord(sentence[i + j]!, run[j]!)) continue outer;
    }
    return true;
  }
  return false;
}

function matches(sentences: readonly Sentence[], term: string): boolean {
  const parts = compile(term);
  if (parts.length === 0 || parts.some((p) => p.length === 0)) return false;
  return sentences.some((s) => parts.every((run) => containsRun(s, run)));
}

/** True when `text` says `term` (same rules as key points: one sentence, lemmas, polarity). */
export function mentionsTerm(text: string, term: string): boolean {
  return matches(readSentences(text), term);
}

/** The words of `term` after normalisation, one array per part, for checks on the bank. */
export function termWords(term: string): { key: string; negated: boolean }[][] {
  return compile(term).map((run) => run.map(({ key, negated }) => ({ key, negated })));
}

export { NOT };

/** A misconception an answer stated: what it claimed, and the short truth to tell its author. */
export interface WrongClaim {
  claim: string;
  truth: string;
}

export interface Coverage {
  covered: string[];
  missed: string[];
  /** Misconceptions stated; absent when none. A point whose misconception is stated is missed. */
  wrong?: WrongClaim[];
}

export function assessAnswer(text: string, keyPoints: readonly KeyPoint[]): Coverage {
  const sentences = readSentences(text);
  const covered: string[] = [];
  const missed: string[] = [];
  const wrong: WrongClaim[] = [];
  for (const point of keyPoints) {
    const stated = (point.wrong ?? []).filter((w) => w.terms.some((t) => matches(sentences, t)));
    for (const w of stated) wrong.push({ claim: w.claim, truth: w.truth });
    const hit = stated.length === 0 && point.terms.some((term) => matches(sentences, term));
    (hit ? covered : missed).push(point.label);
  }
  return wrong.length > 0 ? { covered, missed, wrong } : { covered, missed };
}

/** 1-based positions of `labels` among a question's key points, for compact "missed 2, 5" feedback. */
export function pointNumbers(labels: readonly string[], keyPoints: readonly string[]): number[] {
  return labels.map((label) => keyPoints.indexOf(label) + 1).filter((n) => n > 0);
}

/** "⚠ 'fork is still the Linux default' — 3.14 switched to forkserver": one misconception, one line. */
export function wrongClaimNote(w: WrongClaim): string {
  return `⚠ '${w.claim}' — ${w.truth}`;
}

/**
 * "3/5 key points (missed 2, 5)" or "5/5 key points ✓": one line per answer, however busy the
 * thread; a stated misconception follows it ("2/5 key points · ⚠ 'claim' — truth").
 */
export function coverageSummary(answer: Coverage, keyPoints: readonly string[]): string {
  const total = answer.covered.length + answer.missed.length;
  const missed = pointNumbers(answer.missed, keyPoints);
  const mark = missed.length > 0 ? ` (missed ${missed.join(', ')})` : total > 0 ? ' ✓' : '';
  const notes = (answer.wrong ?? []).map((w) => ` · ${wrongClaimNote(w)}`).join('');
  return `${answer.covered.length}/${total} key points${mark}${notes}`;
}
