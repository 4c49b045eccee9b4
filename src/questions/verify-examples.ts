/**
 * Runs each question's example with python3 and compares its standard output exactly. An example
 * that needs a newer Python than the one installed is reported as not run, never as passed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Question } from '../core/types.ts';

export type ExampleResult =
  | { id: string; file: string; status: 'passed' }
  | { id: string; file: string; status: 'failed'; reason: string }
  | { id: string; file: string; status: 'not-run'; reason: string };

export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
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

export async function pythonVersion(python: string): Promise<string> {
  const { stdout } = await runPython(
    python,
    'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")',
    10_000,
  );
  return stdout.trim();
}

export async function verifyExample(
  q: Question,
  python: string,
  installed: string,
  timeoutMs = 30_000,
): Promise<ExampleResult> {
  const base = { id: q.id, file: q.file };
  if (!q.example) return { ...base, status: 'not-run', reason: 'no example' };
  if (q.since && compareVersions(q.since, installed) > 0) {
    return { ...base, status: 'not-run', reason: `needs Python ${q.since}; ${python} is ${installed}` };
  }
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
