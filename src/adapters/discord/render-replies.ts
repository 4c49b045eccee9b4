/**
 * The core's replies to `/quiz` as Discord messages: embeds for anything with structure, one line
 * of text for acknowledgements. Private replies are ephemeral. Leaderboards name people with user
 * mentions (the only mentions the bot allows); every other name is escaped text.
 */
import { TimestampStyles, time } from 'discord.js';
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { wrongClaimNote } from '../../core/keypoints.ts';
import { formatDays, formatMatching, formatTimeOfDay, formatWindow } from '../../core/schedule.ts';
import type { Board, BoardEntry } from '../../core/types.ts';
import type { RefusalCode, Reply } from '../../core/views.ts';
import { practiceRevealId } from './commands.ts';
import type { DiscordProblem } from './errors.ts';
import { escapeUserText, inlineCodeText, neutralizeMentions, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';
import { questionEmbed } from './render-rounds.ts';

const BOARD_TITLES: Record<Board, string> = {
  streak: 'current streak',
  best: 'best streak',
  total: 'total answers',
  month: 'answers this month',
};

const INFO_COLOR = 0x5865f2;

const at = (ms: number, style: (typeof TimestampStyles)[keyof typeof TimestampStyles]) =>
  time(Math.floor(ms / 1000), style);

const HELP_LINES = [
  '`/quiz practice [topic] [difficulty]`: a practice question only you see',
  '`/quiz answer <text>`: answer your practice question',
  "`/quiz today`: today's question and when it is revealed",
  '`/quiz streak [user]`: streaks and totals',
  '`/quiz leaderboard [board]`: streak, best, total or month',
  '`/quiz topics`: what the question bank covers',
  '`/quiz forget-me`: delete everything stored about you',
];

const ADMIN_HELP_LINES = [
  '`/quiz schedule <time> <timezone> [days] [window]`: a question here every working day',
  '`/quiz unschedule`, `/quiz post-now`, `/quiz reveal-now`',
];

export function renderReply(reply: Reply): RenderedMessage {
  const ephemeral = reply.visibility === 'private';
  const text = (content: string) => message({ content, ephemeral });
  const embed = (e: APIEmbed, extra: Partial<RenderedMessage> = {}) => message({ embeds: [e], ephemeral, ...extra });
  switch (reply.kind) {
    case 'help':
      return embed(
        {
          title: 'quizthread',
          description: [
            ...HELP_LINES,
            ...(reply.isAdmin ? ['', '**Admins (Manage Server)**', ...ADMIN_HELP_LINES] : []),
            '',
            'Answer the daily question by replying in its thread.',
          ].join('\n'),
          color: INFO_COLOR,
        },
        reply.unknown
          ? { content: `I don't know \`${truncate(inlineCodeText(reply.unknown), 100)}\`. Here is what I can do:` }
          : {},
      );
    case 'practice':
      return embed(
        {
          ...questionEmbed(reply.question),
          author: { name: 'Practice (only you see this)' },
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
                  label: 'Reveal answer',
                },
              ],
            },
          ],
        },
      );
    case 'practice-result': {
      const total = reply.covered.length + reply.missed.length;
      const head = reply.answered
        ? `You covered ${reply.covered.length} of ${total} key points.`
        : 'Here is the answer.';
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
    case 'today': {
      const next = reply.nextPostAt
        ? `Next question ${at(reply.nextPostAt, TimestampStyles.LongDateTime)}.`
        : 'This channel has no schedule.';
      if (!reply.open) return text(`No question is open right now. ${next}`);
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
        ],
      });
    }
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
            value: `easy ${reply.difficulties.easy} · medium ${reply.difficulties.medium} · hard ${reply.difficulties.hard}`,
          },
        ],
      });
    case 'forgotten':
      return text('Done: your streaks, answers and practice history are deleted.');
    case 'scheduled': {
      const s = reply.schedule;
      const filters = [...s.topics, ...(s.difficulty ? [s.difficulty] : [])];
      return text(
        `Scheduled: a question here at ${formatTimeOfDay(s)} ${s.timezone}, ${formatDays(s.days)}; answers stay open for ${formatWindow(s.windowMinutes)}${filters.length > 0 ? ` (only ${filters.join(', ')}${formatMatching(reply.matchingQuestions, '; ', '')})` : ''}. Next question ${at(reply.nextPostAt, TimestampStyles.LongDateTime)}.`,
      );
    }
    case 'unscheduled':
      return text(
        reply.hadSchedule
          ? 'Unscheduled: no more daily questions here. An open question is still revealed.'
          : 'This channel had no schedule.',
      );
    case 'posted':
      return text(`Posted. The answer is revealed ${at(reply.revealAt, TimestampStyles.RelativeTime)}.`);
    case 'revealed':
      return text(`Revealed (${reply.answers} answered).`);
    case 'refusal':
      // The core's wording may quote what the user typed.
      return text(neutralizeMentions(reply.message));
  }
}

/** Refusals whose generic sentence stands for "the platform failed"; Discord's own reason is more useful. */
const PLATFORM_FAILURES = new Set<RefusalCode>(['post-failed', 'unavailable']);

/**
 * A command's reply plus what went wrong on Discord while the core handled it: the reason replaces
 * a generic failure sentence, or is added below a reply that succeeded anyway (a reveal whose
 * message could not be posted is still a reveal).
 */
export function renderCommandReply(reply: Reply, problems: readonly DiscordProblem[]): RenderedMessage {
  // The first problem is the cause; later ones (a warning that could not be posted either) follow from it.
  const problem = problems[0];
  if (!problem) return renderReply(reply);
  if (reply.kind === 'refusal' && PLATFORM_FAILURES.has(reply.code))
    return renderReply({ ...reply, message: problem.message });
  const rendered = renderReply(reply);
  return { ...rendered, content: [rendered.content, `⚠️ ${problem.message}`].filter(Boolean).join('\n') };
}

function boardLine(entry: BoardEntry, you = false): string {
  return `**${entry.rank}.** <@${entry.userId}>: ${entry.score}${you ? ' (you)' : ''}`;
}

function renderLeaderboard(reply: Extract<Reply, { kind: 'leaderboard' }>, ephemeral: boolean): RenderedMessage {
  const title = `Leaderboard: ${BOARD_TITLES[reply.board]}${reply.board === 'month' ? ` (${reply.month})` : ''}`;
  const lines = reply.entries.map((e) => boardLine(e));
  if (reply.caller) lines.push('…', boardLine(reply.caller, true));
  const users = [...reply.entries, ...(reply.caller ? [reply.caller] : [])].map((e) => e.userId);
  return message({
    embeds: [{ title, description: lines.join('\n') || 'Nobody is on it yet.', color: INFO_COLOR }],
    mentionUsers: users,
    ephemeral,
  });
}
