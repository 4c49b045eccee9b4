/**
 * The sentences people read, written once: every renderer (Discord, Slack, shell) and the core's
 * refusals take them from here. Renderers add only markup, and escape user text before passing it
 * in. Nothing here contains `<`, `>` or `&`, so Slack can use the text as it is; the backticks in
 * refusals read as code on Discord and Slack and as quotes in the shell.
 */
import type { Board, Difficulty, FormatMix } from './types.ts';
import type { Reply } from './views.ts';

/** Plain text for the suggestion replies, until a platform renders them in its own idiom. */
export function suggestionReplyText(
  reply: Extract<
    Reply,
    {
      kind:
        | 'suggest-form'
        | 'suggestion-received'
        | 'suggestion-problems'
        | 'suggestions'
        | 'suggestion-decided'
        | 'retired'
        | 'export';
    }
  >,
): string {
  switch (reply.kind) {
    case 'suggest-form':
      return 'Suggesting questions is not available here yet.';
    case 'suggestion-received':
      return `Thanks: "${reply.title}" is waiting for an admin's review.`;
    case 'suggestion-problems':
      return ['The suggestion needs changes:', ...reply.problems.map((p) => `- ${p.field}: ${p.message}`)].join('\n');
    case 'suggestions':
      return reply.items.length === 0
        ? 'No suggestions are waiting for review.'
        : reply.items.map((s) => `${s.id}: ${s.title} (by ${s.author.name})`).join('\n');
    case 'suggestion-decided':
      return `"${reply.title}" is ${reply.decision}.`;
    case 'retired':
      return `"${reply.title}" is retired: it will not be asked again.`;
    case 'export':
      return reply.files.map((f) => f.name).join('\n');
  }
}

/** The private confirmation of a pick on a round's button question. */
export function pickConfirmation(option: number, changed: boolean): string {
  const letter = optionLetter(option);
  return changed
    ? `Your answer is now ${letter}; you can change it until the reveal.`
    : `Your answer ${letter} is in; you can change it until the reveal.`;
}

/** `0` → `A`: how an option is named to people. */
export function optionLetter(option: number): string {
  return String.fromCharCode(65 + option);
}

/** The caller's own pick in a revealed button round, for `/quiz feedback` and My feedback. */
export function roundPickVerdict(option: number, correct: number): string {
  return option === correct
    ? `You picked ${optionLetter(option)}, which is right.`
    : `You picked ${optionLetter(option)}; the answer is ${optionLetter(correct)}.`;
}

/** `5 picked; right: ann, bob.` `names` already escaped; empty when nobody was right. */
export function pickedSummary(total: number, names: string[]): string {
  if (total === 0) return 'Nobody picked an answer.';
  return `${total} picked; ${names.length > 0 ? `right: ${names.join(', ')}` : 'nobody picked the right one'}.`;
}

export const WHY_NOT_HEADING = 'Why not the others';

/** `You earned 7 points.` */
export function pointsEarned(points: number): string {
  return `You earned ${points} ${points === 1 ? 'point' : 'points'}.`;
}

/** After the confirmation of a pick held during a store outage. */
export const PICK_QUEUED = 'The quiz database is unreachable right now: your pick is held and counted when it is back.';

/** A pick that arrived after the reveal (or on a round that closed without one). */
export const TOO_LATE_TO_PICK = 'Too late: this question has been revealed, and its answer is in its thread.';
/** A pick whose author asked to be forgotten after making it (replayed after an outage). */
export const PICK_FORGOTTEN = 'That pick was made before you asked to be forgotten, so it was not kept.';
/** To someone whose click could not be recorded nor held for later (the outage queue is full). */
export const PICK_NOT_RECORDED =
  'I could not record your pick just now (my database is unavailable). Please click it again in a few minutes.';
export const NO_OPTIONS =
  'This question has no options to pick: it is answered in words (in its thread, or with `/quiz answer`).';
export const NO_BUTTON_QUESTION =
  'There is no question with options to pick here right now: no button question is open in this channel, and you have no practice one. Type `/quiz` for a practice question.';
