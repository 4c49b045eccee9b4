/**
 * The daily question as Block Kit: the post that opens a round, the reveal posted in its thread,
 * and the revealed version that replaces the original post.
 */
import type { KnownBlock } from '@slack/types';
import { coverageSummary } from '../../core/keypoints.ts';
import type { QuestionView, RevealView, RoundPostView } from '../../core/views.ts';
import { answeredCount, answerTitle, FEEDBACK_OFF, NOBODY_ANSWERED, QUESTION_OF_THE_DAY } from '../../core/wording.ts';
import { type SlackMessage, header, rawContext, rawSection, rawSections, section } from './blocks.ts';
import { escapeMrkdwn, slackDate } from './mrkdwn.ts';

/** Slack allows 50 blocks per message; the answer list gets what the rest leaves. */
const MAX_BLOCKS = 50;

function questionBlocks(q: QuestionView): KnownBlock[] {
  return [
    header(`${QUESTION_OF_THE_DAY}: ${q.title}`),
    rawContext(`*${escapeMrkdwn(q.difficulty)}* · ${escapeMrkdwn(q.topics.join(', '))}`),
    section(q.prompt),
  ];
}

export function renderPost(view: RoundPostView): SlackMessage {
  return {
    text: `${QUESTION_OF_THE_DAY}: ${escapeMrkdwn(view.question.title)}`,
    blocks: [
      ...questionBlocks(view.question),
      rawContext(
        `:speech_balloon: Reply *in this thread* to answer. The answer is revealed ${slackDate(view.revealAt, view.timezone)}.`,
      ),
    ],
  };
}

function answerLine(
  answer: RevealView['answers'][number],
  withFeedback: boolean,
  keyPoints: readonly string[],
): string {
  const name = escapeMrkdwn(answer.user.name);
  if (!withFeedback) return `• ${name}`;
  return `• ${name}: ${escapeMrkdwn(coverageSummary(answer, keyPoints))}`;
}

/** The reply posted in the round's thread. */
export function renderReveal(view: RevealView): SlackMessage {
  const blocks: KnownBlock[] = [header(answerTitle(view.question.title)), section(view.modelAnswer)];
  if (view.keyPoints.length > 0) {
    blocks.push(
      rawSection(['*Key points*', ...view.keyPoints.map((k, i) => `${i + 1}. ${escapeMrkdwn(k)}`)].join('\n')),
    );
  }
  if (view.answers.length === 0) {
    blocks.push(rawSection(NOBODY_ANSWERED));
  } else {
    const lines = [
      `*${answeredCount(view.answers.length)}*`,
      ...view.answers.map((a) => answerLine(a, view.feedbackAvailable, view.keyPoints)),
    ];
    blocks.push(...rawSections(lines).slice(0, MAX_BLOCKS - blocks.length - 1));
    if (!view.feedbackAvailable) blocks.push(rawContext(FEEDBACK_OFF));
  }
  return { text: `${answerTitle(escapeMrkdwn(view.question.title))} (${answeredCount(view.answers.length)})`, blocks };
}

/** The original post after the reveal: the question stays, the footer says it is closed. */
export function renderRevealedPost(view: RevealView): SlackMessage {
  return {
    text: `${QUESTION_OF_THE_DAY} (revealed): ${escapeMrkdwn(view.question.title)}`,
    blocks: [
      ...questionBlocks(view.question),
      rawContext(
        `:white_check_mark: *Revealed* · ${answeredCount(view.answers.length)} · the answer is in the thread.`,
      ),
    ],
  };
}
