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