export const ANSWER_WITH_A_LETTER =
  'Your practice question is answered with the letter of an option, e.g. `/quiz answer b`.';

/** `count` options: `Pick one of A to D.` */
export function noSuchOption(count: number): string {
  return `That question has no such option. Pick one of A to ${optionLetter(count - 1)}.`;
}

/** `free|choice|output` asked of `post-now` and none fits (or all were asked in this cycle). */
export function noQuestionOfFormat(format: 'free' | 'choice' | 'output'): string {
  const kind = { free: 'free-text', choice: 'multiple-choice', output: 'predict-the-output' }[format];
  return `No ${kind} question is left to post here (none fits this channel's topics and difficulty, or all of them were asked since the rotation last started over). Try \`/quiz post-now\` without a kind.`;
}

/** The verdict on a practice pick, in one line. */
export function practicePickVerdict(option: number, correct: number): string {
  return option === correct
    ? `${optionLetter(option)} is right.`
    : `${optionLetter(option)} is not right: the answer is ${optionLetter(correct)}.`;
}

/** To the author of a thread reply the bot could not record nor keep for later (its outage queue is full). */
export const ANSWER_NOT_RECORDED =
  'I could not record this answer just now (my database is unavailable). Please post it again in a few minutes.';

/** Once to a user over the per-user command limit; their further commands that minute get no reply. */
export const TOO_MANY_COMMANDS = "You're sending commands faster than the quiz can answer: try again in a minute.";

const BOARD_NAMES: Record<Board, string> = {
  streak: 'current streak',
  best: 'best streak',
  total: 'total answers',
  month: 'answers this month',
  points: 'points',
  'points-month': 'points this month',
};

/** `Leaderboard: answers this month (2026-11)`. */
export function leaderboardTitle(board: Board, month: string): string {
  const monthly = board === 'month' || board === 'points-month';
  return `Leaderboard: ${BOARD_NAMES[board]}${monthly ? ` (${month})` : ''}`;
}

export const NOBODY_ON_BOARD = 'Nobody is on it yet.';
export const FORGOTTEN = 'Done: your streaks, answers and practice history are deleted.';
export const UNSCHEDULED = 'Unscheduled: no more daily questions here.';
export const HAD_NO_SCHEDULE = 'This channel had no schedule.';
export const NO_OPEN_QUESTION = 'No question is open right now.';
export const NOBODY_ANSWERED = 'Nobody answered this one.';
export const FEEDBACK_OFF = 'Key-point feedback is off: the bot could not read the answers.';
export const QUESTION_OF_THE_DAY = 'Question of the day';
export const PRACTICE_PRIVATE = 'Practice (only you see this)';
export const REVEAL_BUTTON = 'Reveal answer';
export const HELP_TITLE = 'quizthread commands';
export const ADMINS_HEADING = 'Admins';
export const ANSWER_IN_THREAD = 'Answer the daily question by replying in its thread.';

export function answerTitle(questionTitle: string): string {
  return `Answer: ${questionTitle}`;
}

export function answeredCount(count: number): string {
  return `${count} answered`;
}

export function revealedCount(answers: number): string {
  return `Revealed (${answeredCount(answers)}).`;
}

/** `strong` wraps the figures in the platform's bold, where it has one. */
export function coveredKeyPoints(covered: number, total: number, strong = (s: string) => s): string {
  return `You covered ${strong(`${covered} of ${total}`)} key points.`;
}

/** `quoted` is the unknown words, already quoted and escaped in the platform's markup. */
export function unknownCommand(quoted: string): string {
  return `I don't know ${quoted}. Here is what I can do:`;
}

/** `remaining` reads after "in": `4 h 0 min`. */
export function postedRevealIn(remaining: string): string {
  return `Posted; the answer is revealed in ${remaining}.`;
}

/**
 * `Scheduled: 09:30 America/New_York, weekdays, answers open for 4h, only gil, hard (3 questions).`
 * Parts come formatted (and escaped) by the renderer; `only` is absent for an unfiltered schedule.
 */
