/**
 * `npm run questions:verify`: runs every example with python3 (or $PYTHON) and compares the output
 * exactly. Examples that need a newer Python are listed as not run, with the reason.
 */
import os from 'node:os';
import { loadQuestions } from '../src/questions/load-questions.ts';
import { pythonVersion, verifyExample, type ExampleResult } from '../src/questions/verify-examples.ts';

const python = process.env.PYTHON ?? 'python3';
const questions = (await loadQuestions(process.argv[2] ?? process.env.QUIZ_QUESTIONS_DIR ?? 'questions')).filter(
  (q) => q.example,
);
const installed = await pythonVersion(python);
console.log(`Running ${questions.length} examples with ${python} ${installed}`);

const results: ExampleResult[] = [];
const queue = [...questions];
await Promise.all(
  Array.from({ length: Math.max(1, Math.min(4, os.cpus().length)) }, async () => {
    for (let q = queue.shift(); q; q = queue.shift()) results.push(await verifyExample(q, python, installed));
  }),
);
results.sort((a, b) => a.id.localeCompare(b.id));
for (const r of results) {
  if (r.status === 'passed') console.log(`  ok       ${r.id}`);
  else if (r.status === 'not-run') console.log(`  not run  ${r.id}: ${r.reason}`);
  else console.log(`  FAILED   ${r.id} (${r.file}): ${r.reason}`);
}
const tally = (s: ExampleResult['status']) => results.filter((r) => r.status === s).length;
console.log(`${tally('passed')} passed, ${tally('failed')} failed, ${tally('not-run')} not run`);
process.exit(tally('failed') > 0 ? 1 : 0);
