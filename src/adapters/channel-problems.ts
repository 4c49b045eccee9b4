/**
 * What every platform adapter remembers to tell admins: the last channel problem they can fix (a
 * missing permission, the bot not a member), shown in their next `/quiz` reply in that channel
 * until a question is posted there again. Scheduled posts fail with nobody watching; this is how
 * an admin learns why.
 */
import type { Reply } from '../core/views.ts';
import type { ChatFailure } from '../ports/chat.ts';

/** Channels remembered at most; past it the oldest problem is forgotten (it is in the log too). */
const MAX_CHANNELS = 10_000;

export class ChannelProblems {
  private readonly problems = new Map<string, string>();

  /** Keeps a failure an admin can act on; a passing one (an outage, a rate limit) fixes itself. */
  record(nativeChannelId: string, failure: ChatFailure): void {
    if (!failure.permanent || !failure.adminMessage) return;
    this.problems.delete(nativeChannelId);
    this.problems.set(nativeChannelId, failure.adminMessage);
    if (this.problems.size > MAX_CHANNELS) {
      const oldest = this.problems.keys().next().value;
      if (oldest !== undefined) this.problems.delete(oldest);
    }
  }

  /** A question went out: whatever stood in the way is fixed. */
  clear(nativeChannelId: string): void {
    this.problems.delete(nativeChannelId);
  }

  /** The problem to show an admin running a command in this channel, if any. */
  forAdmin(nativeChannelId: string, isAdmin: boolean): string | undefined {
    return isAdmin ? this.problems.get(nativeChannelId) : undefined;
  }
}

/**
 * How a reply carries a channel problem, the same on every platform: a refusal that stands for "the
 * platform failed" (`post-failed`, `unavailable`) gives way to the reason an admin can act on; any
 * other reply keeps its text with the reason below it.
 */
export function placeProblem(reply: Reply, problem: string | undefined): 'none' | 'replace' | 'append' {
  if (!problem) return 'none';
  if (reply.kind !== 'refusal' || (reply.code !== 'post-failed' && reply.code !== 'unavailable')) return 'append';
  return reply.message === problem ? 'none' : 'replace';
}