export function scheduledLine(when: string, days: string, window: string, only?: string, mix?: FormatMix): string {
  const kinds = mix ? `, ${FORMAT_MIX_NAMES[mix]}` : '';
  return `Scheduled: ${when}, ${days}, answers open for ${window}${only ? `, only ${only}` : ''}${kinds}.`;
}

const FORMAT_MIX_NAMES: Record<FormatMix, string> = {
  free: 'free-text questions only',
  choice: 'button questions only',
  mixed: 'free-text and button questions in turn',
};

export function difficultyCounts(counts: Record<Difficulty, number>, separator = ', '): string {
  return [`easy ${counts.easy}`, `medium ${counts.medium}`, `hard ${counts.hard}`].join(separator);
}

/**
 * `You: current streak 3, best 5, 9 answers in all, 2 this month.` `who` is `You` or the escaped
 * name; `strong` wraps the streak figures in bold where the platform has it.
 */
export function streakLine(
  who: string,
  s: { currentStreak: number; bestStreak: number; total: number; month: number },
  strong = (x: string) => x,
): string {
  const answers = s.total === 1 ? 'answer' : 'answers';
  return `${who}: current streak ${strong(String(s.currentStreak))}, best ${strong(String(s.bestStreak))}, ${s.total} ${answers} in all, ${s.month} this month.`;
}

// Streak protection: `/quiz away`, `/quiz back`, freezes.

/** `lastDay` reads like `Fri 12 Dec`; `timezone` is the channel's. */
export function awayConfirmation(lastDay: string, timezone: string): string {
  return `You're away until ${lastDay} (${timezone}): rounds here until then neither break nor grow your streak. An answer still counts as usual, and \`/quiz back\` ends the absence early.`;
}
export const BACK = 'Welcome back: rounds here count for your streak again.';
export const WAS_NOT_AWAY = 'You were not marked away in this channel, so nothing changed.';

/**
 * What protects a streak, for `/quiz streak`: `Away until Fri 12 Dec. Streak kept with a freeze,
 * 1 left.` Empty when nothing does.
 */
export function protectionLine(p: { awayUntil?: string; freezes: number; freezeUsedLast: boolean }): string {
  const parts: string[] = [];
  if (p.awayUntil) parts.push(`Away until ${p.awayUntil}.`);
  if (p.freezeUsedLast) parts.push(`The last round was missed: streak kept with a freeze, ${p.freezes} left.`);
  else if (p.freezes > 0)
    parts.push(`Freezes held: ${p.freezes} (a missed round uses one instead of ending the streak).`);
  return parts.join(' ');
}

/**
 * Under a reveal: `Streaks kept with a freeze: Ana (1 left), Bo (0 left).` Names come escaped; past
 * `limit` names the rest are counted, so a busy channel's reveal stays one message.
 */
export function freezesUsedLine(uses: { name: string; freezesLeft: number }[], limit = 10): string {
  const named = uses.slice(0, limit).map((u) => `${u.name} (${u.freezesLeft} left)`);
  const more = uses.length > limit ? ` and ${uses.length - limit} more` : '';
  return `Streaks kept with a freeze: ${named.join(', ')}${more}.`;
}

export function absenceUsage(maxDays: number): string {
  return `Usage: \`/quiz away <days>\` (1 to ${maxDays}) or \`/quiz away until YYYY-MM-DD\`, for example \`/quiz away 14\`.`;
}
export function absenceTooLong(maxDays: number): string {
  return `An absence lasts 1 to ${maxDays} days at a time. Set a shorter one, and run \`/quiz away\` again when it ends.`;
}
export function notADate(word: string): string {
  return `\`${word}\` is not a date I can read: write it as YYYY-MM-DD, for example \`/quiz away until 2026-12-24\`.`;
}
export function dateInPast(word: string, timezone: string): string {
  return `${word} has already passed in this channel's timezone (${timezone}): pick today or a later day.`;
}

