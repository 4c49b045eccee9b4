/**
 * What the adapter contract suite drives: one quiz behind one real adapter, seen only through
 * platform-neutral verbs (people type commands and answers, the clock moves) and a neutral reading of
 * what the platform received. Each platform's harness translates these into its fake's own terms.
 */
import type { QuestionBank } from '../../../src/core/bank.ts';
import type { ChannelId } from '../../../src/core/types.ts';
import type { Store } from '../../../src/ports/store.ts';
import type { FakeClock } from '../../support/fake-clock.ts';

/** The people in every harness. Ada is an admin of the channel; Bob and Carol are members. */
export type Member = 'Ada' | 'Bob' | 'Carol';

/** What a platform can do; the suite branches on these, never on the platform's name. */
export interface AdapterCapabilities {
  /** The adapter reads a thread's history before the reveal, so answers whose events never arrived count. */
  history: boolean;
  /** People can edit and delete their replies. */
  editing: boolean;
  /** Other bots can post in a round's thread. */
  bots: boolean;
  /** Some callers are not admins (the shell user always is). */
  members: boolean;
  /** A reply can be shown to its caller only, rather than to the channel. */
  privateReplies: boolean;
  /** The original question post is updated at the reveal. */
  revealedPost: boolean;
  /** Button rounds play here: options are shown with the question, the reveal tallies the picks. */
  buttonRounds: boolean;
  /**
   * Picks are clicks on buttons of the question post (else typed, `/quiz pick b`): the post carries a
   * button per option, and closing it leaves none to click.
   */
  buttons: boolean;
}

export interface CommandReply {
  /** All the text the caller sees, markup and all. */
  text: string;
  visibleTo: 'caller' | 'channel';
}

/** An answer someone posted, for editing, deleting or checking its late note. */
export interface PostedAnswer {
  id: string;
}

/** A question as the channel received it. */
export interface QuestionPost {
  /** All its text: title and prompt among it. */
  text: string;
  /** What the updated post says once revealed; undefined while it has not been updated. */
  revealedNote?: string;
  /** The labels of the buttons that can be clicked on it now (capability `buttons`). */
  liveButtons?: string[];
}

/** The reveal as the platform received it. */
export interface RevealPost {
  /** Posted in the round's thread (not in the channel). */
  inThread: boolean;
  /** All its text: the model answer among it. */
  text: string;
  /** The headline over the answers: "2 answered", or "Nobody answered this one.". */
  answered: string;
  /** One line per answer without markup, e.g. "Bob: 2/3 key points (missed 2)". */
  feedback: string[];
  /** A button round's tally, one entry per option in letter order: its picks, and whether it is the right one. */
  tally?: { picks: number; right: boolean }[];
  /** A button round's "got it right" list, as the names of the people (mentions resolved). */
  right?: string[];
}

/** The weekly digest as the channel received it. */
export interface DigestPost {
  /** All its text, markup and all. */
  text: string;
  /** The chart's bytes as the platform stored them, and whether the message shows it. */
  image?: { png: Buffer; shownInMessage: boolean };
}

export interface AdapterHarness {
  readonly capabilities: AdapterCapabilities;
  readonly store: Store;
  readonly clock: FakeClock;
  /** The quiz channel as the core names it. */
  readonly channel: ChannelId;
  /** The id the store keeps a person's stats under. */
  userId(who: Member): string;
  /** Runs `/quiz <text>` as `who` in the quiz channel; resolves with the reply once it is shown. */
  command(who: Member, text: string): Promise<CommandReply>;
  /** Replies in the thread of the latest round; resolves once the adapter has handled it. */
  answer(who: Member, text: string): Promise<PostedAnswer>;
  /** Another bot replies in the latest round's thread (capability `bots`). */
  answerAsBot(text: string): Promise<void>;
  /** Capability `editing`. */
  edit(answer: PostedAnswer, text: string): Promise<void>;
  /** Capability `editing`. */
  delete(answer: PostedAnswer): Promise<void>;
  /** A reply that reaches the thread at `at` while no event reaches the bot (capability `history`). */
  answerUnseen(who: Member, text: string, at: number): Promise<void>;
  /** Someone from a crowd, named by their display name, replies in the latest round's thread. */
  answerAs(name: string, text: string): Promise<void>;
  /**
   * What `name` sees when asking for their own feedback on the latest reveal: through its "My
   * feedback" button where the platform has buttons, else `/quiz feedback`.
   */
  myFeedback(name: string): Promise<CommandReply>;
  /**
   * `who` picks option `option` (0 = A) of the latest round's question: a click on its button where
   * the platform has buttons, else `/quiz pick <letter>`. Resolves with the private confirmation.
   * `stale`: clicked on the post as it was first shown, by a client that has not seen it close.
   */
  pick(who: Member, option: number, options?: { stale?: boolean }): Promise<CommandReply>;
  /** `who` picks an option of their latest practice question (asked with `/quiz practice`). */
  practicePick(who: Member, option: number): Promise<CommandReply>;
  /** What the platform refused for breaking a payload limit, one line each; empty when nothing was. */
  rejected(): string[];
  /** Moves the fake clock to `at` and runs the quiz's periodic tick, as the scheduler would. */
  advanceTo(at: number): Promise<void>;
  /** The questions posted in the channel, oldest first. */
  questions(): QuestionPost[];
  /** The latest reveal, if any. */
  reveal(): RevealPost | undefined;
  /** The weekly digests posted in the channel, oldest first. */
  digests(): DigestPost[];
  /** Resolves once the bot has told `answer`'s author it came too late (rejects if it never does). */
  lateNoteOn(answer: PostedAnswer): Promise<void>;
  /** Resolves once the bot has told `answer`'s author it could not record it (rejects if it never does). */
  notRecordedNoteOn(answer: PostedAnswer): Promise<void>;
  stop(): Promise<void>;
}

/** How a test file hands the suite its platform: what it can do, and how to start a fresh harness. */
export interface AdapterHarnessFactory {
  capabilities: AdapterCapabilities;
  /** `bank`: the questions the quiz asks (default: the free-text test bank). */
  start(options?: HarnessOptions): Promise<AdapterHarness>;
}

export interface HarnessOptions {
  bank?: QuestionBank;
}
