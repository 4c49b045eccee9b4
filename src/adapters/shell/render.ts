/** Renders the core's view models as terminal text. */
import { coverageSummary, wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { QuestionView, Reply, RevealView, RoundPostView } from '../../core/views.ts';
import { localTime } from '../../core/zoned-time.ts';

const BOARD_TITLES = {
  streak: 'current streak',
  best: 'best streak',
  total: 'total answers',
  month: 'answers this month',
} as const;

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
  return `${q.title}  [${q.difficulty} · ${q.topics.join(', ')}]\n\n${q.prompt}`;
}

export function renderPost(view: RoundPostView, now: number): string {
  return [
    `━━ Question of the day ━━`,
    questionBlock(view.question),
    '',
    `Reply with your answer; it is revealed at ${formatClock(view.revealAt, view.timezone)} (in ${formatRemaining(view.revealAt - now)}).`,
  ].join('\n');
}

export function renderReveal(view: RevealView): string {
  const lines = [`━━ Answer: ${view.question.title} ━━`, view.modelAnswer, '', 'Key points:'];
  for (const [i, point] of view.keyPoints.entries()) lines.push(`  ${i + 1}. ${point}`);
  lines.push('');
  if (view.answers.length === 0) {
    lines.push('Nobody answered this one.');
  } else {
    lines.push(`${view.answers.length} answered:`);
    for (const a of view.answers) {
      lines.push(
        view.feedbackAvailable ? `  ${a.user.name}: ${coverageSummary(a, view.keyPoints)}` : `  ${a.user.name}`,
      );
    }
    if (!view.feedbackAvailable) lines.push('Key-point feedback is off: the bot could not read the answers.');
  }
  return lines.join('\n');
}

export function renderReply(reply: Reply, now: number): string {
  switch (reply.kind) {
    case 'help':
      return [
        reply.unknown ? `I don't know "${reply.unknown}". Here is what I do:` : 'quizthread commands:',
        '  /quiz [topic] [difficulty]     a practice question just for you',
        '  /quiz answer <text>            answer your practice question',
        '  /quiz today                    the open question and the time left',
        '  /quiz streak [user]            streaks and totals',
        '  /quiz leaderboard [streak|best|total|month]',
        '  /quiz topics                   topics and difficulties in the bank',
        '  /quiz forget-me                delete everything stored about you',
        ...(reply.isAdmin
          ? [
              'Admin:',
              '  /quiz schedule <HH:MM> <timezone> [weekdays|daily|mon,tue,...] [window e.g. 4h]',
              '  /quiz unschedule | /quiz post-now | /quiz reveal-now',
            ]
          : []),
        'Shell: /as <name> switches user, /reveal shows your practice answer, /quit leaves.',
      ].join('\n');
    case 'practice':
      return `Practice (only you see this):\n${questionBlock(reply.question)}\n\nAnswer with /quiz answer <text>, or /reveal to see the answer.`;
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered ? `You covered ${reply.covered.length} of ${total} key points.` : 'The answer:';
      const lines = [head];
      for (const c of reply.covered) lines.push(`  ✓ ${c}`);
      for (const m of reply.missed) lines.push(`  ✗ ${m}`);
      for (const w of reply.wrong ?? []) lines.push(`  ${wrongClaimNote(w)}`);
      lines.push('', reply.modelAnswer);
      return lines.join('\n');
    }
    case 'today': {
      const next = reply.nextPostAt ? ` Next question: ${formatWhen(reply.nextPostAt, reply.timezone, now)}.` : '';
      if (!reply.open) return `No question is open right now.${next}`;
      return `${questionBlock(reply.open.question)}\n\n${reply.open.answers} answered so far; revealed in ${formatRemaining(reply.open.revealAt - now)}.`;
    }
    case 'streak': {
      const s = reply.stats;
      const who = reply.self ? 'You' : reply.user.name;
      return `${who}: current streak ${s.currentStreak}, best ${s.bestStreak}, ${s.total} ${s.total === 1 ? 'answer' : 'answers'} in all, ${s.month} this month.`;
    }
    case 'leaderboard': {
      const title = `Leaderboard: ${BOARD_TITLES[reply.board]}${reply.board === 'month' ? ` (${reply.month})` : ''}`;
      if (reply.entries.length === 0) return `${title}\nNobody is on it yet.`;
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
        `Difficulties: easy ${reply.difficulties.easy}, medium ${reply.difficulties.medium}, hard ${reply.difficulties.hard}`,
      ].join('\n');
    case 'forgotten':
      return 'Done: your streaks, answers and practice history are deleted.';
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      return `Scheduled: ${formatTimeOfDay(s)} ${s.timezone}, ${formatDays(s.days)}, answers open for ${formatWindow(s.windowMinutes)}${filters.length ? `, only ${filters.join(', ')}${formatMatching(reply.matchingQuestions, ' (', ')')}` : ''}. Next question: ${formatWhen(reply.nextPostAt, s.timezone, now)}.`;
    }
    case 'unscheduled':
      return reply.hadSchedule ? 'Unscheduled: no more daily questions here.' : 'This channel had no schedule.';
    case 'posted':
      return `Posted; the answer is revealed in ${formatRemaining(reply.revealAt - now)}.`;
    case 'revealed':
      return `Revealed (${reply.answers} answered).`;
    case 'refusal':
      return reply.message;
  }
}
