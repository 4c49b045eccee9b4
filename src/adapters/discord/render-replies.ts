/**
 * The core's replies to `/quiz` as Discord messages: embeds for anything with structure, one line
 * of text for acknowledgements. Private replies are ephemeral. Leaderboards name people with user
 * mentions (the only mentions the bot allows); every other name is escaped text.
 */
import { TimestampStyles, time } from 'discord.js';
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { helpEntries } from '../../core/commands/usage.ts';
import { wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { BoardEntry } from '../../core/types.ts';
import type { Reply } from '../../core/views.ts';
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
  REVEAL_BUTTON,
  revealedCount,
  UNSCHEDULED,
  unknownCommand,
  YOUR_FEEDBACK,
  optionLetter,
  PICK_QUEUED,
  pickConfirmation,
  practicePickVerdict,
  suggestionReplyText,
} from '../../core/wording.ts';
import { practicePickId, practiceRevealId } from './commands.ts';
import { placeProblem } from '../channel-problems.ts';
import { escapeUserText, inlineCodeText, neutralizeMentions, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';
import { renderDigestReply } from './render-digest.ts';
import { optionButtons, optionText } from './render-choice.ts';
import { questionEmbed, questionWithOptions } from './render-rounds.ts';

const INFO_COLOR = 0x5865f2;

const at = (ms: number, style: (typeof TimestampStyles)[keyof typeof TimestampStyles]) =>
  time(Math.floor(ms / 1000), style);

/** Discord's `/quiz` cannot run without a subcommand, and its options go by name. */
const HELP = helpEntries({ slashOptions: true });
const helpLine = (e: { usage: string; summary: string }) => `\`${e.usage}\`: ${e.summary}`;

export function renderReply(reply: Reply): RenderedMessage {
  const ephemeral = reply.visibility === 'private';
  const text = (content: string) => message({ content, ephemeral });
  const embed = (e: APIEmbed, extra: Partial<RenderedMessage> = {}) => message({ embeds: [e], ephemeral, ...extra });
  switch (reply.kind) {
    case 'digest':
      return renderDigestReply(reply);
    case 'help':
      return embed(
        {
          title: HELP_TITLE,
          description: [
            ...HELP.everyone.map(helpLine),
            ...(reply.isAdmin ? ['', `**${ADMINS_HEADING} (Manage Server)**`, ...HELP.admin.map(helpLine)] : []),
            '',
            ANSWER_IN_THREAD,
          ].join('\n'),
          color: INFO_COLOR,
        },
        reply.unknown ? { content: unknownCommand(`\`${truncate(inlineCodeText(reply.unknown), 100)}\``) } : {},
      );
    case 'practice':
      if (reply.question.format !== 'free')
        return embed(
          questionWithOptions(reply.question, [], {
            author: { name: PRACTICE_PRIVATE },
            footer: { text: 'Tap a letter: you see at once whether it is right, and why.' },
          }),
          {
            components: optionButtons(reply.question.options?.length ?? 0, (i) => practicePickId(reply.question.id, i)),
          },
        );
      return embed(
        {
          ...questionEmbed(reply.question),
          author: { name: PRACTICE_PRIVATE },
          footer: { text: 'Answer with /quiz answer, or press Reveal answer.' },
        },
        {
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.Button,
                  style: ButtonStyle.Secondary,
                  custom_id: practiceRevealId(reply.question.id),
                  label: REVEAL_BUTTON,
                },
              ],
            },
          ],
        },
      );
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered ? coveredKeyPoints(reply.covered.length, total) : 'Here is the answer.';
      const points = [
        ...reply.covered.map((c) => `✅ ${c}`),
        ...reply.missed.map((m) => `❌ ${m}`),
        ...(reply.wrong ?? []).map(wrongClaimNote),
      ];
      return embed({
        title: truncate(reply.question.title, 256),
        description: truncate([head, ...points, '', '**Model answer**', reply.modelAnswer].join('\n'), 4000),
        color: INFO_COLOR,
      });
    }
    case 'round-feedback':
      return embed({
        title: truncate(`${YOUR_FEEDBACK}: ${reply.question.title}`, 256),
        description: truncate(roundFeedbackLines(reply).join('\n'), 4000),
        color: INFO_COLOR,
      });
    case 'today': {
      const next = reply.nextPostAt
        ? `Next question ${at(reply.nextPostAt, TimestampStyles.LongDateTime)}.`
        : 'This channel has no schedule.';
      if (!reply.open) return text(`${NO_OPEN_QUESTION} ${next}`);
      const q = questionEmbed(reply.open.question);
      return embed({
        ...q,
        author: { name: "Today's question" },
        fields: [
          ...(q.fields ?? []),
          { name: 'Answers so far', value: String(reply.open.answers), inline: true },
          {
            name: 'Revealed',
            value: `${at(reply.open.revealAt, TimestampStyles.ShortTime)} (${at(reply.open.revealAt, TimestampStyles.RelativeTime)})`,
            inline: true,
          },
        ],
      });
    }
    case 'streak': {
      const s = reply.stats;
      return embed({
        title: reply.self ? 'Your streak' : `Streak of ${escapeUserText(truncate(reply.user.name, 80))}`,
        color: INFO_COLOR,
        fields: [
          { name: 'Current streak', value: String(s.currentStreak), inline: true },
          { name: 'Best streak', value: String(s.bestStreak), inline: true },
          { name: 'Answers', value: String(s.total), inline: true },
          { name: 'This month', value: String(s.month), inline: true },
          { name: 'Points', value: String(s.points), inline: true },
          { name: 'Points this month', value: String(s.monthPoints), inline: true },
          ...(s.picks > 0
            ? [{ name: 'Button questions right', value: `${s.rightPicks} of ${s.picks}`, inline: true }]
            : []),
        ],
        ...(reply.protection ? { description: protectionLine(reply.protection) } : {}),
      });
    }
    case 'away':
      return text(awayConfirmation(reply.lastDay, reply.timezone));
    case 'back':
      return text(reply.wasAway ? BACK : WAS_NOT_AWAY);
    case 'leaderboard':
      return renderLeaderboard(reply, ephemeral);
    case 'topics':
      return embed({
        title: 'Topics in the question bank',
        description: reply.topics.map((t) => `• ${t.topic} (${t.count})`).join('\n') || 'The bank is empty.',
        color: INFO_COLOR,
        fields: [
          {
            name: 'Difficulties',
            value: difficultyCounts(reply.difficulties, ' · '),
          },
        ],
      });
    case 'forgotten':
      return text(FORGOTTEN);
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      return text(
        `Scheduled: a question here at ${formatTimeOfDay(s)} ${s.timezone}, ${formatDays(s.days)}; answers stay open for ${formatWindow(s.windowMinutes)}${filters.length > 0 ? ` (only ${filters.join(', ')}${formatMatching(reply.matchingQuestions, '; ', '')})` : ''}. Next question ${at(reply.nextPostAt, TimestampStyles.LongDateTime)}.`,
      );
    }
    case 'unscheduled':
      return text(reply.hadSchedule ? `${UNSCHEDULED} An open question is still revealed.` : HAD_NO_SCHEDULE);
    case 'posted':
      return text(`Posted. The answer is revealed ${at(reply.revealAt, TimestampStyles.RelativeTime)}.`);
    case 'revealed':
      return text(revealedCount(reply.answers));
    case 'suggest-form':
    case 'suggestion-received':
    case 'suggestion-problems':
    case 'suggestions':
    case 'suggestion-decided':
    case 'retired':
    case 'export':
      return text(neutralizeMentions(suggestionReplyText(reply)));
    case 'picked':
      return text(
        [
          pickConfirmation(reply.option, reply.changed),
          // 0: the store was down, so the reveal time is not known.
          ...(reply.revealAt > 0
            ? [`The answer is revealed ${at(reply.revealAt, TimestampStyles.RelativeTime)}.`]
            : []),
          ...(reply.queued ? [PICK_QUEUED] : []),
        ].join(' '),
      );
    case 'practice-pick-result': {
      const right = reply.option === reply.correct;
      const answer = reply.question.options?.[reply.correct];
      return embed({
        title: truncate(reply.question.title, 256),
        description: truncate(
          [
            `${right ? '✅' : '❌'} **${practicePickVerdict(reply.option, reply.correct)}**`,
            ...(reply.why ? [reply.why] : []),
            ...(answer !== undefined && !right
              ? ['', `**${optionLetter(reply.correct)}**`, optionText(reply.question, answer)]
              : []),
            '',
            '**Model answer**',
            reply.modelAnswer,
          ].join('\n'),
          4000,
        ),
        color: right ? 0x2ecc71 : 0xe74c3c,
      });
    }
    case 'refusal':
      // The core's wording may quote what the user typed.
      return text(neutralizeMentions(reply.message));
  }
}

