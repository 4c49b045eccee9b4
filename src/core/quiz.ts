/**
 * The quiz as adapters see it: one object that handles every inbound event and owns the rounds
 * and the scheduler. It is wired with ports only, so it runs the same under every platform.
 */
import type {
  ChatAdapter,
  CommandRequest,
  DeletedThreadMessage,
  InboundHandler,
  PickRequest,
  PracticePickRequest,
  SuggestionDecision,
  SuggestionSubmission,
  ThreadMessage,
  ThreadMessageOutcome,
} from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestChart } from '../ports/digest-chart.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { acceptThreadDeletion, acceptThreadEdit, acceptThreadMessage, ThreadRounds } from './answers.ts';
import type { QuestionBank } from './bank.ts';
import { Digests } from './digest.ts';
import { handleCommand } from './commands/handle.ts';
import { isStoreUnavailable } from './errors.ts';
import { openQuestionsSeenFrom } from './open-questions.ts';
import { type PendingAnswer, PendingAnswers, type PendingChange } from './pending-answers.ts';
import { recordRoundPick } from './picks.ts';
import { Practice } from './practice.ts';
import { UserRateLimit } from './rate-limit.ts';
import { roundFeedback } from './round-feedback.ts';
import { Rounds } from './rounds.ts';
import { Scheduler } from './scheduler.ts';
import type { ChannelId, Person, Platform } from './types.ts';
import { OPTION_LETTERS, splitChannelId } from './types.ts';
import type { Reply } from './views.ts';
import { noSuchOption, PICK_NOT_RECORDED, TOO_MANY_COMMANDS } from './wording.ts';

export interface QuizSettings {
  defaultWindowMinutes: number;
  leaseMs: number;
  batchSize: number;
  /** Answers held while the store is unreachable before authors are asked to post again. */
  pendingAnswers: number;
  /** Commands (and "too late" reactions) one user may cause per minute; 0: no limit. */
  userCommandsPerMinute: number;
}

export const DEFAULT_QUIZ_SETTINGS: QuizSettings = {
  defaultWindowMinutes: 240,
  leaseMs: 60_000,
  batchSize: 100,
  pendingAnswers: 1000,
  userCommandsPerMinute: 10,
};

export interface QuizDeps {
  store: Store;
  bank: QuestionBank;
  clock: Clock;
  logger: Logger;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  random?: () => number;
  settings?: Partial<QuizSettings>;
  /** Draws the weekly digest's chart; without it the digest is text alone. */
  digestChart?: DigestChart;
}

const UNAVAILABLE: Reply = {
  visibility: 'private',
  kind: 'refusal',
  code: 'unavailable',
  message: 'The quiz is temporarily unavailable (its database cannot be reached). Please try again in a minute.',
};

const TOO_MANY: Reply = {
  visibility: 'private',
  kind: 'refusal',
  code: 'too-many-commands',
  message: TOO_MANY_COMMANDS,
};

const INTERNAL: Reply = {
  visibility: 'private',
  kind: 'refusal',
  code: 'internal',
  message:
    'Something went wrong on my side and it has been logged. Please try again; if it keeps happening, tell whoever runs this bot.',
};

export class Quiz implements InboundHandler {
  readonly rounds: Rounds;
  readonly scheduler: Scheduler;
  readonly digests: Digests;
  private readonly practice: Practice;
  private readonly pending: PendingAnswers;
  private readonly threadRounds: ThreadRounds;
  private readonly rateLimit: UserRateLimit;
  private draining = false;

  constructor(private readonly deps: QuizDeps) {
    const settings = { ...DEFAULT_QUIZ_SETTINGS, ...deps.settings };
    this.digests = new Digests(
      deps.store,
      (channel) => this.rounds.adapterFor(channel),
      deps.clock,
      deps.logger,
      deps.digestChart,
    );
    this.rounds = new Rounds(deps.store, deps.bank, deps.adapters, deps.clock, deps.logger, settings, (round, view) =>
      this.digests.recordReveal(round, view),
    );
    this.scheduler = new Scheduler(deps.store, this.rounds, deps.clock, deps.logger, settings, this.digests);
    this.practice = new Practice(deps.store, deps.bank, deps.random ?? Math.random);
    this.pending = new PendingAnswers(settings.pendingAnswers);
    this.threadRounds = new ThreadRounds(deps.store);
    this.rateLimit = new UserRateLimit(settings.userCommandsPerMinute, deps.clock);
  }

  async command(request: CommandRequest): Promise<Reply | null> {
    const allowance = this.rateLimit.command(userKey(request.channel, request.caller.id));
    // Told once; after that not even a refusal, so the spammer spends none of the platform's limits.
    if (allowance === 'refuse') return TOO_MANY;
    if (allowance === 'silent') return null;
    try {
      return await handleCommand(request, {
        ...this.deps,
        rounds: this.rounds,
        practice: this.practice,
        digests: this.digests,
        // The command was counted against the rate limit already.
        pickOnRound: (pick) => this.recordPick(pick),
      });
    } catch (error) {
      this.deps.logger.error(
        { err: error, channel: request.channel, text: request.text.slice(0, 100) },
        'command failed',
      );
      return isStoreUnavailable(error) ? UNAVAILABLE : INTERNAL;
    }
  }

