/** Renders the core's view models as terminal text. */
import { type HelpEntry, helpEntries, TYPED } from '../../core/commands/usage.ts';
import { coverageSummary, wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { ChoiceReveal, QuestionView, Reply, RevealView, RoundPostView } from '../../core/views.ts';
import {
  ADMINS_HEADING,
  ANSWER_IN_THREAD,
  answeredCount,
  answerTitle,
  awayConfirmation,
  BACK,
  freezesUsedLine,
  protectionLine,
  WAS_NOT_AWAY,
  coveredKeyPoints,
  DID_NOT_ANSWER,
  difficultyCounts,
  FEEDBACK_OFF,
  FORGOTTEN,
  HAD_NO_SCHEDULE,
  HELP_TITLE,
  leaderboardTitle,
  MOST_MISSED_HEADING,
  mostMissedList,
  NO_OPEN_QUESTION,
  NOBODY_ANSWERED,
  NOBODY_ON_BOARD,
  PRACTICE_PRIVATE,
  postedRevealIn,
  QUESTION_OF_THE_DAY,
  revealedCount,
  scheduledLine,
  pointsLine,
  streakLine,
  UNSCHEDULED,
  unknownCommand,
  YOUR_FEEDBACK,
  optionLetter,
  PICK_QUEUED,
  pickConfirmation,
  pickedSummary,
  pointsEarned,
  practicePickVerdict,
  roundPickVerdict,
  suggestionReplyText,
  WHY_NOT_HEADING,
} from '../../core/wording.ts';
import { localTime } from '../../core/zoned-time.ts';
import { renderDigestReply } from './render-digest.ts';

const HELP = helpEntries(TYPED);
const USAGE_COLUMN = 30;

/** Usage and summary in two columns; a usage wider than its column puts the summary on the next line. */
function helpLine(entry: HelpEntry): string {
  return entry.usage.length > USAGE_COLUMN
    ? `  ${entry.usage}\n  ${' '.repeat(USAGE_COLUMN + 1)}${entry.summary}`
    : `  ${entry.usage.padEnd(USAGE_COLUMN)} ${entry.summary}`;
}

export function formatClock(at: number, timezone: string): string {
  const t = localTime(at, timezone);
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} ${timezone}`;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "today 09:00 Europe/Berlin", "tomorrow 09:00 …" or "Mon 30 Nov 09:00 …", in the channel's zone. */
export function formatWhen(at: number, timezone: string, now: number): string {
  const t = localTime(at, timezone);
  const today = localTime(now, timezone);
  const dayNumber = (x: { year: number; month: number; day: number }) =>
    Date.UTC(x.year, x.month - 1, x.day) / 86_400_000;
  const days = dayNumber(t) - dayNumber(today);
  const day =
    days === 0 ? 'today' : days === 1 ? 'tomorrow' : `${WEEKDAY_NAMES[t.weekday]} ${t.day} ${MONTH_NAMES[t.month - 1]}`;
  return `${day} ${formatClock(at, timezone)}`;
}

export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function questionBlock(q: QuestionView): string {
  const head = `${q.title}  [${q.difficulty} · ${q.topics.join(', ')}]\n\n${q.prompt}`;
  return q.options ? `${head}\n\n${optionLines(q).join('\n')}` : head;
}

/**
 * The options lettered. A candidate output is shown as it would print: a one-line output after its
 * letter, a longer one as an indented block under it.
 */
function optionLines(q: QuestionView): string[] {
  return (q.options ?? []).flatMap((text, i) => {
    const letter = `  ${optionLetter(i).toLowerCase()})`;
    const lines = text.split('\n');
    if (q.format !== 'output' || lines.length === 1) return [`${letter} ${lines.join(' ')}`];
    return [letter, ...lines.map((line) => `       ${line}`)];
  });
}

/** How to answer a button question here, from the last letter it has. */
function pickHint(q: QuestionView): string {
  const last = optionLetter((q.options?.length ?? 1) - 1).toLowerCase();
  return `Type a letter (a to ${last}) to answer; you can change it until the reveal.`;
}

export function renderPost(view: RoundPostView, now: number): string {
  return [
    `━━ ${QUESTION_OF_THE_DAY} ━━`,
    questionBlock(view.question),
    '',
    view.question.options
      ? `${pickHint(view.question)} It is revealed at ${formatClock(view.revealAt, view.timezone)} (in ${formatRemaining(view.revealAt - now)}).`
      : `Reply with your answer; it is revealed at ${formatClock(view.revealAt, view.timezone)} (in ${formatRemaining(view.revealAt - now)}).`,
  ].join('\n');
}

/** Bars of at most this many blocks, the most picked option's the longest. */
const BAR_WIDTH = 20;

/**
 * A button round's reveal: one bar per option (`B ████████ 5  ✓`), who was right, and the why of
 * each wrong option, then the model answer.
 */
function renderChoiceReveal(view: RevealView, choice: ChoiceReveal): string {
  const most = Math.max(1, ...choice.options.map((o) => o.picks));
  const lines = [`━━ ${answerTitle(view.question.title)} ━━`];
  for (const [i, option] of choice.options.entries()) {
    const bar = '█'.repeat(Math.round((BAR_WIDTH * option.picks) / most));
    lines.push(`  ${optionLetter(i)} ${bar}${bar ? ' ' : ''}${option.picks}${i === choice.correct ? '  ✓' : ''}`);
  }
  lines.push(
    '',
    pickedSummary(
      choice.total,
      choice.right.map((p) => p.name),
    ),
  );
  const wrong = choice.options.flatMap((o, i) => (o.why ? [`  ${optionLetter(i)}: ${o.why}`] : []));
  if (wrong.length > 0) lines.push('', `${WHY_NOT_HEADING}:`, ...wrong);
  lines.push('', view.modelAnswer);
  return lines.join('\n');
}

/** A terminal has no thread to flood: the reveal names every answer, with its feedback line. */
export function renderReveal(view: RevealView): string {
  if (view.choice) return withFreezesUsed(renderChoiceReveal(view, view.choice), view);
  const lines = [`━━ ${answerTitle(view.question.title)} ━━`, view.modelAnswer, '', 'Key points:'];
  for (const [i, point] of view.keyPoints.entries()) lines.push(`  ${i + 1}. ${point}`);
  lines.push('');
  if (view.answers.length === 0) {
    lines.push(NOBODY_ANSWERED);
  } else {
    lines.push(`${answeredCount(view.answers.length)}:`);
    for (const a of view.answers) {
      lines.push(
        view.feedbackAvailable ? `  ${a.user.name}: ${coverageSummary(a, view.keyPoints)}` : `  ${a.user.name}`,
      );
    }
    if (!view.feedbackAvailable) lines.push(FEEDBACK_OFF);
    const missed = view.mostMissed.map((p) => ({ ...p, number: view.keyPoints.indexOf(p.label) + 1 }));
    if (missed.length > 0) lines.push('', `${MOST_MISSED_HEADING}: ${mostMissedList(missed)}`);
  }
  return withFreezesUsed(lines.join('\n'), view);
}

/** A reveal of either kind ends by naming who kept their streak with a freeze. */
function withFreezesUsed(reveal: string, view: RevealView): string {
  if (!view.freezesUsed?.length) return reveal;
  return `${reveal}\n\n${freezesUsedLine(view.freezesUsed.map((u) => ({ name: u.user.name, freezesLeft: u.freezesLeft })))}`;
}

export function renderReply(reply: Reply, now: number): string {
  switch (reply.kind) {
    case 'digest':
      // The adapter prints the chart's path (see render-digest.ts); a rendering alone has none.
      return renderDigestReply(reply, now);
    case 'help':
      return [
        reply.unknown ? unknownCommand(`"${reply.unknown}"`) : `${HELP_TITLE}:`,
        ...HELP.everyone.map(helpLine),
        ...(reply.isAdmin ? [`${ADMINS_HEADING}:`, ...HELP.admin.map(helpLine)] : []),
        ANSWER_IN_THREAD,
        'Shell: /as <name> switches user, /reveal shows your practice answer, /quit leaves.',
      ].join('\n');
    case 'practice':
      return reply.question.options
        ? `${PRACTICE_PRIVATE}:\n${questionBlock(reply.question)}\n\nType a letter (or /quiz answer b) to answer, or /reveal to see the answer.`
        : `${PRACTICE_PRIVATE}:\n${questionBlock(reply.question)}\n\nAnswer with /quiz answer <text>, or /reveal to see the answer.`;
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered
        ? coveredKeyPoints(reply.covered.length, total)
        : reply.correct === undefined
          ? 'The answer:'
          : `The answer is ${optionLetter(reply.correct)}.`;
      const lines = [head];
      for (const c of reply.covered) lines.push(`  ✓ ${c}`);
      for (const m of reply.missed) lines.push(`  ✗ ${m}`);
      for (const w of reply.wrong ?? []) lines.push(`  ${wrongClaimNote(w)}`);
      lines.push('', reply.modelAnswer);
      return lines.join('\n');
    }
    case 'round-feedback': {
      const mine = reply.feedback;
      const title = `${YOUR_FEEDBACK}: ${reply.question.title}`;
      if (!mine) return `${title}\n${DID_NOT_ANSWER}`;
      const earned = reply.points === undefined ? [] : [pointsEarned(reply.points)];
      if (reply.pick)
        return [
          title,
          roundPickVerdict(reply.pick.option, reply.pick.correct),
          ...(reply.pick.why ? [reply.pick.why] : []),
          ...earned,
        ].join('\n');
      if (!reply.feedbackAvailable) return `${title}\n${FEEDBACK_OFF}`;
      const lines = [title, coveredKeyPoints(mine.covered.length, mine.covered.length + mine.missed.length)];
      for (const c of mine.covered) lines.push(`  ✓ ${c}`);
      for (const m of mine.missed) lines.push(`  ✗ ${m}`);
      for (const w of mine.wrong ?? []) lines.push(`  ${wrongClaimNote(w)}`);
      lines.push(...earned);
      return lines.join('\n');
    }
    case 'today': {
      const next = reply.nextPostAt ? ` Next question: ${formatWhen(reply.nextPostAt, reply.timezone, now)}.` : '';
      if (!reply.open) return `${NO_OPEN_QUESTION}${next}`;
      return `${questionBlock(reply.open.question)}\n\n${reply.open.answers} answered so far; revealed in ${formatRemaining(reply.open.revealAt - now)}.`;
    }
    case 'streak': {
      const line = `${streakLine(reply.self ? 'You' : reply.user.name, reply.stats)}\n${pointsLine(reply.stats)}`;
      return reply.protection ? `${line}\n${protectionLine(reply.protection)}` : line;
    }
    case 'away':
      return awayConfirmation(reply.lastDay, reply.timezone);
    case 'back':
      return reply.wasAway ? BACK : WAS_NOT_AWAY;
    case 'leaderboard': {
      const title = leaderboardTitle(reply.board, reply.month);
      if (reply.entries.length === 0) return `${title}\n${NOBODY_ON_BOARD}`;
      const lines = [title, ...reply.entries.map((e) => `  ${String(e.rank).padStart(2)}. ${e.name} — ${e.score}`)];
      if (reply.caller)
        lines.push(
          '  …',
          `  ${String(reply.caller.rank).padStart(2)}. ${reply.caller.name} — ${reply.caller.score} (you)`,
        );
      return lines.join('\n');
    }
    case 'topics':
      return [
        'Topics:',
        ...reply.topics.map((t) => `  ${t.topic} (${t.count})`),
        `Difficulties: ${difficultyCounts(reply.difficulties)}`,
      ].join('\n');
    case 'forgotten':
      return FORGOTTEN;
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      const only = filters.length
        ? `${filters.join(', ')}${formatMatching(reply.matchingQuestions, ' (', ')')}`
        : undefined;
      const line = scheduledLine(
        `${formatTimeOfDay(s)} ${s.timezone}`,
        formatDays(s.days),
        formatWindow(s.windowMinutes),
        only,
        s.format,
      );
      return `${line} Next question: ${formatWhen(reply.nextPostAt, s.timezone, now)}.`;
    }
    case 'unscheduled':
      return reply.hadSchedule ? UNSCHEDULED : HAD_NO_SCHEDULE;
    case 'posted':
      return postedRevealIn(formatRemaining(reply.revealAt - now));
    case 'revealed':
      return revealedCount(reply.answers);
    case 'suggest-form':
    case 'suggestion-received':
    case 'suggestion-problems':
    case 'suggestions':
    case 'suggestion-decided':
    case 'retired':
    case 'export':
      return suggestionReplyText(reply);
    case 'picked':
      return reply.queued
        ? `${pickConfirmation(reply.option, reply.changed)} ${PICK_QUEUED}`
        : pickConfirmation(reply.option, reply.changed);
    case 'practice-pick-result':
      return [
        practicePickVerdict(reply.option, reply.correct),
        ...(reply.why ? [reply.why] : []),
        reply.modelAnswer,
      ].join('\n');
    case 'refusal':
      return reply.message;
  }
}
