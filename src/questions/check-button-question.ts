/**
 * Editorial checks on a `choice` or `output` question, beyond the loader's option rules: a model
 * answer of the right length that never names an option by its letter (the letters may be dealt
 * in another order one day), and options that stand on their own.
 */
import type { Question } from '../core/types.ts';
import { normaliseOption } from './schema.ts';

export interface ButtonFinding {
  file: string;
  message: string;
}

/**
 * "option B", "choice c", "answer (c)": a letter that only means something in one order. A bare
 * lower-case "a" is the article ("the choice a caller makes") and a bare "answer c" is rare
 * enough to leave, so those count only in parentheses.
 */
const LETTER_REFERENCES = [
  /\b(?:[Oo]ptions?|[Cc]hoices?|[Ll]etters?)\s+(?:[A-Eb-e]|\([A-Ea-e]\))(?![\w'-]|\.\w)/g,
  /\b[Aa]nswers?\s+(?:[A-E]|\([A-Ea-e]\))(?![\w'-]|\.\w)/g,
];
/** "All of the above" points at other options by position. */
const POSITIONAL = /\b(?:all|none|both|neither) of the (?:above|below|others|other options)\b/i;

/** The letter references in `text`, e.g. `["option B"]`. */
export function letterReferences(text: string): string[] {
  return LETTER_REFERENCES.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0]));
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function checkButtonQuestion(q: Question, answerWords: { min: number; max: number }): ButtonFinding[] {
  const findings: ButtonFinding[] = [];
  const report = (message: string) => findings.push({ file: q.file, message });
  const n = countWords(q.modelAnswer);
  if (n < answerWords.min || n > answerWords.max)
    report(`the model answer has ${n} words; a button question's aims for ${answerWords.min} to ${answerWords.max}`);
  for (const hit of letterReferences(q.modelAnswer))
    report(
      `the model answer says "${hit}": name the idea, not the letter, since options may be shown in another order`,
    );
  const whys = new Map<string, number>();
  for (const [i, option] of (q.options ?? []).entries()) {
    const where = `option ${i + 1}`;
    if (POSITIONAL.test(option.text))
      report(
        `${where} points at the others by position ("${POSITIONAL.exec(option.text)?.[0]}"); options may be reordered`,
      );
    if (!option.why) continue;
    for (const hit of letterReferences(option.why))
      report(`${where}: its why says "${hit}": name the idea, not the letter`);
    const key = normaliseOption(option.why).toLowerCase();
    const first = whys.get(key);
    if (first !== undefined) report(`${where} has the same why as option ${first + 1}: say what is wrong with each`);
    else whys.set(key, i);
  }
  return findings;
}
