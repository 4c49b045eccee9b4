/**
 * What went wrong on Discord, in words an admin can act on. REST failures are classified once into a
 * stable code plus a sentence and become the port's `ChatFailure`; gateway close codes that end the
 * connection for good become a startup error that says what to change.
 */
import { DiscordAPIError, DiscordjsErrorCodes, HTTPError, RateLimitError } from 'discord.js';
import { GatewayCloseCodes, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { ChatFailure } from '../../ports/chat.ts';
import { NEEDED_PERMISSIONS } from './permissions.ts';

export { NEEDED_PERMISSIONS };

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

const RATE_LIMITED = 'Discord is rate-limiting the bot right now; the quiz will try again shortly.';

export function describeDiscordError(error: unknown, nativeChannelId: string): DiscordProblem {
  const where = `<#${nativeChannelId}>`;
  if (error instanceof RateLimitError) {
    return {
      code: 'rate-limited',
      status: 429,
      message: RATE_LIMITED,
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
        message: RATE_LIMITED,
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

/**
 * A REST failure as the port's ChatFailure. Discord refused the request itself (a 4xx other than
 * 429: no access, a missing permission, a deleted channel, a channel type without threads): the
 * same request is refused again until someone changes the channel, so it is `permanent`.
 */
export function toChatFailure(problem: DiscordProblem, nativeChannelId: string, cause: unknown): ChatFailure {
  const { status } = problem;
  return new ChatFailure(problem.code, `${problem.code} in channel ${nativeChannelId}: ${problem.message}`, {
    permanent: status !== undefined && status >= 400 && status < 500 && status !== 429,
    adminMessage: problem.message,
    context: { channel: nativeChannelId, discordCode: problem.discordCode, status },
    cause,
  });
}

/**
 * Why the bot could not connect, saying what to change: the gateway closes with 4014 when the
 * Message Content intent is requested but not enabled for the app, 4004 for a wrong token (which
 * the REST call before it usually reports as TokenInvalid).
 */
export function describeLoginFailure(error: unknown, closeCode: number | undefined): ChatFailure {
  const failure = (code: string, message: string, permanent = true) =>
    new ChatFailure(code, message, { permanent, context: { closeCode }, cause: error });
  if (closeCode === GatewayCloseCodes.DisallowedIntents) {
    return failure(
      'disallowed-intents',
      'Discord refused the Message Content intent (gateway close 4014): enable it in the Discord Developer Portal (your app → Bot → Privileged Gateway Intents → Message Content Intent), or set DISCORD_MESSAGE_CONTENT=false to run without it (answers are then counted without key-point feedback).',
    );
  }
  const tokenRejected =
    closeCode === GatewayCloseCodes.AuthenticationFailed ||
    (error as { code?: unknown } | null)?.code === DiscordjsErrorCodes.TokenInvalid;
  if (tokenRejected) {
    return failure(
      'invalid-token',
      `Discord rejected DISCORD_TOKEN${closeCode ? ` (gateway close ${closeCode})` : ''}: set it to the bot token from the Discord Developer Portal (your app → Bot → Reset Token).`,
    );
  }
  return failure(
    'gateway-error',
    `could not connect to the Discord gateway${closeCode ? ` (close code ${closeCode})` : ''}: ${(error as Error)?.message ?? String(error)}`,
    false,
  );
}