/**
 * A command's reply plus the channel's standing problem for an admin (see ChannelProblems): the
 * reason replaces a store-outage refusal, or is added below the reply (a reveal whose message could
 * not be posted is still a reveal).
 */
export function renderCommandReply(reply: Reply, problem: string | undefined): RenderedMessage {
  const placement = placeProblem(reply, problem);
  if (placement === 'none' || !problem) return renderReply(reply);
  if (placement === 'replace' && reply.kind === 'refusal') return renderReply({ ...reply, message: problem });
  const rendered = renderReply(reply);
  return { ...rendered, content: [rendered.content, `⚠️ ${problem}`].filter(Boolean).join('\n') };
}

/** The caller's own coverage on a revealed round, one key point a line, misconceptions after. */
function roundFeedbackLines(reply: Extract<Reply, { kind: 'round-feedback' }>): string[] {
  const mine = reply.feedback;
  if (!mine) return [DID_NOT_ANSWER];
  if (!reply.feedbackAvailable) return [FEEDBACK_OFF];
  return [
    coveredKeyPoints(mine.covered.length, mine.covered.length + mine.missed.length),
    ...mine.covered.map((c) => `✅ ${c}`),
    ...mine.missed.map((m) => `❌ ${m}`),
    ...(mine.wrong ?? []).map(wrongClaimNote),
  ];
}

function boardLine(entry: BoardEntry, you = false): string {
  return `**${entry.rank}.** <@${entry.userId}>: ${entry.score}${you ? ' (you)' : ''}`;
}

function renderLeaderboard(reply: Extract<Reply, { kind: 'leaderboard' }>, ephemeral: boolean): RenderedMessage {
  const title = leaderboardTitle(reply.board, reply.month);
  const lines = reply.entries.map((e) => boardLine(e));
  if (reply.caller) lines.push('…', boardLine(reply.caller, true));
  const users = [...reply.entries, ...(reply.caller ? [reply.caller] : [])].map((e) => e.userId);
  return message({
    embeds: [{ title, description: lines.join('\n') || NOBODY_ON_BOARD, color: INFO_COLOR }],
    mentionUsers: users,
    ephemeral,
  });
}
