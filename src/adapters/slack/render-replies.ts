/**
 * Replies to `/quiz` commands as Block Kit. The adapter decides whether a reply is ephemeral from
 * its `visibility`; this module only decides how it looks.
 */
import type { KnownBlock } from '@slack/types';
import { wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { QuestionView, Reply } from '../../core/views.ts';
import { type SlackMessage, button, header, rawContext, rawSection, rawSections, section } from './blocks.ts';
import { escapeMrkdwn, formatRemaining, slackDate } from './mrkdwn.ts';

/** The `action_id` of the "Reveal answer" button under a practice question. */
export const PRACTICE_REVEAL_ACTION = 'quiz_practice_reveal';

const BOARD_TITLES = {
  streak: 'current streak',
  best: 'best streak',
  total: 'total answers',
  month: 'answers this month',
} as const;

const HELP_LINES = [
  '`/quiz [topic] [difficulty]` a practice question just for you',
  '`/quiz answer &lt;text&gt;` answer your practice question',
  '`/quiz today` the open question and the time left',
  '`/quiz streak [@user]` streaks and totals',
  '`/quiz leaderboard [streak|best|total|month]` the boards',
  '`/quiz topics` topics and difficulties in the bank',
  '`/quiz forget-me` delete everything stored about you',
];

const ADMIN_HELP_LINES = [
  '*Admins*',
  '`/quiz schedule &lt;HH:MM&gt; &lt;timezone&gt; [weekdays|daily|mon,tue,...] [window e.g. 4h] [topic...] [difficulty]`',
  '`/quiz unschedule` · `/quiz post-now` · `/quiz reveal-now`',
];

function message(blocks: KnownBlock[], fallback: string): SlackMessage {
  return { text: fallback, blocks };
}

function questionSummary(q: QuestionView): KnownBlock[] {
  return [
    rawSection(`*${escapeMrkdwn(q.title)}*`),
    rawContext(`*${escapeMrkdwn(q.difficulty)}* · ${escapeMrkdwn(q.topics.join(', '))}`),
    section(q.prompt),
  ];
}

export function renderReply(reply: Reply, now: number): SlackMessage {
  switch (reply.kind) {
    case 'help': {
      const head = reply.unknown
        ? `I don't know \`${escapeMrkdwn(reply.unknown)}\`. Here is what I do:`
        : '*quizthread commands*';
      return message(
        [
          rawSection([head, ...HELP_LINES].join('\n')),
          ...(reply.isAdmin ? [rawSection(ADMIN_HELP_LINES.join('\n'))] : []),
        ],
        'quizthread commands',
      );
    }
    case 'practice':
      return message(
        [
          header('Practice question (only you see this)'),
          ...questionSummary(reply.question),
          rawContext('Answer with `/quiz answer &lt;your answer&gt;`, or reveal the model answer:'),
          button(PRACTICE_REVEAL_ACTION, 'Reveal answer', reply.question.id),
        ],
        `Practice: ${escapeMrkdwn(reply.question.title)}`,
      );
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered ? `You covered *${reply.covered.length} of ${total}* key points.` : '*The answer*';
      const points = [
        ...reply.covered.map((c) => `:white_check_mark: ${escapeMrkdwn(c)}`),
        ...reply.missed.map((m) => `:x: ${escapeMrkdwn(m)}`),
        ...(reply.wrong ?? []).map((w) => escapeMrkdwn(wrongClaimNote(w))),
      ];
      return message(
        [
          rawSection(`*${escapeMrkdwn(reply.question.title)}*\n${head}`),
          ...(reply.answered ? rawSections(points) : []),
          section(reply.modelAnswer),
        ],
        `Practice answer: ${escapeMrkdwn(reply.question.title)}`,
      );
    }
    case 'today': {
      const next = reply.nextPostAt ? ` Next question: ${slackDate(reply.nextPostAt, reply.timezone)}.` : '';
      if (!reply.open)
        return message([rawSection(`No question is open right now.${next}`)], 'No question is open right now.');
      const { open } = reply;
      return message(
        [
          ...questionSummary(open.question),
          rawContext(
            `${open.answers} answered so far · revealed ${slackDate(open.revealAt, reply.timezone)} (in ${formatRemaining(open.revealAt - now)})`,
          ),
        ],
        `Today: ${escapeMrkdwn(open.question.title)}`,
      );
    }
    case 'streak': {
      const s = reply.stats;
      const who = reply.self ? 'You' : `*${escapeMrkdwn(reply.user.name)}*`;
      const line = `${who}: current streak *${s.currentStreak}*, best *${s.bestStreak}*, ${s.total} ${s.total === 1 ? 'answer' : 'answers'} in all, ${s.month} this month.`;
      return message([rawSection(line)], line.replace(/\*/g, ''));
    }
    case 'leaderboard': {
      const title = `*Leaderboard: ${BOARD_TITLES[reply.board]}${reply.board === 'month' ? ` (${reply.month})` : ''}*`;
      if (reply.entries.length === 0) return message([rawSection(`${title}\nNobody is on it yet.`)], 'Leaderboard');
      const lines = [title, ...reply.entries.map((e) => `${e.rank}. ${escapeMrkdwn(e.name)} — ${e.score}`)];
      if (reply.caller)
        lines.push('…', `${reply.caller.rank}. ${escapeMrkdwn(reply.caller.name)} — ${reply.caller.score} (you)`);
      return message(rawSections(lines), 'Leaderboard');
    }
    case 'topics': {
      const topics = reply.topics.map((t) => `• ${escapeMrkdwn(t.topic)} (${t.count})`);
      const d = reply.difficulties;
      return message(
        [
          ...rawSections(['*Topics*', ...topics]),
          rawContext(`Difficulties: easy ${d.easy}, medium ${d.medium}, hard ${d.hard}`),
        ],
        'Topics',
      );
    }
    case 'forgotten':
      return message(
        [rawSection('Done: your streaks, answers and practice history are deleted.')],
        'Done: your data is deleted.',
      );
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      const only =
        filters.length > 0
          ? `, only ${escapeMrkdwn(filters.join(', '))}${formatMatching(reply.matchingQuestions, ' (', ')')}`
          : '';
      return message(
        [
          rawSection(
            `:calendar: Scheduled: ${formatTimeOfDay(s)} ${escapeMrkdwn(s.timezone)}, ${formatDays(s.days)}, answers open for ${formatWindow(s.windowMinutes)}${only}.`,
          ),
          rawContext(`Next question: ${slackDate(reply.nextPostAt, s.timezone)}`),
        ],
        `Scheduled: ${formatTimeOfDay(s)} ${escapeMrkdwn(s.timezone)}`,
      );
    }
    case 'unscheduled': {
      const line = reply.hadSchedule ? 'Unscheduled: no more daily questions here.' : 'This channel had no schedule.';
      return message([rawSection(line)], line);
    }
    case 'posted':
      return message(
        [rawSection(`Posted; the answer is revealed in ${formatRemaining(reply.revealAt - now)}.`)],
        'Posted.',
      );
    case 'revealed':
      return message([rawSection(`Revealed (${reply.answers} answered).`)], 'Revealed.');
    case 'refusal':
      return message([section(reply.message)], escapeMrkdwn(reply.message));
  }
}
