/**
 * Replies to `/quiz` commands as Block Kit. The adapter decides whether a reply is ephemeral from
 * its `visibility`; this module only decides how it looks.
 */
import type { KnownBlock } from '@slack/types';
import { type HelpEntry, helpEntries } from '../../core/commands/usage.ts';
import { wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { QuestionView, Reply } from '../../core/views.ts';
import {
  ADMINS_HEADING,
  ANSWER_IN_THREAD,
  awayConfirmation,
  BACK,
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
  NO_OPEN_QUESTION,
  NOBODY_ON_BOARD,
  PRACTICE_PRIVATE,
  postedRevealIn,
  REVEAL_BUTTON,
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
  practicePickVerdict,
  suggestionReplyText,
} from '../../core/wording.ts';
import { optionBlocks, optionMrkdwn, practicePickButtons } from './render-choice.ts';
import { type SlackMessage, button, header, rawContext, rawSection, rawSections, section } from './blocks.ts';
import { escapeMrkdwn, formatRemaining, slackDate } from './mrkdwn.ts';
import { renderDigestReply } from './render-digest.ts';

/** The `action_id` of the "Reveal answer" button under a practice question. */
export const PRACTICE_REVEAL_ACTION = 'quiz_practice_reveal';

/** Typed words, with users named by mention. */
const HELP = helpEntries({ slashOptions: false, user: '@user' });
const helpLine = (e: HelpEntry) => `\`${escapeMrkdwn(e.usage)}\` ${escapeMrkdwn(e.summary)}`;

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
    case 'digest':
      return renderDigestReply(reply);
    case 'help': {
      const head = reply.unknown ? unknownCommand(`\`${escapeMrkdwn(reply.unknown)}\``) : `*${HELP_TITLE}*`;
      return message(
        [
          rawSection([head, ...HELP.everyone.map(helpLine)].join('\n')),
          ...(reply.isAdmin ? [rawSection([`*${ADMINS_HEADING}*`, ...HELP.admin.map(helpLine)].join('\n'))] : []),
          rawContext(ANSWER_IN_THREAD),
        ],
        HELP_TITLE,
      );
    }
    case 'practice':
      if (reply.question.format !== 'free')
        return message(
          [
            header(PRACTICE_PRIVATE),
            ...questionSummary(reply.question),
            ...optionBlocks(reply.question),
            practicePickButtons(reply.question.id, reply.question.options?.length ?? 0),
            rawContext('Tap a letter: you see at once whether it is right, and why.'),
          ],
          `Practice: ${escapeMrkdwn(reply.question.title)}`,
        );
      return message(
        [
          header(PRACTICE_PRIVATE),
          ...questionSummary(reply.question),
          rawContext('Answer with `/quiz answer &lt;your answer&gt;`, or reveal the model answer:'),
          button(PRACTICE_REVEAL_ACTION, REVEAL_BUTTON, reply.question.id),
        ],
        `Practice: ${escapeMrkdwn(reply.question.title)}`,
      );
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered ? coveredKeyPoints(reply.covered.length, total, (s) => `*${s}*`) : '*The answer*';
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
    case 'round-feedback': {
      const title = `*${YOUR_FEEDBACK}: ${escapeMrkdwn(reply.question.title)}*`;
      const mine = reply.feedback;
      if (!mine) return message([rawSection(`${title}\n${DID_NOT_ANSWER}`)], YOUR_FEEDBACK);
      if (!reply.feedbackAvailable) return message([rawSection(`${title}\n${FEEDBACK_OFF}`)], YOUR_FEEDBACK);
      const total = mine.covered.length + mine.missed.length;
      return message(
        rawSections([
          title,
          coveredKeyPoints(mine.covered.length, total, (s) => `*${s}*`),
          ...mine.covered.map((c) => `:white_check_mark: ${escapeMrkdwn(c)}`),
          ...mine.missed.map((m) => `:x: ${escapeMrkdwn(m)}`),
          ...(mine.wrong ?? []).map((w) => escapeMrkdwn(wrongClaimNote(w))),
        ]),
        `${YOUR_FEEDBACK}: ${escapeMrkdwn(reply.question.title)}`,
      );
    }
    case 'today': {
      const next = reply.nextPostAt ? ` Next question: ${slackDate(reply.nextPostAt, reply.timezone)}.` : '';
      if (!reply.open) return message([rawSection(`${NO_OPEN_QUESTION}${next}`)], NO_OPEN_QUESTION);
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
      const protection = reply.protection ? `\n${protectionLine(reply.protection)}` : '';
      const line = `${streakLine(who, s, (x) => `*${x}*`)}\n${pointsLine(s, (x) => `*${x}*`)}${protection}`;
      return message([rawSection(line)], line.replace(/\*/g, ''));
    }
    case 'away': {
      const line = awayConfirmation(reply.lastDay, reply.timezone);
      return message([rawSection(line)], line);
    }
    case 'back': {
      const line = reply.wasAway ? BACK : WAS_NOT_AWAY;
      return message([rawSection(line)], line);
    }
    case 'leaderboard': {
      const title = `*${leaderboardTitle(reply.board, reply.month)}*`;
      if (reply.entries.length === 0) return message([rawSection(`${title}\n${NOBODY_ON_BOARD}`)], 'Leaderboard');
      const lines = [title, ...reply.entries.map((e) => `${e.rank}. ${escapeMrkdwn(e.name)} — ${e.score}`)];
      if (reply.caller)
        lines.push('…', `${reply.caller.rank}. ${escapeMrkdwn(reply.caller.name)} — ${reply.caller.score} (you)`);
      return message(rawSections(lines), 'Leaderboard');
    }
    case 'topics': {
      const topics = reply.topics.map((t) => `• ${escapeMrkdwn(t.topic)} (${t.count})`);
      const d = reply.difficulties;
      return message(
        [...rawSections(['*Topics*', ...topics]), rawContext(`Difficulties: ${difficultyCounts(d)}`)],
        'Topics',
      );
    }
    case 'forgotten':
      return message([rawSection(FORGOTTEN)], 'Done: your data is deleted.');
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      const only =
        filters.length > 0
          ? `${escapeMrkdwn(filters.join(', '))}${formatMatching(reply.matchingQuestions, ' (', ')')}`
          : undefined;
      return message(
        [
          rawSection(
            `:calendar: ${scheduledLine(`${formatTimeOfDay(s)} ${escapeMrkdwn(s.timezone)}`, formatDays(s.days), formatWindow(s.windowMinutes), only)}`,
          ),
          rawContext(`Next question: ${slackDate(reply.nextPostAt, s.timezone)}`),
        ],
        `Scheduled: ${formatTimeOfDay(s)} ${escapeMrkdwn(s.timezone)}`,
      );
    }
    case 'unscheduled': {
      const line = reply.hadSchedule ? UNSCHEDULED : HAD_NO_SCHEDULE;
      return message([rawSection(line)], line);
    }
    case 'posted':
      return message([rawSection(postedRevealIn(formatRemaining(reply.revealAt - now)))], 'Posted.');
    case 'revealed':
      return message([rawSection(revealedCount(reply.answers))], 'Revealed.');
    case 'suggest-form':
    case 'suggestion-received':
    case 'suggestion-problems':
    case 'suggestions':
    case 'suggestion-decided':
    case 'retired':
    case 'export': {
      const line = suggestionReplyText(reply);
      return message([section(line)], escapeMrkdwn(line));
    }
    case 'picked': {
      const line = pickConfirmation(reply.option, reply.changed);
      const notes = [
        // The reveal time is unknown (0) when the store was down, and not worth saying once it has passed.
        ...(reply.revealAt > now ? [`The answer is revealed in ${formatRemaining(reply.revealAt - now)}.`] : []),
        ...(reply.queued ? [PICK_QUEUED] : []),
      ];
      return message(
        [rawSection(`:ballot_box_with_check: ${line}`), ...(notes.length > 0 ? [rawContext(notes.join(' '))] : [])],
        line,
      );
    }
    case 'practice-pick-result': {
      const right = reply.option === reply.correct;
      const verdict = practicePickVerdict(reply.option, reply.correct);
      const answer = reply.question.options?.[reply.correct];
      return message(
        [
          rawSection(`*${escapeMrkdwn(reply.question.title)}*\n${right ? ':white_check_mark:' : ':x:'} *${verdict}*`),
          ...(reply.why ? [section(reply.why)] : []),
          ...(answer !== undefined && !right
            ? [rawSection(`*${optionLetter(reply.correct)}*\n${optionMrkdwn(reply.question, answer)}`)]
            : []),
          section(reply.modelAnswer),
        ],
        verdict,
      );
    }
    case 'refusal':
      return message([section(reply.message)], escapeMrkdwn(reply.message));
  }
}
