/**
 * What went wrong on Discord, in words an admin can act on. REST failures are classified once into a
 * stable code plus a sentence; the adapter logs them with the channel and, while a `/quiz` command is
 * running, hands the sentence to that command's reply (the interaction webhook works even where the
 * bot cannot post).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';

export type DiscordProblemCode =
  | 'missing-access'
  | 'missing-permissions'
  | 'unknown-channel'
  | 'unknown-message'
  | 'thread-archived'
  | 'rate-limited'
  | 'discord-error';

export interface DiscordProblem {
  code: DiscordProblemCode;
  /** Discord's JSON error code, when it sent one. */
  discordCode?: number;
  status?: number;
  /** A sentence for the channel's admins. */
  message: string;
}

export const NEEDED_PERMISSIONS =
  'View Channel, Send Messages, Embed Links, Create Public Threads, Send Messages in Threads, Add Reactions and Read Message History';

export function describeDiscordError(error: unknown, nativeChannelId: string): DiscordProblem {
  const where = `<#${nativeChannelId}>`;
  if (error instanceof RateLimitError) {
    return {
      code: 'rate-limited',
      status: 429,
      message: 'Discord is rate-limiting the bot right now; the quiz will try again shortly.',
    };
  }
  if (error instanceof DiscordAPIError) {
    const base = { status: error.status, ...(typeof error.code === 'number' ? { discordCode: error.code } : {}) };
    switch (error.code) {
      case RESTJSONErrorCodes.MissingAccess:
        return {
          ...base,
          code: 'missing-access',
          message: `I can't see ${where} (Missing Access): give the quiz bot View Channel there.`,
        };
      case RESTJSONErrorCodes.MissingPermissions:
        return {
          ...base,
          code: 'missing-permissions',
          message: `I'm missing a permission in ${where}: the quiz needs ${NEEDED_PERMISSIONS}.`,
        };
      case RESTJSONErrorCodes.UnknownChannel:
        return {
          ...base,
          code: 'unknown-channel',
          message: `The channel ${where} no longer exists, or I can no longer see it.`,
        };
      case RESTJSONErrorCodes.UnknownMessage:
        return { ...base, code: 'unknown-message', message: `The question message in ${where} was deleted.` };
      case RESTJSONErrorCodes.InvalidActionOnArchivedThread:
        return { ...base, code: 'thread-archived', message: `The answer thread in ${where} is archived.` };
    }
    if (error.status === 429) {
      return {
        ...base,
        code: 'rate-limited',
        message: 'Discord is rate-limiting the bot right now; the quiz will try again shortly.',
      };
    }
    return { ...base, code: 'discord-error', message: `Discord refused the request in ${where} (${error.message}).` };
  }
  if (error instanceof HTTPError) {
    return {
      code: 'discord-error',
      status: error.status,
      message: `Discord is having trouble (HTTP ${error.status}); the quiz will try again.`,
    };
  }
  return { code: 'discord-error', message: `Something went wrong talking to Discord about ${where}.` };
}

export function hasDiscordCode(error: unknown, code: RESTJSONErrorCodes): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

/** Thrown by the adapter's REST calls, so the core sees one error type with a code and a channel. */
export class DiscordAdapterError extends Error {
  constructor(
    readonly problem: DiscordProblem,
    readonly channel: string,
    options?: { cause?: unknown },
  ) {
    super(`${problem.code} in channel ${channel}: ${problem.message}`, options);
    this.name = 'DiscordAdapterError';
  }

  /**
   * Discord refused the request itself (a 4xx other than 429: no access, a missing permission, a
   * deleted channel, a channel type without threads): the same request would be refused again
   * until someone changes the channel, so the core should not retry it (see ChatAdapter.postQuestion).
   */
  get permanent(): boolean {
    const { status } = this.problem;
    return status !== undefined && status >= 400 && status < 500 && status !== 429;
  }
}

const commandProblems = new AsyncLocalStorage<DiscordProblem[]>();

/** Runs `work` (a core call) and returns what it returned plus any Discord problems met on the way. */
export async function collectProblems<T>(work: () => Promise<T>): Promise<{ result: T; problems: DiscordProblem[] }> {
  const problems: DiscordProblem[] = [];
  const result = await commandProblems.run(problems, work);
  return { result, problems };
}

export function reportProblem(problem: DiscordProblem): void {
  commandProblems.getStore()?.push(problem);
}
