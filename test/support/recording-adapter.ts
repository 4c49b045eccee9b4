/** A ChatAdapter that records what the core asked it to post, for unit tests of the core. */
import type { Platform, PostRef } from '../../src/core/types.ts';
import type { RevealView, RoundPostView } from '../../src/core/views.ts';
import { type ChatAdapter, ChatFailure, type DeliveryAttempt, type InboundHandler } from '../../src/ports/chat.ts';

export class RecordingAdapter implements ChatAdapter {
  readonly posts: { channel: string; view: RoundPostView; ref: PostRef }[] = [];
  readonly reveals: { channel: string; post: PostRef; view: RevealView }[] = [];
  /** Every post and reveal tried, with what the core said of the attempt. */
  readonly deliveries: { kind: 'post' | 'reveal'; roundId: string; first: boolean | undefined }[] = [];
  readonly warnings: { channel: string; message: string }[] = [];
  failNextPost = false;
  failNextReveal = false;
  /** Every post fails as a platform outage would: worth retrying. */
  failAllPosts = false;
  /** Every post is refused as by a channel the bot may not post in: `permanent`, not worth retrying. */
  refuseAllPosts = false;
  postAttempts = 0;
  /** The next reveal is refused for good (`permanent`), as by a thread the bot lost access to. */
  refuseNextReveal = false;
  failAllReveals = false;
  revealAttempts = 0;
  inbound?: InboundHandler;

  constructor(readonly platform: Platform = 'shell') {}

  async start(inbound: InboundHandler) {
    this.inbound = inbound;
  }
  async stop() {}
  isConnected() {
    return true;
  }
  async postingProblem() {
    return undefined;
  }
  async postQuestion(channel: string, view: RoundPostView, attempt?: DeliveryAttempt): Promise<PostRef> {
    this.postAttempts++;
    this.deliveries.push({ kind: 'post', roundId: view.roundId, first: attempt?.first });
    if (this.refuseAllPosts) throw new ChatFailure('missing-access', 'Missing Access', { permanent: true });
    if (this.failAllPosts) throw new Error('503 Service Unavailable');
    if (this.failNextPost) {
      this.failNextPost = false;
      throw new Error('Missing Permissions');
    }
    const ref = { messageId: `msg-${view.roundId}`, threadId: `thread-${view.roundId}` };
    this.posts.push({ channel, view, ref });
    return ref;
  }
  async postReveal(channel: string, post: PostRef, view: RevealView, attempt?: DeliveryAttempt) {
    this.revealAttempts++;
    this.deliveries.push({ kind: 'reveal', roundId: view.roundId, first: attempt?.first });
    if (this.failAllReveals) throw new Error('503 Service Unavailable');
    if (this.refuseNextReveal) {
      this.refuseNextReveal = false;
      throw new ChatFailure('missing-access', 'Missing Access', { permanent: true });
    }
    if (this.failNextReveal) {
      this.failNextReveal = false;
      throw new Error('Unknown Channel');
    }
    this.reveals.push({ channel, post, view });
  }
  async warnChannel(channel: string, message: string) {
    this.warnings.push({ channel, message });
  }
}
