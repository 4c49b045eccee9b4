/**
 * The store's Lua scripts, one file per atomic operation in ./lua/ (each documents its KEYS, ARGV and
 * guarantees). They are read once, registered on a client with ioredis's defineCommand (EVAL on a
 * connection's first use, EVALSHA after, so a restarted Redis needs no reload step) and called by
 * file name.
 */
import { readFileSync } from 'node:fs';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';

const SCRIPTS = [
  'set-schedule',
  'remove-schedule',
  'open-round',
  'attach-post',
  'record-answer',
  'edit-answer',
  'delete-answer',
  'reveal-round',
  'read-leaderboard',
  'forget-user-in-channel',
  'claim-jobs',
  'start-practice',
] as const;

export type ScriptName = (typeof SCRIPTS)[number];
type Arg = string | number;
type ScriptMethod<R> = (this: unknown, numberOfKeys: number, ...keysAndArgs: Arg[]) => R;

const sources: ReadonlyMap<ScriptName, string> = new Map(
  SCRIPTS.map((name) => [name, readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8')]),
);

const commandName = (script: ScriptName): string => `quizthread:${script}`;

/** Registers every script on the client; pipelines made afterwards have them too. */
export function defineScripts(redis: Redis | Cluster): void {
  for (const [name, lua] of sources) {
    if (typeof scriptMethod(redis, name) !== 'function') redis.defineCommand(commandName(name), { lua });
  }
}

export function callScript(
  redis: Redis | Cluster,
  script: ScriptName,
  keys: readonly string[],
  args: readonly Arg[],
): Promise<unknown> {
  return requireScript<Promise<unknown>>(redis, script).call(redis, keys.length, ...keys, ...args);
}

/** Adds a script call to a pipeline; its reply is the pipeline's result at that position. */
export function queueScript(
  pipeline: ChainableCommander,
  script: ScriptName,
  keys: readonly string[],
  args: readonly Arg[],
): void {
  requireScript<ChainableCommander>(pipeline, script).call(pipeline, keys.length, ...keys, ...args);
}

/** Runs a pipeline and returns its replies, throwing the first command's error if any failed. */
export async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

function scriptMethod<R>(target: object, script: ScriptName): ScriptMethod<R> | undefined {
  return (target as Record<string, ScriptMethod<R> | undefined>)[commandName(script)];
}

function requireScript<R>(target: object, script: ScriptName): ScriptMethod<R> {
  const method = scriptMethod<R>(target, script);
  if (!method)
    throw new Error(`the Lua script ${script} is not registered on this client: call defineScripts(client) first`);
  return method;
}
