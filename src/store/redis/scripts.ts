/**
 * The store's Lua scripts, one file per atomic operation in ./lua/ (each documents its KEYS, ARGV and
 * guarantees). `ScriptSignatures` restates each script's KEYS, ARGV and reply as TypeScript, so a call
 * with the wrong arguments does not compile and its reply arrives typed. The scripts are read once,
 * registered on a client with ioredis's defineCommand (EVAL on a connection's first use, EVALSHA
 * after, so a restarted Redis needs no reload step) and called by file name.
 */
import { readFileSync } from 'node:fs';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import type { EditOutcome, PickOutcome, RecordOutcome } from '../../ports/store.ts';
import type { FirstAnswerKeys } from './keys.ts';

type Arg = string | number;

/**
 * What each script takes and returns, as ioredis hands it back: a Lua number becomes a number, a
 * string a string, a table an array, and nil or false null. The reply types are a promise the Lua
 * file keeps (its header says the same), not something checked at run time.
 */
export interface ScriptSignatures {
  'set-schedule': {
    keys: [schedules: string, jobs: string, ...spaceChannels: string[]];
    args: [channel: string, scheduleJson: string, postJob: string, dueAt: number];
    reply: 1;
  };
  'reschedule-post': {
    keys: [schedules: string, jobs: string];
    args: [channel: string, scheduleJson: string, postJob: string, dueAt: number];
    /** 0 when the schedule had changed and the job was left alone. */
    reply: 0 | 1;
  };
  'remove-schedule': {
    keys: [schedules: string, jobs: string, ...spaceChannels: string[]];
    args: [channel: string, postJob: string];
    reply: 1;
  };
  'open-round': {
    keys: [state: string, round: string, rotation: string];
    args: [
      roundId: string,
      questionId: string,
      postedAt: number,
      revealAt: number,
      timezone: string,
      startNewCycle: '1' | '0',
      openedAt: number,
    ];
    /** `opened` with the new sequence number, `exists` with the round's HGETALL, `busy` with the open round's id. */
    reply: ['opened', number] | ['exists', string[]] | ['busy', string];
  };
  'clear-lost-open-round': {
    keys: [state: string, round: string];
    args: [roundId: string];
    /** 1 when this call cleared the pointer. */
    reply: 0 | 1;
  };
  'attach-post': {
    keys: [round: string, threads: string, revealedThreads: string];
    args: [messageId: string, threadId: string, roundId: string];
    /** 0 when the round does not exist. */
    reply: 0 | 1;
  };
  'record-answer': {
    keys: [
      ...FirstAnswerKeys,
      /** A single Redis only: the user's own tombstone key, read by the script itself (at most one). */
      ...userTombstone: string[],
    ];
    args: [
      roundId: string,
      userId: string,
      userName: string,
      answerJson: string,
      at: number,
      monthKey: string,
      tombstoneId: string,
      forgottenAt: string,
    ];
    reply: RecordOutcome;
  };
  'record-pick': {
    keys: ScriptSignatures['record-answer']['keys'];
    args: [
      roundId: string,
      userId: string,
      userName: string,
      answerJson: string,
      at: number,
      monthKey: string,
      tombstoneId: string,
      forgottenAt: string,
      option: number,
    ];
    reply: PickOutcome;
  };
  'add-suggestion': {
    keys: [
      seq: string,
      body: string,
      status: string,
      author: string,
      name: string,
      spaceOf: string,
      spaceIndex: string,
      authorIndex: string,
    ];
    args: [space: string, authorKey: string, authorName: string, bodyJson: string, maxPending: number];
    reply: ['added', string] | ['limit', number];
  };
  'change-suggestion': {
    keys: [status: string, spaceOf: string, decided: string];
    args: [id: string, space: string, from: string, to: string, decidedJson: string];
    reply: 'changed' | 'not-found' | 'wrong-status';
  };
  'forget-suggestion-author': {
    keys: [
      authorIndex: string,
      body: string,
      status: string,
      author: string,
      name: string,
      spaceOf: string,
      decided: string,
    ];
    args: [formerName: string];
    reply: number;
  };
  'score-round': {
    /** Then the stats hash of every user awarded. */
    keys: [round: string, pointsBoard: string, monthPointsBoard: string, months: string, ...users: string[]];
    /** Then, per user: id, points, '1' / '0' / '' (right pick, wrong pick, free text). */
    args: [monthKey: string, ...awards: string[]];
    reply: 0 | 1;
  };
  'edit-answer': {
    keys: [round: string, answers: string];
    args: [userId: string, messageId: string, text: string, at: number];
    reply: EditOutcome;
  };
  'delete-answer': {
    keys: [round: string, answers: string];
    args: [messageId: string, at: number];
    reply: EditOutcome;
  };
  'reveal-round': {
    keys: [
      round: string,
      answers: string,
      state: string,
      streakBoard: string,
      threads: string,
      revealedThreads: string,
      guards: string,
      names: string,
    ];
    args: [roundId: string, retentionMs: number, answerRetentionMs: number];
    /**
     * The round's HGETALL, its answers' HGETALL and, for each freeze used, user id, name and freezes
     * left; null when the round was not open.
     */
    reply: [roundFields: string[], answerFields: string[], frozen: (string | number)[]] | null;
  };
  'end-absence': {
    keys: [guards: string];
    args: [userId: string, now: number];
    /** 1 when the absence was still running. */
    reply: 0 | 1;
  };
  'read-leaderboard': {
    keys: [board: string, names: string];
    args: [limit: number, callerId: string];
    /** ZREVRANGE WITHSCORES, the names of those members (then the caller's), the caller's score, how many score more. */
    reply: [top: string[], names: (string | null)[], callerScore: string | null, higher: number | null];
  };
  'forget-user-in-channel': {
    /** Then every monthly board, then the answers hash of every round the user answered, then the guards hash. */
    keys: [
      user: string,
      userRounds: string,
      names: string,
      streakBoard: string,
      bestBoard: string,
      totalBoard: string,
      pointsBoard: string,
      months: string,
      forgotten: string,
      ...monthBoardsThenAnswers: string[],
    ];
    args: [
      userId: string,
      monthCount: number,
      roundCount: number,
      tombstoneId: string,
      at: number,
      tombstoneMs: number,
    ];
    reply: 'forgotten' | 'stale';
  };
  'claim-jobs': {
    keys: [jobs: string];
    args: [now: number, leaseMs: number, limit: number];
    /** The claimed job keys. */
    reply: string[];
  };
  'record-round-summary': {
    keys: [summaries: string, summaryTimes: string, newcomers: string, seen: string];
    /** Then, per answerer, their id and their person JSON. */
    args: [roundId: string, revealedAt: number, summaryJson: string, retentionMs: number, ...answerers: string[]];
    /** The stored summary JSON and newcomers JSON (the first call's, whichever call this is). */
    reply: [summaryJson: string, newcomersJson: string];
  };
  'forget-digest-user': {
    keys: [seen: string, newcomers: string];
    args: [userId: string];
    reply: 1;
  };
  'start-digest-attempt': {
    keys: [digestWeek: string];
    args: [memoryMs: number];
    /** 0 when the week is settled, else this attempt's number. */
    reply: number;
  };
  'reserve-slot': {
    keys: [budget: string];
    args: [spacingMicros: number, burstToleranceMicros: number];
    /** The slot's start (µs since the epoch, as a string) and the wait until it (µs). */
    reply: [slotMicros: string, waitMicros: number];
  };
  'start-practice': {
    keys: [practice: string, recentPractice: string];
    args: [stateJson: string, questionId: string, keepRecent: number];
    reply: 1;
  };
}

