/**
 * Slack Web API failures with a stable code, so the adapter (and whoever reads the logs) branches
 * on `not-in-channel`, not on message text; and the sentence an admin should read about each.
 */
import { webApi } from '@slack/bolt';
import { ChatFailure } from '../../ports/chat.ts';

export type SlackErrorCode =
  | 'invalid-auth'
  | 'not-in-channel'
  | 'channel-not-found'
  | 'channel-archived'
  | 'rate-limited'
  | 'api-error'
  | 'unreachable';

const PERMANENT_CODES: ReadonlySet<SlackErrorCode> = new Set([
  'invalid-auth',
  'not-in-channel',
  'channel-not-found',
  'channel-archived',
]);

const PLATFORM_CODES: Record<string, SlackErrorCode> = {
  invalid_auth: 'invalid-auth',
  not_authed: 'invalid-auth',
  account_inactive: 'invalid-auth',
  token_revoked: 'invalid-auth',
  not_in_channel: 'not-in-channel',
  channel_not_found: 'channel-not-found',
  is_archived: 'channel-archived',
  ratelimited: 'rate-limited',
};

/** What went wrong in a Web API call: our code, and Slack's own error string when it sent one. */
export function classifySlackError(error: unknown): { code: SlackErrorCode; slackError?: string } {
  const coded = error as { code?: string; data?: { error?: string }; original?: Error };
  if (coded?.code === webApi.ErrorCode.PlatformError && coded.data?.error) {
    return { code: PLATFORM_CODES[coded.data.error] ?? 'api-error', slackError: coded.data.error };
  }
  if (coded?.code === webApi.ErrorCode.RateLimitedError) return { code: 'rate-limited', slackError: 'ratelimited' };
  // With rate-limited calls retried, the last attempt's failure arrives wrapped as a request error.
  if (coded?.code === webApi.ErrorCode.RequestError && /rate limit/i.test(coded.original?.message ?? '')) {
    return { code: 'rate-limited', slackError: 'ratelimited' };
  }
  return { code: coded?.code === webApi.ErrorCode.PlatformError ? 'api-error' : 'unreachable' };
}

/** The sentence shown to admins in the channel's next `/quiz` reply, or undefined when there is nothing they can do. */
export function channelProblemMessage(code: SlackErrorCode): string | undefined {
  switch (code) {
    case 'not-in-channel':
      return 'I could not post in this channel because I am not a member. Invite me with `/invite @quizthread`, then run `/quiz post-now` or wait for the next scheduled question.';
    case 'channel-not-found':
      return 'I could not find this channel. If it is private, invite me with `/invite @quizthread`.';
    case 'channel-archived':
      return 'This channel is archived, so I cannot post in it. I try once per scheduled day; to stop, unarchive the channel and run `/quiz unschedule`.';
    default:
      return undefined;
  }
}

/**
 * A Slack failure as the port's ChatFailure. Slack refuses the same call until someone acts
 * (invites the bot, unarchives the channel, reinstalls the app): those codes are `permanent`.
 */
export function slackFailure(
  code: SlackErrorCode,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): ChatFailure {
  const adminMessage = channelProblemMessage(code);
  return new ChatFailure(code, message, {
    permanent: PERMANENT_CODES.has(code),
    ...(adminMessage ? { adminMessage } : {}),
    context,
    cause,
  });
}
