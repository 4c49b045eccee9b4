/**
 * Finds the CPython 3 interpreters that `questions:verify` runs the examples on: the ones named in
 * QUIZ_PYTHONS, or else every `python3`/`python3.N` on PATH plus pyenv's installs, one per version.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PythonInterpreter {
  /** The real executable (pyenv shims and symlinks resolved), used for every run. */
  executable: string;
  /** Full version, e.g. `3.12.1`, with a `t` suffix for a free-threaded build. */
  version: string;
  /** `major.minor`, the form a question's `since` is written in. */
  minor: string;
}

/** Examples are held to the Pythons still in use; older interpreters found are not run. */
export const OLDEST_VERIFIED = '3.11';

export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0, a3 = 0] = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [b1 = 0, b2 = 0, b3 = 0] = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return a1 - b1 || a2 - b2 || a3 - b3;
}

/** QUIZ_PYTHONS lists interpreter paths separated by commas or colons. */
export function parsePythonList(setting: string): string[] {
  return setting
    .split(/[,:]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Every file on PATH called `python3` or `python3.N` (pyenv shims aside), and every pyenv install's `bin/python3`. */
export function candidatePythons(env: NodeJS.ProcessEnv, pyenvRoot: string | undefined): string[] {
  const found: string[] = [];
  // pyenv's shims only re-dispatch to the installs listed below, and each costs a shell start-up.
  const shims = pyenvRoot ? path.join(pyenvRoot, 'shims') : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter((d) => d && path.resolve(d) !== shims)) {
    for (const name of safeReaddir(dir)) {
      if (/^python3(\.\d+)?$/.test(name)) found.push(path.join(dir, name));
    }
  }
  if (pyenvRoot) {
    const versions = path.join(pyenvRoot, 'versions');
    for (const name of safeReaddir(versions)) {
      const python = path.join(versions, name, 'bin', 'python3');
      if (existsSync(python)) found.push(python);
    }
  }
  return [...new Set(found)];
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

const PROBE = [
  'import os, sys, sysconfig',
  't = "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""',
  'v = sys.version_info',
  'print(sys.implementation.name, f"{v[0]}.{v[1]}.{v[2]}{t}", os.path.realpath(sys.executable))',
].join('\n');

/** Asks an interpreter what it is; undefined for anything that is not a working CPython 3. */
export function probePython(candidate: string, timeoutMs = 15_000): Promise<PythonInterpreter | undefined> {
  return new Promise((resolve) => {
    // The full environment, so that a pyenv shim can find its root and version.
    execFile(candidate, ['-I', '-c', PROBE], { timeout: timeoutMs }, (error, stdout) => {
      const match = /^cpython (3\.(\d+)\.\d+t?) (.+)$/.exec(stdout.trim());
      if (error || !match?.[1] || !match[3]) return resolve(undefined);
      resolve({ version: match[1], minor: `3.${match[2]}`, executable: match[3] });
    });
  });
}

/** pyenv's root: PYENV_ROOT, else the default ~/.pyenv when it exists. */
export function pyenvRootOf(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PYENV_ROOT) return env.PYENV_ROOT;
  const fallback = path.join(os.homedir(), '.pyenv');
  return existsSync(fallback) ? fallback : undefined;
}

export interface PythonSearch {
  /** The interpreters to verify on, oldest first: one per full version, from OLDEST_VERIFIED up. */
  pythons: PythonInterpreter[];
  /** Interpreters named in QUIZ_PYTHONS that cannot be used, with the reason. */
  unusable: string[];
}

/**
 * Probes the candidates. A discovered candidate that does not run, or is not CPython 3, is simply
 * left out; one named in QUIZ_PYTHONS is reported, since the operator asked for it.
 */
export async function findPythons(env: NodeJS.ProcessEnv = process.env): Promise<PythonSearch> {
  const named = env.QUIZ_PYTHONS ? parsePythonList(env.QUIZ_PYTHONS) : undefined;
  const candidates = named ?? candidatePythons(env, pyenvRootOf(env));
  const probed = await Promise.all(candidates.map((candidate) => probePython(candidate)));
  const byVersion = new Map<string, PythonInterpreter>();
  const unusable: string[] = [];
  probed.forEach((python, i) => {
    if (!python) {
      if (named) unusable.push(`QUIZ_PYTHONS names ${candidates[i]}, which does not run as CPython 3`);
      return;
    }
    if (compareVersions(python.minor, OLDEST_VERIFIED) < 0) {
      if (named)
        unusable.push(`QUIZ_PYTHONS names ${candidates[i]}, Python ${python.version}: older than ${OLDEST_VERIFIED}`);
      return;
    }
    if (!byVersion.has(python.version)) byVersion.set(python.version, python);
  });
  return { pythons: [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version)), unusable };
}