  async threadMessage(message: ThreadMessage): Promise<ThreadMessageOutcome> {
    const now = this.deps.clock.now();
    const receivedAt = Math.min(message.receivedAt ?? now, now);
    try {
      const outcome = await acceptThreadMessage(
        message,
        this.deps.store,
        this.threadRounds,
        receivedAt,
        this.deps.bank,
      );
      // "late" makes the adapter react; a user over the limit goes without the reaction.
      if (outcome === 'late' && !this.rateLimit.reaction(userKey(message.channel, message.author.id))) return 'ignored';
      return outcome;
    } catch (error) {
      if (!isStoreUnavailable(error)) {
        this.deps.logger.error(
          { err: error, channel: message.channel, messageId: message.messageId },
          'could not record an answer',
        );
        return 'unavailable';
      }
      return this.queue({ kind: 'answer', message, receivedAt }, error) ? 'queued' : 'unavailable';
    }
  }

  /** Answers waiting for the store to come back. */
  get pendingAnswers(): number {
    return this.pending.size;
  }

  async channelsGone(channels: ChannelId[], reason: string): Promise<void> {
    const ended: ChannelId[] = [];
    for (const channel of channels) {
      try {
        if (!(await this.deps.store.getSchedule(channel))) continue;
        await this.deps.store.removeSchedule(channel);
        ended.push(channel);
      } catch (error) {
        // The schedule stays; its posts are refused once a day, which is harmless.
        this.deps.logger.warn({ err: error, channel }, 'could not end the schedule of a channel that is gone');
      }
    }
    if (ended.length > 0)
      this.deps.logger.info({ channels: ended, reason }, 'ended the schedules of channels the bot can no longer reach');
  }

  threadMessageEdited(message: ThreadMessage): Promise<void> {
    return this.applyChange({ kind: 'edit', message, receivedAt: this.deps.clock.now() });
  }

  threadMessageDeleted(message: DeletedThreadMessage): Promise<void> {
    return this.applyChange({ kind: 'delete', message, receivedAt: this.deps.clock.now() });
  }

  /** An edit or deletion of an answer, now, or queued behind answers still waiting for the store. */
  private async applyChange(item: PendingChange): Promise<void> {
    // The answer this changes may still be waiting in the queue: applied now, the change would find
    // nothing to change, and the older text would come back when the answer is replayed.
    if (this.pending.size > 0) {
      this.queue(item);
      return;
    }
    try {
      await this.change(item);
    } catch (error) {
      if (!isStoreUnavailable(error)) {
        this.deps.logger.error(
          { err: error, channel: item.message.channel, messageId: item.message.messageId },
          `could not record an answer's ${item.kind}`,
        );
        return;
      }
      this.queue(item, error);
    }
  }

  private change(item: PendingChange): Promise<void> {
    return item.kind === 'edit'
      ? acceptThreadEdit(item.message, this.deps.store, item.receivedAt)
      : acceptThreadDeletion(item.message, this.deps.store, item.receivedAt);
  }

  private queue(item: PendingAnswer, error?: unknown): boolean {
    const queued = this.pending.add(item);
    const context = {
      err: error,
      ...itemContext(item),
      kind: item.kind,
      queued,
      pending: this.pending.size,
    };
    if (!queued) this.deps.logger.error(context, `the outage retry queue is full: ${item.kind} dropped`);
    else if (error) this.deps.logger.error(context, `store unavailable: ${item.kind} queued for retry`);
    else this.deps.logger.warn(context, `${item.kind} queued behind answers still waiting for replay`);
    return queued;
  }

  async practiceReveal(channel: ChannelId, caller: Person, questionId?: string, space?: string): Promise<Reply> {
    try {
      const open = await openQuestionsSeenFrom(this.deps.store, channel, space);
      return await this.practice.finish(`${splitChannelId(channel).platform}:${caller.id}`, null, questionId, open);
    } catch (error) {
      this.deps.logger.error({ err: error, channel }, 'practice reveal failed');
      return isStoreUnavailable(error) ? UNAVAILABLE : INTERNAL;
    }
  }

  async roundFeedback(channel: ChannelId, caller: Person, roundId: string): Promise<Reply> {
    try {
      return await roundFeedback(this.deps, channel, caller, roundId);
    } catch (error) {
      this.deps.logger.error({ err: error, channel, roundId }, 'round feedback failed');
      return isStoreUnavailable(error) ? UNAVAILABLE : INTERNAL;
    }
  }

  async pick(request: PickRequest): Promise<Reply> {
    // Limited like commands: a spammed button costs a refusal, never a store write per click.
    if (this.rateLimit.command(userKey(request.channel, request.caller.id)) !== 'allow') return TOO_MANY;
    return this.recordPick(request);
  }

