/**
 * Verifies `output` questions: runs each program on every interpreter from its `since` up (twice
 * on the first, to catch a program whose output depends on luck), then holds the options to what
 * it really printed: the correct one must equal it on every version, no wrong one may.
 */
import { OPTION_LETTERS, type Question } from '../core/types.ts';
import { compareVersions, type PythonInterpreter } from './find-pythons.ts';
import { type ExampleResult, runPython } from './verify-examples.ts';

/** Programs should finish well under a second; this only stops one that hangs. */
export const PROGRAM_TIMEOUT_MS = 10_000;

/** One run of one program on one interpreter; `attempt` 2 is the repeat on the first interpreter. */
export interface OutputRun {
  question: Question;
  python: PythonInterpreter;
  attempt: 1 | 2;
}

/** What a run did: the exit code (null when it was killed, by the timeout or a signal) and its output. */
export interface ProgramOutcome {
  python: PythonInterpreter;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface OutputPlan {
  runs: OutputRun[];
  /** Programs whose `since` is newer than every interpreter found: a failure, never a silent skip. */
  tooNew: Question[];
}

export function planOutputRuns(questions: readonly Question[], pythons: readonly PythonInterpreter[]): OutputPlan {
  const runs: OutputRun[] = [];
  const tooNew: Question[] = [];
  for (const question of questions.filter((q) => q.format === 'output' && q.program !== undefined)) {
    const eligible = pythons.filter((p) => !question.since || compareVersions(p.minor, question.since) >= 0);
    const first = eligible[0];
    if (!first) tooNew.push(question);
    for (const python of eligible) runs.push({ question, python, attempt: 1 });
    if (first) runs.push({ question, python: first, attempt: 2 });
  }
  return { runs, tooNew };
}

/** Output as a reader compares it: trailing whitespace of each line and trailing blank lines do not count. */
export function normaliseOutput(text: string): string {
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

const letter = (i: number) => (OPTION_LETTERS[i] ?? String(i + 1)).toUpperCase();

function indent(text: string): string {
  return text === '' ? '    (nothing)' : text.replace(/^/gm, '    ');
}

/**
 * Judges one program from all its outcomes (the first interpreter's two runs among them), in any
 * order, and returns one result per version, oldest first.
 */
export function judgeOutputs(q: Question, outcomes: readonly ProgramOutcome[]): Map<string, ExampleResult> {
  const base = { id: q.id, file: q.file };
  const byVersion = new Map<string, ProgramOutcome[]>();
  const oldestFirst = [...outcomes].sort((a, b) => compareVersions(a.python.version, b.python.version));
  for (const o of oldestFirst) byVersion.set(o.python.version, [...(byVersion.get(o.python.version) ?? []), o]);
  const failures = new Map<string, string[]>();
  const fail = (version: string, reason: string) => failures.set(version, [...(failures.get(version) ?? []), reason]);

  const printed = new Map<string, string>();
  for (const [version, runs] of byVersion) {
    const crashed = runs.find((r) => r.code !== 0);
    if (crashed) {
      const how = crashed.code === null ? 'was stopped (timeout or signal)' : `exited with ${crashed.code}`;
      fail(version, `the program ${how}: ${crashed.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const outputs = [...new Set(runs.map((r) => normaliseOutput(r.stdout)))];
    if (outputs.length > 1) {
      fail(
        version,
        `the program printed differently on two runs on ${version}, so its output is luck:\n${outputs.map(indent).join('\n  --- and\n')}\n  force the order with a Barrier, an Event or join(), and print no ids, timings or set order`,
      );
      continue;
    }
    printed.set(version, outputs[0] ?? '');
  }

  const groups = new Map<string, string[]>();
  for (const [version, output] of printed) groups.set(output, [...(groups.get(output) ?? []), version]);
  if (groups.size > 1) {
    const which = [...groups.entries()]
      .map(([output, versions]) => `  ${versions.join(', ')} print:\n${indent(output)}`)
      .join('\n');
    const reason = `the program prints differently on different Python versions:\n${which}\n  pick a program that prints the same everywhere, or set "since" to the first version whose output is the correct option and say so in the question`;
    for (const version of printed.keys()) fail(version, reason);
  }

  const options = q.options ?? [];
  for (const [version, output] of printed) {
    for (const [i, option] of options.entries()) {
      const same = normaliseOutput(option.text) === output;
      if (option.correct && !same)
        fail(version, `the correct option ${letter(i)} is not what the program prints:\n${indent(output)}`);
      if (!option.correct && same)
        fail(version, `option ${letter(i)}, marked wrong, is exactly what the program prints on ${version}`);
    }
  }

  const results = new Map<string, ExampleResult>();
  for (const version of byVersion.keys()) {
    const reasons = failures.get(version);
    results.set(
      version,
      reasons
        ? { ...base, status: 'failed', reason: [...new Set(reasons)].join('\n  ') }
        : { ...base, status: 'passed' },
    );
  }
  return results;
}

export interface ProgramVerification {
  /** Per question, one result per version it ran on. */
  verdicts: Map<Question, Map<string, ExampleResult>>;
  tooNew: Question[];
}

/** Runs every output program as planned, `jobs` at a time, and judges each question. */
export async function verifyPrograms(
  questions: readonly Question[],
  pythons: readonly PythonInterpreter[],
  jobs = 2,
  timeoutMs = PROGRAM_TIMEOUT_MS,
): Promise<ProgramVerification> {
  const { runs, tooNew } = planOutputRuns(questions, pythons);
  const outcomes = new Map<Question, ProgramOutcome[]>();
  const queue = [...runs];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let run = queue.shift(); run; run = queue.shift()) {
        const outcome = await runPython(run.python.executable, run.question.program ?? '', timeoutMs);
        outcomes.set(run.question, [...(outcomes.get(run.question) ?? []), { python: run.python, ...outcome }]);
      }
    }),
  );
  const verdicts = new Map<Question, Map<string, ExampleResult>>();
  for (const [question, list] of outcomes) verdicts.set(question, judgeOutputs(question, list));
  return { verdicts, tooNew };
}
