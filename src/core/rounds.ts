/**
 * Posting and revealing rounds. Both are safe to run from several processes at once: the store's
 * atomic `openRound` and `revealOrCancelRound` decide which caller does the work, and the loser does
 * nothing.
 */
import { type ChatAdapter, type DeliveryAttempt, isPermanentChatFailure } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { questionView } from './bank.ts';
import { type TeamBank, teamSpaceOf } from './team-bank.ts';
import { QuizError } from './errors.ts';
import { acceptThreadMessage, ThreadRounds } from './answers.ts';
import { choiceReveal, pickFeedback } from './choice-reveal.ts';
import { assessAnswer } from './keypoints.ts';
import { roundAwards } from './points.ts';
import { pickQuestion } from './question-mix.ts';
import { LISTED_ANSWERS, listedAnswers, mostMissed, roundQuestion } from './round-feedback.ts';
import type { Answer, ChannelId, Platform, PostRef, QuestionFormat, Round } from './types.ts';
import { isButtonFormat, splitChannelId } from './types.ts';
import { monthKey } from './zoned-time.ts';
import type { RevealView } from './views.ts';

export interface RoundSettings {
  /** Window for rounds posted without a schedule (`post-now` in an unscheduled channel). */
  defaultWindowMinutes: number;
  /** How long a claimed job stays hidden from other processes; also when a stuck post is retried. */
  leaseMs: number;
}

/** How long after its reveal time a reveal message that failed to post is still retried. */
const ANNOUNCE_RETRY_MS = 24 * 3_600_000;

/**
 * `format`: a `post-now` that asks for one kind of question; `questionId`: that very question (the
 * terminal demo's opener), when it is in the bank; `space`: the server or workspace the command came
 * from (`teamSpaceOf`), whose team questions join the pick when the channel has no schedule saying.
 */
export type PostTrigger =
  | { kind: 'schedule'; slot: number; windowMinutes: number }
  | { kind: 'manual'; format?: QuestionFormat; questionId?: string; space?: string };

export type PostOutcome =
  | { status: 'posted'; round: Round }
  | { status: 'already-posted'; round: Round }
  | { status: 'busy'; round: Round }
  /** `format`: none of the asked-for kind fits (or all of them were asked in this cycle). */
  | { status: 'no-questions'; format?: QuestionFormat };

export class Rounds {
  constructor(
    private readonly store: Store,
    private readonly questions: TeamBank,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: RoundSettings,
    /** Told of every revealed round with its reveal, maybe more than once (the weekly digest's summaries). */
    private readonly onRevealed?: (round: Round, view: RevealView) => Promise<void>,
  ) {}

  adapterFor(channel: ChannelId): { adapter: ChatAdapter; nativeId: string } {
    const { platform, nativeId } = splitChannelId(channel);
    const adapter = this.adapters.get(platform);
    if (!adapter) throw new QuizError('no-adapter', `no ${platform} adapter is running for ${channel}`, { channel });
    return { adapter, nativeId };
  }

  /** Why rounds cannot run in this channel, in the platform's words, or undefined when they can. */
  postingProblem(channel: ChannelId): Promise<string | undefined> {
    const { adapter, nativeId } = this.adapterFor(channel);
    return adapter.postingProblem(nativeId);
  }