  /** A pick now, or queued in order behind answers and picks waiting for the store to come back. */
  private async recordPick(request: PickRequest): Promise<Reply> {
    const now = this.deps.clock.now();
    const receivedAt = Math.min(request.receivedAt ?? now, now);
    if (!Number.isInteger(request.option) || request.option < 0 || request.option >= OPTION_LETTERS.length)
      return {
        visibility: 'private',
        kind: 'refusal',
        code: 'no-such-option',
        message: noSuchOption(OPTION_LETTERS.length),
      };
    // Applied now, this pick could be overtaken by an older one of the same user still in the queue.
    if (this.pending.size > 0) return this.queuePick(request, receivedAt);
    try {
      return await recordRoundPick(this.deps, request, receivedAt);
    } catch (error) {
      if (!isStoreUnavailable(error)) {
        this.deps.logger.error(
          { err: error, channel: request.channel, roundId: request.roundId },
          'could not record a pick',
        );
        return INTERNAL;
      }
      return this.queuePick(request, receivedAt, error);
    }
  }

  private async queuePick(request: PickRequest, receivedAt: number, error?: unknown): Promise<Reply> {
    if (!this.queue({ kind: 'pick', request, receivedAt }, error))
      return { visibility: 'private', kind: 'refusal', code: 'unavailable', message: PICK_NOT_RECORDED };
    // The round's reveal time, when the store can still say (it is only slow to take writes, or back).
    const round = error ? null : await this.deps.store.getRound(request.channel, request.roundId).catch(() => null);
    return {
      visibility: 'private',
      kind: 'picked',
      roundId: request.roundId,
      option: request.option,
      changed: false,
      revealAt: round?.revealAt ?? 0,
      queued: true,
    };
  }

  async submitSuggestion(_request: SuggestionSubmission): Promise<Reply> {
    return { visibility: 'private', kind: 'suggest-form' };
  }

  async decideSuggestion(_request: SuggestionDecision): Promise<Reply> {
    return { visibility: 'private', kind: 'suggestions', items: [] };
  }

  async practicePick(request: PracticePickRequest): Promise<Reply> {
    const { channel, caller } = request;
    if (this.rateLimit.command(userKey(channel, caller.id)) !== 'allow') return TOO_MANY;
    try {
      const open = await openQuestionsSeenFrom(this.deps.store, channel, request.space);
      return await this.practice.pick(userKey(channel, caller.id), request.option, request.questionId, open);
    } catch (error) {
      this.deps.logger.error({ err: error, channel }, 'practice pick failed');
      return isStoreUnavailable(error) ? UNAVAILABLE : INTERNAL;
    }
  }

  /** A queued pick, recorded with the time it was made; one the round refuses now is only logged. */
  private async replayPick(request: PickRequest, receivedAt: number): Promise<void> {
    const reply = await recordRoundPick(this.deps, request, receivedAt);
    if (reply.kind === 'refusal')
      this.deps.logger.warn(
        { channel: request.channel, roundId: request.roundId, code: reply.code },
        'a pick queued during a store outage was refused when replayed',
      );
  }

  /** Records answers held during a store outage, then runs due jobs (so no reveal beats them). */
  async tick() {
    // Ticks may overlap (see Scheduler.tick); one replays the queue while the others wait for it,
    // only keeping the leases of running jobs.
    if (this.draining) return this.scheduler.tick({ claim: false });
    if (this.pending.size > 0) {
      this.draining = true;
      try {
        await this.drainPending();
      } finally {
        this.draining = false;
      }
    }
    return this.scheduler.tick();
  }

  private async drainPending(): Promise<void> {
    const recorded = await this.pending.drain(async (item) => {
      try {
        if (item.kind === 'answer')
          await acceptThreadMessage(item.message, this.deps.store, this.threadRounds, item.receivedAt, this.deps.bank);
        else if (item.kind === 'pick') await this.replayPick(item.request, item.receivedAt);
        else await this.change(item);
      } catch (error) {
        // Only an outage keeps an item queued; anything else would block the queue for good.
        if (isStoreUnavailable(error)) throw error;
        this.deps.logger.error(
          { err: error, ...itemContext(item) },
          `dropped a queued ${item.kind} that cannot be recorded`,
        );
      }
    });
    this.deps.logger.info({ recorded }, 'recorded answers queued during a store outage');
  }
}

/** What the log needs to find a queued item: its channel and message, or its round and user. */
function itemContext(item: PendingAnswer): Record<string, unknown> {
  return item.kind === 'pick'
    ? { channel: item.request.channel, roundId: item.request.roundId, userId: item.request.caller.id }
    : { channel: item.message.channel, messageId: item.message.messageId };
}

/** Rate limits are per person on a platform: the same id on two platforms is two people. */
function userKey(channel: ChannelId, userId: string): string {
  return `${splitChannelId(channel).platform}:${userId}`;
}