export type ScriptName = keyof ScriptSignatures;
export type ScriptReply<S extends ScriptName> = ScriptSignatures[S]['reply'];

/** One call of a script: its name with KEYS and ARGV in the order its Lua file lists them. */
export interface ScriptCall<S extends ScriptName> {
  script: S;
  keys: ScriptSignatures[S]['keys'];
  args: ScriptSignatures[S]['args'];
}

type ScriptMethod<R> = (this: unknown, numberOfKeys: number, ...keysAndArgs: Arg[]) => R;

/** Every script once; a Record so a script declared above but missing here does not compile. */
const SCRIPT_FILES: Record<ScriptName, true> = {
  'set-schedule': true,
  'remove-schedule': true,
  'reschedule-post': true,
  'open-round': true,
  'clear-lost-open-round': true,
  'attach-post': true,
  'record-answer': true,
  'record-pick': true,
  'score-round': true,
  'edit-answer': true,
  'delete-answer': true,
  'reveal-round': true,
  'end-absence': true,
  'read-leaderboard': true,
  'forget-user-in-channel': true,
  'claim-jobs': true,
  'start-practice': true,
  'reserve-slot': true,
  'record-round-summary': true,
  'forget-digest-user': true,
  'start-digest-attempt': true,
  'add-suggestion': true,
  'change-suggestion': true,
  'forget-suggestion-author': true,
};

const sources: ReadonlyMap<ScriptName, string> = new Map(
  (Object.keys(SCRIPT_FILES) as ScriptName[]).map((name) => [
    name,
    withIncludes(readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8')),
  ]),
);

/**
 * Replaces each `-- @include <name>` line with `lua/lib/<name>.lua`: Redis runs one self-contained
 * script per call, and two scripts that count a first answer the same way must not drift apart.
 */
function withIncludes(lua: string): string {
  return lua.replace(/^-- @include ([a-z-]+)$/gm, (_line, name: string) =>
    readFileSync(new URL(`./lua/lib/${name}.lua`, import.meta.url), 'utf8'),
  );
}

/** A script's Lua as Redis runs it (includes in place), for the bench's bare calls. */
export function scriptSource(name: ScriptName): string {
  return sources.get(name) as string;
}

const commandName = (script: ScriptName): string => `quizthread:${script}`;

/** Registers every script on the client; pipelines made afterwards have them too. */
export function defineScripts(redis: Redis | Cluster): void {
  for (const [name, lua] of sources) {
    if (typeof scriptMethod(redis, name) !== 'function') redis.defineCommand(commandName(name), { lua });
  }
}

export function callScript<S extends ScriptName>(redis: Redis | Cluster, call: ScriptCall<S>): Promise<ScriptReply<S>> {
  const { script, keys, args } = call;
  return requireScript<Promise<ScriptReply<S>>>(redis, script).call(redis, keys.length, ...keys, ...args);
}

/** Adds a script call to a pipeline; its reply is the pipeline's result at that position. */
export function queueScript<S extends ScriptName>(pipeline: ChainableCommander, call: ScriptCall<S>): void {
  const { script, keys, args } = call;
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