  async post(channel: ChannelId, trigger: PostTrigger): Promise<PostOutcome> {
    const now = this.clock.now();
    const schedule = await this.store.getSchedule(channel);
    // Scheduled ids are derived from the slot so every process opens the same round; manual ones are unique.
    const roundId =
      trigger.kind === 'schedule' ? `r${trigger.slot}` : `m${now}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
    const open = await this.store.getOpenRound(channel);
    // The open round may be this very slot's, opened by a process that died before posting it.
    if (open && open.id !== roundId) {
      // A round whose post never landed (the platform refused it, or its poster died) is posted
      // again rather than left open with no thread to answer in.
      const orphan = !open.post && (open.id.startsWith('m') || now - open.openedAt >= this.settings.leaseMs);
      if (trigger.kind === 'manual' && orphan) return this.publish(channel, open, { first: false });
      if (trigger.kind === 'manual') return { status: 'busy', round: open };
      // A scheduled post never waits on an old round: reveal it first so streaks stay consecutive.
      await this.reveal(channel, open.id);
    }
    const wanted = trigger.kind === 'manual' ? trigger.format : undefined;
    const chosen =
      trigger.kind === 'manual' && trigger.questionId ? await this.questions.find(trigger.questionId) : undefined;
    const space =
      schedule?.space ?? (trigger.kind === 'manual' ? trigger.space : undefined) ?? teamSpaceOf(channel, undefined);
    const question = chosen
      ? { question: chosen, startNewCycle: false }
      : await pickQuestion(this.store, await this.questions.forSpace(space), this.logger, channel, schedule, wanted);
    if (!question) return wanted ? { status: 'no-questions', format: wanted } : { status: 'no-questions' };
    const windowMinutes =
      trigger.kind === 'schedule'
        ? trigger.windowMinutes
        : (schedule?.windowMinutes ?? this.settings.defaultWindowMinutes);
    const postedAt = trigger.kind === 'schedule' ? trigger.slot : now;
    const opened = await this.store.openRound({
      channel,
      roundId,
      questionId: question.question.id,
      postedAt,
      openedAt: now,
      revealAt: postedAt + windowMinutes * 60_000,
      timezone: schedule?.timezone ?? 'UTC',
      startNewCycle: question.startNewCycle,
    });
    if (opened.status === 'busy') return { status: 'busy', round: opened.round };
    // This slot's round was revealed, or cancelled after the channel refused it: never post it again.
    if (opened.status === 'exists' && opened.round.state !== 'open')
      return { status: 'already-posted', round: opened.round };
    if (opened.status === 'exists') {
      // Only re-post when the process that opened the round has evidently died before posting.
      const stuck = !opened.round.post && now - opened.round.openedAt >= this.settings.leaseMs;
      if (!stuck) return { status: 'already-posted', round: opened.round };
    }
    // Only a round this call opened can have no message yet; a re-post may follow a post that landed.
    return this.publish(channel, opened.round, { first: opened.status === 'opened' });
  }

  /** Posts an opened round's question and records where it landed. */
  private async publish(channel: ChannelId, round: Round, attempt: DeliveryAttempt): Promise<PostOutcome> {
    const q = await this.questions.find(round.questionId);
    if (!q) return { status: 'no-questions' };
    const { adapter, nativeId } = this.adapterFor(channel);
    try {
      const post = await adapter.postQuestion(
        nativeId,
        { roundId: round.id, question: questionView(q), revealAt: round.revealAt, timezone: round.timezone },
        attempt,
      );
      await this.store.attachPost(channel, round.id, post);
      this.logger.info({ channel, roundId: round.id, questionId: q.id }, 'posted round');
      return { status: 'posted', round: { ...round, post } };
    } catch (error) {
      const permanent = isPermanentChatFailure(error);
      // Retrying every lease would hit the same wall all day (and, where the platform half-succeeds,
      // post and delete all day): close the round now. It was never posted, so closing it cancels
      // it and leaves every streak as it was.
      if (permanent) await this.store.revealOrCancelRound(channel, round.id);
      throw new QuizError(
        'post-failed',
        `could not post round ${round.id} in ${channel}`,
        { channel, roundId: round.id, permanent },
        { cause: error },
      );
    }
  }

  /**
   * Reveals a round once and posts the reveal; returns null when it was not open (revealed
   * elsewhere, cancelled, or unknown). A reveal message that could not be posted is left pending,
   * with the round's reveal job due again after a lease, for `settleReveal` to retry.
   */
  async reveal(channel: ChannelId, roundId: string): Promise<RevealView | null> {
    return (await this.revealOnce(channel, roundId, await this.store.getRound(channel, roundId)))?.view ?? null;
  }

  /**
   * Runs a round's reveal job: reveals the round if it is still open, or posts a reveal message
   * that an earlier attempt could not post. 'retry' asks the scheduler to run the job again later.
   */
  async settleReveal(channel: ChannelId, roundId: string): Promise<'done' | 'retry'> {
    const round = await this.store.getRound(channel, roundId);
    if (round?.state === 'open') return (await this.revealOnce(channel, roundId, round))?.announced ?? 'done';
    if (round?.state !== 'revealed' || !round.announcePending) return 'done';
    const answers = await this.withNames(channel, await this.store.getAnswers(channel, roundId));
    // A crash between the reveal and its scoring lands here: scoring is once per round, so this is safe.
    await this.score(round, answers);
    return this.announce(round, await this.revealView(round, answers), { first: false });
  }

  /** `round` as read just before; the store decides atomically whether this call reveals it. */
  private async revealOnce(
    channel: ChannelId,
    roundId: string,
    round: Round | null,
  ): Promise<{ view: RevealView; announced: 'done' | 'retry' } | null> {
    // Picks are interactions, not thread replies: a button round has no history to catch up on.
    const format = round ? (await this.questions.find(round.questionId))?.format : undefined;
    const buttons = format !== undefined && isButtonFormat(format);
    if (round?.state === 'open' && round.post && !buttons) await this.catchUp(round, round.post);
    const result = await this.store.revealOrCancelRound(channel, roundId);
    if (!result) return null;
    if (result.round.state === 'cancelled') {
      this.logger.warn(
        { channel, roundId },
        'closed a round that never reached the channel: cancelled it, streaks unchanged',
      );
      return null;
    }
    const answers = await this.withNames(channel, result.answers);
    await this.score(result.round, answers);
    const view = await this.revealView(result.round, answers);
    if (result.freezesUsed) {
      view.freezesUsed = result.freezesUsed.map((u) => ({
        user: { id: u.userId, name: u.name },
        freezesLeft: u.freezesLeft,
      }));
    }
    this.logger.info({ channel, roundId, answers: answers.length }, 'revealed round');
    // This call revealed the round, so no reveal message of it can have been posted yet.
    const announced = await this.announce(result.round, view, { first: true });
    if (announced === 'retry')
      await this.store.rescheduleJob({ kind: 'reveal', channel, roundId }, this.clock.now() + this.settings.leaseMs);
    return { view, announced };
  }

  /**
   * Records answers the bot never heard of before they are settled: replies written while it was
   * restarting or disconnected are in the thread's history. Each counts with the time it was sent,
   * and the store refuses any it already has, so this is safe to run from every replica.
   */
  private async catchUp(round: Round, post: PostRef): Promise<void> {
    const { channel, id: roundId } = round;
    const { adapter, nativeId } = this.adapterFor(channel);
    if (!adapter.threadReplies) return;
    let replies: Awaited<ReturnType<NonNullable<ChatAdapter['threadReplies']>>>;
    try {
      replies = await adapter.threadReplies(nativeId, post);
    } catch (error) {
      this.logger.warn(
        { err: error, channel, roundId },
        'could not read the thread before the reveal; revealing with the answers recorded so far',
      );
      return;
    }
    const threadRounds = new ThreadRounds(this.store);
    let recovered = 0;
    for (const reply of replies) {
      if (
        (await acceptThreadMessage(
          reply,
          this.store,
          threadRounds,
          Math.min(reply.sentAt, this.clock.now()),
          this.questions,
        )) === 'recorded'
      )
        recovered++;
    }
    if (recovered > 0)
      this.logger.info(
        { channel, roundId, recovered },
        'recorded answers found in the thread that had not arrived as events',
      );
  }

  /**
   * Awards the round's points. The store adds them once per round, so a re-run after a crash and a
   * second replica revealing alongside never award twice.
   */
  private async score(round: Round, answers: Answer[]): Promise<void> {
    const awards = roundAwards(answers, await this.questions.find(round.questionId));
    const scored = await this.store.scoreRound(
      round.channel,
      round.id,
      awards,
      monthKey(round.revealAt, round.timezone),
    );
    if (scored)
      this.logger.info(
        { channel: round.channel, roundId: round.id, points: awards.reduce((sum, a) => sum + a.points, 0) },
        'scored round',
      );
  }

  /**
   * Answers recorded under the author's id (the platform was slow to name them) get their name,
   * if the adapter can tell now; the reveal goes out either way.
   */
  private async withNames(channel: ChannelId, answers: Answer[]): Promise<Answer[]> {
    const unnamed = answers.filter((a) => a.userName === a.userId).map((a) => a.userId);
    const { adapter } = this.adapterFor(channel);
    if (unnamed.length === 0 || !adapter.displayNames) return answers;
    try {
      const names = await adapter.displayNames(unnamed);
      return answers.map((a) => ({ ...a, userName: names.get(a.userId) ?? a.userName }));
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'could not name the answers recorded without a name');
      return answers;
    }
  }

  private async revealView(round: Round, answers: Answer[]): Promise<RevealView> {
    const question = await this.questions.find(round.questionId);
    const base = {
      roundId: round.id,
      question: roundQuestion(question, round.questionId),
      modelAnswer: question?.modelAnswer ?? 'This question has since been removed from the bank.',
      revealedAt: this.clock.now(),
    };
    if (question && isButtonFormat(question.format)) {
      const choice = choiceReveal(question, answers);
      const picked = answers.filter((a) => a.pick !== undefined).map(pickFeedback);
      return {
        ...base,
        keyPoints: [],
        answers: picked,
        listed: picked.slice(0, LISTED_ANSWERS),
        mostMissed: [],
        feedbackAvailable: true,
        choice,
      };
    }
    const keyPoints = question?.keyPoints ?? [];
    const labels = keyPoints.map((k) => k.label);
    const judged = answers.map((a) => ({
      user: { id: a.userId, name: a.userName },
      ...assessAnswer(a.text, keyPoints),
    }));
    // Answers stored without text came from a platform that withheld it (Discord's Message Content intent).
    const feedbackAvailable = answers.every((a) => a.text !== '' || a.deleted);
    return {
      ...base,
      keyPoints: labels,
      answers: judged,
      listed: listedAnswers(judged, feedbackAvailable),
      mostMissed: feedbackAvailable ? mostMissed(judged, labels) : [],
      feedbackAvailable,
    };
  }

  /**
   * Posts the reveal into the round's thread. A failure the platform may get over (an outage, a
   * rate limit) is retried for a day; one it will not (the bot lost access) is reported to the
   * channel once and given up, since the round's streaks are settled either way.
   */
  private async announce(round: Round, view: RevealView, attempt: DeliveryAttempt): Promise<'done' | 'retry'> {
    const { channel, id: roundId } = round;
    if (!round.post) return 'done';
    // Before the message: a store failure here leaves the reveal pending, and its retry records it once.
    await this.onRevealed?.(round, view);
    const { adapter, nativeId } = this.adapterFor(channel);
    try {
      await adapter.postReveal(nativeId, round.post, view, attempt);
    } catch (error) {
      const givingUp = isPermanentChatFailure(error) || this.clock.now() - round.revealAt >= ANNOUNCE_RETRY_MS;
      if (!givingUp) {
        this.logger.warn({ err: error, channel, roundId }, 'could not post the reveal; it will be retried');
        return 'retry';
      }
      this.logger.error({ err: error, channel, roundId }, 'could not post the reveal; giving up');
      await adapter
        .warnChannel(
          nativeId,
          `I could not post the answer to "${view.question.title}" in its thread. Check that I can still post there.`,
        )
        .catch((warnError: unknown) =>
          this.logger.warn({ err: warnError, channel }, 'could not warn the channel either'),
        );
    }
    await this.store.finishAnnouncement(channel, roundId);
    return 'done';
  }
}
