/**
 * Runs a question's example on one interpreter and compares its standard output exactly, and plans
 * which interpreters each example runs on (every one found, from the example's `since` up).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Question } from '../core/types.ts';
import { compareVersions, type PythonInterpreter } from './find-pythons.ts';

export type ExampleResult =
  | { id: string; file: string; status: 'passed' }
  | { id: string; file: string; status: 'failed'; reason: string };

/** One example to run on one interpreter. */
export interface ExampleRun {
  question: Question;
  python: PythonInterpreter;
}

export interface VerificationPlan {
  runs: ExampleRun[];
  /** Examples whose `since` is newer than every interpreter found: a failure, never a silent skip. */
  tooNew: Question[];
}

/** The versions an example runs on: every interpreter found, from its `since` up. */
export function planRuns(questions: Question[], pythons: PythonInterpreter[]): VerificationPlan {
  const runs: ExampleRun[] = [];
  const tooNew: Question[] = [];
  for (const question of questions.filter((q) => q.example)) {
    const eligible = pythons.filter((p) => !question.since || compareVersions(p.minor, question.since) >= 0);
    if (eligible.length === 0) tooNew.push(question);
    for (const python of eligible) runs.push({ question, python });
  }
  return { runs, tooNew };
}

/**
 * Runs code from a real file, not stdin: multiprocessing's spawn and forkserver start methods
 * re-import `__main__` from its path in each child, which `<stdin>` does not have.
 */
export async function runPython(
  python: string,
  code: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quizthread-example-'));
  try {
    await writeFile(path.join(dir, 'example.py'), code);
    return await runFile(python, dir, timeoutMs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runFile(
  python: string,
  dir: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-I', 'example.py'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      env: { PATH: process.env.PATH ?? '', PYTHONHASHSEED: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
  });
}

export async function verifyExample(q: Question, python: string, timeoutMs = 30_000): Promise<ExampleResult> {
  const base = { id: q.id, file: q.file };
  if (!q.example) return { ...base, status: 'failed', reason: 'no example' };
  const run = await runPython(python, q.example.code, timeoutMs);
  if (run.code !== 0)
    return {
      ...base,
      status: 'failed',
      reason: `exited with ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    };
  if (run.stdout !== q.example.output) {
    return {
      ...base,
      status: 'failed',
      reason: `output differs\n--- expected\n${q.example.output}--- got\n${run.stdout}`,
    };
  }
  return { ...base, status: 'passed' };
}
