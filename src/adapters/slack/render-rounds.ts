/**
 * The daily question as Block Kit: the post that opens a round, the reveal posted in its thread
 * (with its "My feedback" button), and the revealed version that replaces the original post.
 */
import type { KnownBlock } from '@slack/types';
import { coverageSummary } from '../../core/keypoints.ts';
import type { QuestionView, RevealView, RoundPostView } from '../../core/views.ts';
import {
  answeredCount,
  answerTitle,
  FEEDBACK_OFF,
  feedbackInvite,
  freezesUsedLine,
  MOST_MISSED_HEADING,
  MY_FEEDBACK_BUTTON,
  mostMissedList,
  NOBODY_ANSWERED,
  PICK_HOW,
  pickClosed,
  QUESTION_OF_THE_DAY,
  topAnswers,
} from '../../core/wording.ts';
import { type SlackMessage, button, header, rawContext, rawSection, rawSections, section } from './blocks.ts';
import { escapeMrkdwn, slackDate } from './mrkdwn.ts';
import { choiceRevealBlocks, optionBlocks, roundPickButtons } from './render-choice.ts';

/** The `action_id` of the "My feedback" button under a reveal; its value is the round id. */
export const ROUND_FEEDBACK_ACTION = 'quiz_round_feedback';

/** The question as posted: a button question's options follow the prompt. */
function questionBlocks(q: QuestionView): KnownBlock[] {
  return [
    header(`${QUESTION_OF_THE_DAY}: ${q.title}`),
    rawContext(`*${escapeMrkdwn(q.difficulty)}* · ${escapeMrkdwn(q.topics.join(', '))}`),
    section(q.prompt),
    ...optionBlocks(q),
  ];
}

export function renderPost(view: RoundPostView): SlackMessage {
  if (view.question.format !== 'free')
    return {
      text: `${QUESTION_OF_THE_DAY}: ${escapeMrkdwn(view.question.title)}`,
      blocks: [
        ...questionBlocks(view.question),
        roundPickButtons(view.roundId, view.question.options?.length ?? 0),
        rawContext(`${PICK_HOW} The answer is revealed ${slackDate(view.revealAt, view.timezone)}.`),
      ],
    };
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

/**
 * The reply posted in the round's thread: the model answer, how many answered, a short named list,
 * the most missed key points and the "My feedback" button. It has the same few blocks however many
 * answered, so it stays far inside Slack's 50 blocks.
 */
export function renderReveal(view: RevealView): SlackMessage {
  if (view.choice)
    return {
      text: `${answerTitle(escapeMrkdwn(view.question.title))} (${answeredCount(view.choice.total)})`,
      blocks: [
        header(answerTitle(view.question.title)),
        ...choiceRevealBlocks(view.question, view.choice),
        section(view.modelAnswer),
        ...freezesUsedBlocks(view),
      ],
    };
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
      ...view.listed.map((a) => answerLine(a, view.feedbackAvailable, view.keyPoints)),
    ];
    blocks.push(...rawSections(lines));
    const top = topAnswers(view.listed.length, view.answers.length);
    const missed = view.mostMissed.map((p) => ({ ...p, number: view.keyPoints.indexOf(p.label) + 1 }));
    const notes = [
      ...(top ? [`${top}.`] : []),
      ...(missed.length > 0 ? [`*${MOST_MISSED_HEADING}:* ${escapeMrkdwn(mostMissedList(missed))}`] : []),
    ];
    if (notes.length > 0) blocks.push(rawContext(notes.join('\n')));
    if (view.feedbackAvailable) {
      blocks.push(rawContext(feedbackInvite()));
      blocks.push(button(ROUND_FEEDBACK_ACTION, MY_FEEDBACK_BUTTON, view.roundId));
    } else blocks.push(rawContext(FEEDBACK_OFF));
  }
  blocks.push(...freezesUsedBlocks(view));
  return { text: `${answerTitle(escapeMrkdwn(view.question.title))} (${answeredCount(view.answers.length)})`, blocks };
}

/** Who kept their streak with a freeze, as a context line under the reveal (none when nobody did). */
function freezesUsedBlocks(view: RevealView): KnownBlock[] {
  if (!view.freezesUsed?.length) return [];
  const uses = view.freezesUsed.map((u) => ({ name: escapeMrkdwn(u.user.name), freezesLeft: u.freezesLeft }));
  return [rawContext(freezesUsedLine(uses))];
}

/** The original post after the reveal: the question stays, the footer says it is closed. */
export function renderRevealedPost(view: RevealView): SlackMessage {
  // No disabled buttons in Slack: the closed line takes the actions' place.
  if (view.choice)
    return {
      text: `${QUESTION_OF_THE_DAY} (revealed): ${escapeMrkdwn(view.question.title)}`,
      blocks: [...questionBlocks(view.question), rawContext(`:lock: *${pickClosed(view.choice.total)}*`)],
    };
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
