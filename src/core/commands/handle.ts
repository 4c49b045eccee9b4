/**
 * Turns a parsed command into a reply. Refusals are replies too (`kind: 'refusal'` with a code), so
 * adapters never see an exception for something a user did.
 */
import { chatFailureIn, type CommandRequest, type PickRequest } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../ports/store.ts';
import type { QuestionBank } from '../bank.ts';
import { questionView } from '../bank.ts';
import { dayLabel, lastDayOf, planAbsence } from '../absence.ts';
import { QuizError } from '../errors.ts';
import type { Practice } from '../practice.ts';
import { roundFeedback } from '../round-feedback.ts';
import type { Rounds } from '../rounds.ts';
import type { Digests } from '../digest.ts';
import { digestCommand } from './digest-command.ts';
import { buildSchedule, nextPostAt } from '../schedule.ts';
import type { Board, ChannelId } from '../types.ts';
import { OPTION_LETTERS, splitChannelId } from '../types.ts';
import type { RefusalCode, Reply } from '../views.ts';
import {
  BANK_EMPTY,
  NO_BUTTON_QUESTION,
  NO_ROUND_OPEN,
  noMatchingQuestions,
  noQuestionOfFormat,
  notAdmin,
  ROUND_ALREADY_OPEN,
  ROUND_JUST_REVEALED,
  ROUND_NEVER_POSTED,
  usageRefusal,
} from '../wording.ts';
import { openQuestionsSeenFrom, spaceOf } from '../open-questions.ts';
import { monthKey } from '../zoned-time.ts';
import { ADMIN_COMMANDS, specOf } from './catalogue.ts';
import { type Command, parseCommand } from './parse.ts';
import { scheduleUsage } from './usage.ts';

export interface CommandDeps {
  store: Store;
  bank: QuestionBank;
  rounds: Rounds;
  practice: Practice;
  clock: Clock;
  digests: Digests;
  /** Records a pick on a round, as a click on its button does (queued during a store outage). */
  pickOnRound: (request: PickRequest) => Promise<Reply>;
}

const LEADERBOARD_SIZE = 10;

function refuse(code: RefusalCode, message: string): Reply {
  return { visibility: 'private', kind: 'refusal', code, message };
}

export async function handleCommand(request: CommandRequest, deps: CommandDeps): Promise<Reply> {
  const command = parseCommand(request.text);
  if (ADMIN_COMMANDS.has(command.name) && !request.isAdmin) return refuse('not-admin', notAdmin(command.name));
  if (specOf(command.name).postsRounds) {
    // Asked before anything is stored, so a channel the bot cannot post in is refused up front.
    const problem = await deps.rounds.postingProblem(request.channel);
    if (problem) return refuse('post-failed', problem);
  }
  return run(command, request, deps);
}