/**
 * `Points: 70 in all, 20 this month; button questions: 4 of 5 right (80%).` Shown under the streak
 * line; the accuracy part only once the user has picked on a button question.
 */
export function pointsLine(
  s: { points: number; monthPoints: number; picks: number; rightPicks: number },
  strong = (x: string) => x,
): string {
  const accuracy =
    s.picks > 0
      ? `; button questions: ${s.rightPicks} of ${s.picks} right (${Math.round((100 * s.rightPicks) / s.picks)}%)`
      : '';
  return `Points: ${strong(String(s.points))} in all, ${s.monthPoints} this month${accuracy}.`;
}

// Refusals: the core's answers when a command cannot do what was asked.

export function notAdmin(command: string): string {
  return `Only admins can use \`/quiz ${command}\`. Ask an admin of this channel to run it.`;
}

/** `usage` and `example` are whole commands, e.g. `/quiz schedule 09:30 Europe/Berlin weekdays 4h`. */
export function usageRefusal(usage: string, example: string): string {
  return `Usage: \`${usage}\`, for example \`${example}\`.`;
}

export function noMatchingQuestions(wanted: string): string {
  return `No question matches ${wanted}, so nothing was scheduled. \`/quiz topics\` lists the topics and how many questions each has.`;
}

export const BANK_EMPTY = 'The question bank is empty.';
export const ROUND_ALREADY_OPEN =
  'A question is already open in this channel. Use `/quiz reveal-now` to close it first.';
export const NO_ROUND_OPEN = 'No question is open in this channel.';
export const ROUND_NEVER_POSTED =
  'The open question never reached this channel, so I cancelled it; streaks are unchanged.';
export const ROUND_JUST_REVEALED = 'That question was revealed a moment ago.';

export const MY_FEEDBACK_BUTTON = 'My feedback';
/** Under a reveal: how everyone who answered gets their own feedback. `command` is the platform's markup of it. */
export function feedbackInvite(command = '`/quiz feedback`'): string {
  return `Everyone who answered: press ${MY_FEEDBACK_BUTTON} (or type ${command}) to see your own key points and misconceptions, privately.`;
}
/** Over a busy reveal's named list. */
export function topAnswers(listed: number, answered: number): string {
  return listed < answered ? `Top ${listed} of ${answered} by key points covered` : '';
}
export const MOST_MISSED_HEADING = 'Most missed';
/** "2. Take a lock (71 missed it) · 3. Join (40 missed it)". */
export function mostMissedList(points: { number: number; label: string; missedBy: number }[]): string {
  return points.map((p) => `${p.number}. ${p.label} (${p.missedBy} missed it)`).join(' · ');
}
export const YOUR_FEEDBACK = 'Your feedback';
export const DID_NOT_ANSWER =
  'You did not answer this round, so there is no feedback for you. The answer is in its thread.';
export const NO_ROUND_REVEALED =
  'No round has been revealed in this channel yet (or its answers are no longer kept), so there is no feedback to show.';

// ---- Button questions (choice and output): the words around the buttons, on every platform ----

/** Under a button question, where a thread reply would otherwise be asked for. */
export const PICK_HOW =
  'Tap a letter to answer. You can change your answer until the reveal; nobody sees the count before it.';
/** The buttons' row once the round is revealed (Slack has no disabled buttons, so this line replaces them). */
export function pickClosed(total: number): string {
  return `Closed: ${total === 1 ? '1 person' : `${total} people`} answered. The answer is in the thread.`;
}
/** The reveal's headline over the tally: "The answer: B". */
export function rightOption(option: number): string {
  return `The answer: ${optionLetter(option)}`;
}
/** "3 of 5 got it right." */
export function rightCount(right: number, total: number): string {
  if (total === 0) return 'Nobody answered this one.';
  if (right === 0) return `Nobody got it right (${total} answered).`;
  return `${right} of ${total} got it right.`;
}
/** After the names a reveal has room for. */
export function andMore(count: number): string {
  return `and ${count} more`;
}
export const GOT_IT_RIGHT_HEADING = 'Got it right';
