/**
 * `npm run questions:check`: validates the whole bank (schema, unique ids, key points made in the
 * model answers, answer lengths, spread, bare terms; for button questions their options, answer
 * length and no option letters in the model answer) and, when the source document is beside the
 * project, that no question copies ten words in a row from it; then prints the adversarial suite's
 * bank-wide figures. Exits 1 on any problem. `--strict-terms` makes bare terms, and `a + b` terms
 * the model answer never says in one sentence, problems too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { QUESTION_FORMATS } from '../src/core/types.ts';
import {
  ADVERSARIAL_DIR,
  adversarialSummary,
  loadAdversarial,
  measureAdversarial,
  PARAPHRASES_PASSING,
  paraphraseShare,
} from '../src/questions/adversarial.ts';
import {
  BANK_TARGETS,
  checkBareTerms,
  checkQuestion,
  checkSpread,
  checkTermSentences,
  copiedPhrases,
  phraseSet,
} from '../src/questions/check-bank.ts';
import { loadQuestions, QuestionBankError } from '../src/questions/load-questions.ts';

const args = process.argv.slice(2);
const strictTerms = args.includes('--strict-terms');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.QUIZ_QUESTIONS_DIR ?? 'questions';
const targets = strictTerms
  ? { ...BANK_TARGETS, bareTerms: 'error' as const, termSentences: 'error' as const }
  : BANK_TARGETS;
const seedDir = path.resolve('..', 'shared', 'seed');

try {
  const questions = await loadQuestions(dir);
  const findings = questions.flatMap((q) => checkQuestion(q, targets));
  if (existsSync(seedDir)) {
    const source = readdirSync(seedDir)
      .map((name) => readFileSync(path.join(seedDir, name), 'utf8'))
      .join('\n');
    const phrases = phraseSet(source);
    for (const q of questions) {
      for (const phrase of copiedPhrases(q, phrases))
        findings.push({ file: q.file, message: `copies the source document: "${phrase}"` });
    }
  }
  const spread = checkSpread(questions, targets);
  if (targets.bareTerms === 'warn') {
    const bare = questions.flatMap(checkBareTerms);
    for (const f of bare) console.error(`warning: ${f.file}: ${f.message}`);
    if (bare.length > 0)
      console.error(`warning: ${bare.length} bare terms (listed only: BANK_TARGETS.bareTerms is 'warn')`);
  }
  if (targets.termSentences === 'warn') {
    const apart = questions.map(checkTermSentences).filter((f) => f.length > 0);
    if (apart.length > 0)
      console.error(
        `warning: ${apart.flat().length} "a + b" terms in ${apart.length} questions are never said in one sentence of their model answer (--strict-terms lists them as problems)`,
      );
  }
  const adversarial = measureAdversarial(
    loadAdversarial(process.env.QUIZ_ADVERSARIAL_DIR ?? ADVERSARIAL_DIR),
    questions,
  );
  for (const p of adversarial.problems) findings.push({ file: ADVERSARIAL_DIR, message: p });
  for (const w of adversarial.wrongCredited) console.error(`adversarial: wrong answer credited: ${w}`);
  for (const p of adversarial.paraphrasesFailing) console.error(`adversarial: paraphrase under the bar: ${p}`);
  for (const f of findings) console.error(`${f.file}: ${f.message}`);
  for (const s of spread) console.error(`bank: ${s}`);
  const share = paraphraseShare(adversarial);
  console.log(
    `${adversarialSummary(adversarial, questions.filter((q) => q.format === 'free').length)}${adversarial.wrongCredited.length > 0 || share < PARAPHRASES_PASSING ? ' (targets: 0 credited, >= 90%)' : ''}`,
  );
  const count = (d: string) => questions.filter((q) => q.difficulty === d).length;
  const formats = QUESTION_FORMATS.map((f) => `${f} ${questions.filter((q) => q.format === f).length}`).join(', ');
  console.log(
    `${questions.length} questions (${formats}; easy ${count('easy')}, medium ${count('medium')}, hard ${count('hard')}), ${questions.filter((q) => q.example).length} with examples: ${findings.length + spread.length === 0 ? 'all checks pass' : `${findings.length + spread.length} problems`}`,
  );
  process.exit(findings.length + spread.length === 0 ? 0 : 1);
} catch (error) {
  if (error instanceof QuestionBankError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