async function run(command: Command, request: CommandRequest, deps: CommandDeps): Promise<Reply> {
  const { store, bank, rounds, practice, clock } = deps;
  const { channel, caller } = request;
  const userKey = `${splitChannelId(channel).platform}:${caller.id}`;
  switch (command.name) {
    case 'help':
      return {
        visibility: 'private',
        kind: 'help',
        isAdmin: request.isAdmin,
        ...(command.unknown ? { unknown: command.unknown } : {}),
      };
    case 'practice':
      return practice.ask(
        userKey,
        {
          ...(command.topic ? { topics: [command.topic] } : {}),
          ...(command.difficulty ? { difficulty: command.difficulty } : {}),
          ...(command.format ? { formats: [command.format] } : {}),
        },
        clock.now(),
        await openQuestionsSeenFrom(store, channel, request.space),
      );
    case 'answer':
      return practice.finish(
        userKey,
        command.text,
        undefined,
        await openQuestionsSeenFrom(store, channel, request.space),
      );
    case 'topics':
      return {
        visibility: 'private',
        kind: 'topics',
        topics: bank.topicCounts(),
        difficulties: bank.difficultyCounts(),
      };
    case 'today':
      return today(channel, deps);
    case 'feedback':
      return roundFeedback(deps, channel, caller);
    case 'streak': {
      const user = request.target ?? (command.user ? { id: command.user, name: command.user } : caller);
      const tz = await channelTimezone(channel, store);
      const stats = (await store.getUserStats(channel, user.id, monthKey(clock.now(), tz))) ?? {
        userId: user.id,
        name: user.name,
        currentStreak: 0,
        bestStreak: 0,
        total: 0,
        month: 0,
        points: 0,
        monthPoints: 0,
        picks: 0,
        rightPicks: 0,
      };
      const guard = await store.getStreakProtection(channel, user.id, clock.now());
      const protection = {
        ...(guard.awayUntil !== undefined ? { awayUntil: dayLabel(lastDayOf(guard.awayUntil, tz)) } : {}),
        freezes: guard.freezes,
        freezeUsedLast: guard.freezeUsedLast,
      };
      const protectedAtAll = guard.awayUntil !== undefined || guard.freezes > 0 || guard.freezeUsedLast;
      return {
        visibility: 'private',
        kind: 'streak',
        user: { id: user.id, name: stats.name || user.name },
        stats,
        self: user.id === caller.id,
        ...(protectedAtAll ? { protection } : {}),
      };
    }
    case 'away': {
      const tz = await channelTimezone(channel, store);
      const plan = planAbsence(command.when, clock.now(), tz);
      if (!plan.ok) return refuse('invalid-absence', plan.error);
      await store.setAbsence(channel, caller.id, plan.until);
      return { visibility: 'private', kind: 'away', lastDay: dayLabel(plan.lastDay), timezone: tz };
    }
    case 'back':
      return { visibility: 'private', kind: 'back', wasAway: await store.endAbsence(channel, caller.id, clock.now()) };
    case 'leaderboard': {
      const month = monthKey(clock.now(), await channelTimezone(channel, store));
      const name = boardNamed(command.board, command.period);
      const board = await store.getLeaderboard(channel, name, month, LEADERBOARD_SIZE, caller.id);
      return { visibility: 'private', kind: 'leaderboard', board: name, month, ...board };
    }
    case 'pick': {
      if (!command.option) return refuse('no-such-option', usageRefusal('/quiz pick a|b|c|d|e', '/quiz pick b'));
      const option = OPTION_LETTERS.indexOf(command.option as (typeof OPTION_LETTERS)[number]);
      // The channel's open button round first; else the caller's practice question with options.
      const open = await store.getOpenRound(channel);
      if (open?.post && bank.get(open.questionId)?.options)
        return deps.pickOnRound({ channel, caller, roundId: open.id, option, receivedAt: clock.now() });
      if (await practice.hasButtonQuestion(userKey))
        return practice.pick(userKey, option, undefined, await openQuestionsSeenFrom(store, channel, request.space));
      return refuse('no-round-open', NO_BUTTON_QUESTION);
    }
    case 'forget-me':
      await store.forgetUser(splitChannelId(channel).platform, caller.id, clock.now());
      return { visibility: 'private', kind: 'forgotten' };
    case 'schedule': {
      if (!command.time || !command.timezone) {
        return refuse(
          'invalid-schedule',
          usageRefusal(scheduleUsage(), '/quiz schedule 09:30 Europe/Berlin weekdays 4h'),
        );
      }
      const now = clock.now();
      const built = buildSchedule(
        {
          time: command.time,
          timezone: command.timezone,
          ...(command.days ? { days: command.days } : {}),
          ...(command.window ? { window: command.window } : {}),
          topics: command.topics,
          ...(command.difficulty ? { difficulty: command.difficulty } : {}),
        },
        now,
      );
      if (!built.ok) return refuse('invalid-schedule', built.error);
      const { topics, difficulty } = built.value;
      const filtered = topics.length > 0 || difficulty !== undefined;
      const matching = filtered
        ? deps.bank.filter({ topics, ...(difficulty ? { difficulty } : {}) }).length
        : deps.bank.questions.length;
      if (matching === 0) {
        const wanted = [...topics, ...(difficulty ? [difficulty] : [])].join(', ');
        return refuse('invalid-schedule', noMatchingQuestions(wanted));
      }
      const schedule = { ...built.value, ...(command.format ? { format: command.format } : {}) };
      const next = nextPostAt(schedule, now);
      const space = spaceOf(channel, request.space);
      await store.setSchedule(channel, { ...schedule, ...(space ? { space } : {}) }, next);
      return {
        visibility: 'public',
        kind: 'scheduled',
        schedule,
        nextPostAt: next,
        ...(filtered ? { matchingQuestions: matching } : {}),
      };
    }
    case 'unschedule': {
      const had = (await store.getSchedule(channel)) !== null;
      await store.removeSchedule(channel);
      return { visibility: 'public', kind: 'unscheduled', hadSchedule: had };
    }
    case 'post-now': {
      let outcome: Awaited<ReturnType<Rounds['post']>>;
      try {
        outcome = await rounds.post(channel, { kind: 'manual', ...(command.format ? { format: command.format } : {}) });
      } catch (error) {
        if (!(error instanceof QuizError) || error.code !== 'post-failed') throw error;
        // The platform's own reason ("I'm missing Create Public Threads") beats a general sentence.
        return refuse(
          'post-failed',
          chatFailureIn(error)?.adminMessage ??
            (error.context.permanent
              ? 'I cannot post in this channel: check that I am a member of it and may post, embed links and create threads here, then run `/quiz post-now` again.'
              : 'I could not post the question just now (the chat platform did not answer in time). Try `/quiz post-now` again in a minute.'),
        );
      }
      if (outcome.status === 'no-questions')
        return refuse('no-questions', outcome.format ? noQuestionOfFormat(outcome.format) : BANK_EMPTY);
      if (outcome.status !== 'posted') {
        return refuse('round-already-open', ROUND_ALREADY_OPEN);
      }
      return { visibility: 'private', kind: 'posted', roundId: outcome.round.id, revealAt: outcome.round.revealAt };
    }
    case 'reveal-now': {
      const open = await store.getOpenRound(channel);
      if (!open) return refuse('no-round-open', NO_ROUND_OPEN);
      const view = await rounds.reveal(channel, open.id);
      if (!view && !open.post) return refuse('no-round-open', ROUND_NEVER_POSTED);
      if (!view) return refuse('no-round-open', ROUND_JUST_REVEALED);
      return { visibility: 'private', kind: 'revealed', roundId: open.id, answers: view.answers.length };
    }
    case 'digest':
      return digestCommand(command, channel, deps);
  }
}

/** `points month` is the points board of this month; `total month` reads as the month's answers. */
function boardNamed(board: Exclude<Board, 'points-month'>, period: 'month' | undefined): Board {
  if (period !== 'month') return board;
  return board === 'points' ? 'points-month' : board === 'total' ? 'month' : board;
}

async function channelTimezone(channel: ChannelId, store: Store): Promise<string> {
  return (await store.getSchedule(channel))?.timezone ?? 'UTC';
}

async function today(channel: ChannelId, deps: CommandDeps): Promise<Reply> {
  const schedule = await deps.store.getSchedule(channel);
  const round = await deps.store.getOpenRound(channel);
  const question = round && deps.bank.get(round.questionId);
  const timezone = round?.timezone ?? schedule?.timezone ?? 'UTC';
  const next = schedule ? { nextPostAt: nextPostAt(schedule, deps.clock.now()) } : {};
  if (!round || !question) return { visibility: 'private', kind: 'today', timezone, ...next };
  const answers = await deps.store.countAnswers(channel, round.id);
  return {
    visibility: 'private',
    kind: 'today',
    open: { question: questionView(question), revealAt: round.revealAt, answers },
    timezone,
    ...next,
  };
}
