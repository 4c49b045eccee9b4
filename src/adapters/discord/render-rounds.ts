/**
 * The daily round on Discord: the question embed in the channel, the reveal in its thread, and the
 * original post once revealed. Question text comes from the bank and keeps its markdown; names come
 * from users and are escaped.
 */
import { TimestampStyles, time } from 'discord.js';
import type { APIEmbed } from 'discord-api-types/v10';
import { coverageSummary } from '../../core/keypoints.ts';
import type { Difficulty } from '../../core/types.ts';
import type { QuestionView, RevealView, RoundPostView } from '../../core/views.ts';
import { answeredCount, answerTitle, NOBODY_ANSWERED, QUESTION_OF_THE_DAY } from '../../core/wording.ts';
import { escapeUserText, truncate } from './escape.ts';
import { message, type RenderedMessage } from './message.ts';

const DIFFICULTY_COLORS: Record<Difficulty, number> = { easy: 0x2ecc71, medium: 0xf1c40f, hard: 0xe74c3c };
const REVEALED_COLOR = 0x95a5a6;

/** Discord only accepts these thread auto-archive durations, in minutes. */
export const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;
export type ArchiveDuration = (typeof ARCHIVE_DURATIONS)[number];

/** The shortest allowed auto-archive duration that keeps the thread open for the whole window. */
export function archiveDurationFor(windowMinutes: number): ArchiveDuration {
  return ARCHIVE_DURATIONS.find((d) => d >= windowMinutes) ?? 10080;
}

export function threadName(view: RoundPostView): string {
  return truncate(`Answers: ${view.question.title}`, 100);
}

export function questionEmbed(q: QuestionView): APIEmbed {
  return {
    title: truncate(q.title, 256),
    description: truncate(q.prompt, 3500),
    color: DIFFICULTY_COLORS[q.difficulty],
    fields: [
      { name: 'Difficulty', value: q.difficulty, inline: true },
      { name: 'Topics', value: q.topics.join(', ') || '-', inline: true },
    ],
  };
}

export function renderRoundPost(view: RoundPostView): RenderedMessage {
  const embed = questionEmbed(view.question);
  return message({
    embeds: [
      {
        ...embed,
        author: { name: QUESTION_OF_THE_DAY },
        fields: [
          ...(embed.fields ?? []),
          {
            name: 'How to answer',
            value: `Reply in this message's thread. The answer is revealed ${time(Math.floor(view.revealAt / 1000), TimestampStyles.ShortTime)} (${time(Math.floor(view.revealAt / 1000), TimestampStyles.RelativeTime)}).`,
          },
        ],
        footer: { text: `Round ${view.roundId}` },
      },
    ],
  });
}

export function renderReveal(view: RevealView): RenderedMessage {
  const answer: APIEmbed = {
    title: truncate(answerTitle(view.question.title), 256),
    description: truncate(view.modelAnswer, 2800),
    color: DIFFICULTY_COLORS[view.question.difficulty],
    ...(view.keyPoints.length > 0
      ? {
          fields: [
            { name: 'Key points', value: truncate(view.keyPoints.map((k, i) => `${i + 1}. ${k}`).join('\n'), 1024) },
          ],
        }
      : {}),
  };
  return message({ embeds: [answer, answersEmbed(view)] });
}

function answersEmbed(view: RevealView): APIEmbed {
  if (view.answers.length === 0) return { title: NOBODY_ANSWERED, color: REVEALED_COLOR };
  const lines = view.answers.map((a) => {
    const name = `**${escapeUserText(truncate(a.user.name, 80))}**`;
    if (!view.feedbackAvailable) return `• ${name}`;
    return `• ${name}: ${coverageSummary(a, view.keyPoints)}`;
  });
  return {
    title: answeredCount(view.answers.length),
    description: fitLines(lines, 1900),
    color: REVEALED_COLOR,
    ...(view.feedbackAvailable
      ? {}
      : {
          footer: {
            text: "Key-point feedback is off: the bot cannot read message text (Discord's Message Content intent is not enabled).",
          },
        }),
  };
}

/** Joins as many lines as fit, then says how many were left out. */
function fitLines(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    if (length + line.length + 1 > max - 30) {
      kept.push(`…and ${rest} more`);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

/** The original post after the reveal: same question, greyed, with the count and a link to the thread. */
export function renderRevealedPost(view: RevealView, threadId: string): RenderedMessage {
  const embed = questionEmbed(view.question);
  const count = view.answers.length;
  return message({
    embeds: [
      {
        ...embed,
        color: REVEALED_COLOR,
        author: { name: `${QUESTION_OF_THE_DAY} (revealed)` },
        fields: [
          ...(embed.fields ?? []),
          { name: 'Revealed', value: `${answeredCount(count)}. The answer and feedback are in <#${threadId}>.` },
        ],
        footer: { text: `Round ${view.roundId}` },
      },
    ],
  });
}
