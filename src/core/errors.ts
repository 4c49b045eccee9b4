/** Errors with a stable code and the context an operator needs, kept apart from user wording. */

export type QuizErrorCode = 'store-unavailable' | 'post-failed' | 'no-adapter';

export class QuizError extends Error {
  constructor(
    readonly code: QuizErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QuizError';
  }
}

/** True for the errors a store raises when it cannot be reached, as opposed to bugs. */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof QuizError && error.code === 'store-unavailable';
}

/**
 * True when a chat adapter said retrying cannot help (the bot is not in the channel, lacks a
 * permission, or the channel is gone): adapters mark such errors with `permanent: true`, anywhere
 * in the cause chain.
 */
export function isPermanentChatFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { permanent?: unknown }).permanent === true) return true;
  }
  return false;
}
