/**
 * The adversarial suite: per question, wrong answers that must not earn the point they contradict
 * and correct paraphrases that must still earn most points. Read from one YAML file per question
 * (test/fixtures/adversarial/<id>.yaml) and reduced to the bank-wide figures that the test asserts
 * and `questions:check` prints.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { assessAnswer } from '../core/keypoints.ts';
import type { Question } from '../core/types.ts';

export const ADVERSARIAL_DIR = 'test/fixtures/adversarial';

/** A paraphrase passes when it earns this share of the points; this share of paraphrases must pass. */
export const PARAPHRASE_COVERAGE = 0.6;
export const PARAPHRASES_PASSING = 0.9;

const fixtureSchema = z.strictObject({
  question: z.string().min(1),
  wrong: z.array(z.strictObject({ point: z.number().int().min(1), text: z.string().trim().min(1) })).default([]),
  paraphrases: z.array(z.string().trim().min(1)).default([]),
});

export type AdversarialFixture = z.infer<typeof fixtureSchema> & { file: string };

/** Reads every `*.yaml` in `dir`; a missing folder is an empty suite. Throws on a malformed file, naming it. */
export function loadAdversarial(dir = ADVERSARIAL_DIR): AdversarialFixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const parsed = fixtureSchema.safeParse(parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message}`);
      }
      return { ...parsed.data, file };
    });
}

export interface AdversarialFigures {
  wrongTotal: number;
  /** Wrong answers that earned the point they contradict: "<id> point N: <start of text>". */
  wrongCredited: string[];
  paraphraseTotal: number;
  paraphrasesPassing: number;
  /** Paraphrases under the coverage bar: "<id>: 2/5 (<start of text>)". */
  paraphrasesFailing: string[];
  /** Fixture problems: unknown question, a point number the question does not have. */
  problems: string[];
  questionsCovered: number;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

export function measureAdversarial(
  fixtures: readonly AdversarialFixture[],
  questions: readonly Question[],
): AdversarialFigures {
  const bank = new Map(questions.map((q) => [q.id, q]));
  const figures: AdversarialFigures = {
    wrongTotal: 0,
    wrongCredited: [],
    paraphraseTotal: 0,
    paraphrasesPassing: 0,
    paraphrasesFailing: [],
    problems: [],
    questionsCovered: 0,
  };
  const covered = new Set<string>();
  for (const fixture of fixtures) {
    const q = bank.get(fixture.question);
    if (!q) {
      figures.problems.push(`${fixture.file}: question "${fixture.question}" is not in the bank`);
      continue;
    }
    if (q.format !== 'free') {
      figures.problems.push(
        `${fixture.file}: "${q.id}" is a button question (format: ${q.format}), scored exactly: button questions have no adversarial suite`,
      );
      continue;
    }
    covered.add(q.id);
    for (const wrong of fixture.wrong) {
      const point = q.keyPoints[wrong.point - 1];
      if (!point) {
        figures.problems.push(
          `${fixture.file}: point ${wrong.point}, but ${q.id} has ${q.keyPoints.length} key points`,
        );
        continue;
      }
      figures.wrongTotal++;
      if (assessAnswer(wrong.text, q.keyPoints).covered.includes(point.label)) {
        figures.wrongCredited.push(`${q.id} point ${wrong.point}: "${excerpt(wrong.text)}"`);
      }
    }
    for (const text of fixture.paraphrases) {
      figures.paraphraseTotal++;
      const n = assessAnswer(text, q.keyPoints).covered.length;
      if (n >= PARAPHRASE_COVERAGE * q.keyPoints.length) figures.paraphrasesPassing++;
      else figures.paraphrasesFailing.push(`${q.id}: ${n}/${q.keyPoints.length} ("${excerpt(text)}")`);
    }
  }
  figures.questionsCovered = covered.size;
  return figures;
}

/** The share of paraphrases at or above the coverage bar; 1 when there are none. */
export function paraphraseShare(f: AdversarialFigures): number {
  return f.paraphraseTotal === 0 ? 1 : f.paraphrasesPassing / f.paraphraseTotal;
}

/**
 * "wrong answers credited 3/240 · paraphrase coverage 152/160 (95%) at >= 60% of points · 80/80
 * questions". `bankSize` counts the free-text questions, the only ones a suite can test.
 */
export function adversarialSummary(f: AdversarialFigures, bankSize: number): string {
  const pct = Math.round(paraphraseShare(f) * 100);
  return `adversarial: wrong answers credited ${f.wrongCredited.length}/${f.wrongTotal} · paraphrase coverage ${f.paraphrasesPassing}/${f.paraphraseTotal} (${pct}%) at >= ${PARAPHRASE_COVERAGE * 100}% of points · ${f.questionsCovered}/${bankSize} questions have a suite`;
}
