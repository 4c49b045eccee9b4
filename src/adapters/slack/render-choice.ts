/**
 * Button questions as Block Kit: the options lettered A…E (an output option as a code block), an
 * actions block with one button per option whose value carries the round or practice question, the
 * reveal's tally, and the closed post. Slack has no disabled buttons: the closed post replaces the
 * actions with a context line, so nothing is left to click.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { ChoiceReveal, QuestionView } from '../../core/views.ts';
import { GOT_IT_RIGHT_HEADING, optionLetter, rightCount, rightOption, WHY_NOT_HEADING } from '../../core/wording.ts';
import { codeBlock, fitNames, tallyLines } from '../choice-tally.ts';
import { rawSection, rawSections } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** `action_id`s of option buttons under a round's question: `quiz_pick_<option>`, value `<roundId>:<option>`. */
export const ROUND_PICK_ACTION = /^quiz_pick_(\d)$/;
/** Under a practice question: `quiz_practice_pick_<option>`, value `<questionId>:<option>`. */
export const PRACTICE_PICK_ACTION = /^quiz_practice_pick_(\d)$/;

/** Slack allows 3000 characters a section; the names of who got it right get at most this much of one. */
const NAMES_MAX = 2000;

/** How an option reads after its letter: output as the exact text in a code block, choice as written. */
export function optionMrkdwn(question: Pick<QuestionView, 'format'>, text: string): string {
  return question.format === 'output' ? codeBlock(escapeMrkdwn(text)) : escapeMrkdwn(text);
}

/** One section per option: `*A*` and its text (output options under it, as a code block). */
export function optionBlocks(question: QuestionView): KnownBlock[] {
  return (question.options ?? []).map((text, i) =>
    rawSection(`*${optionLetter(i)}*${question.format === 'output' ? '\n' : '  '}${optionMrkdwn(question, text)}`),
  );
}

function optionButton(actionId: string, label: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value };
}

/** A round's option buttons: the value names the round, so a click works whichever replica, and after any restart. */
export function roundPickButtons(roundId: string, count: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: `quiz_pick:${roundId}`,
    elements: Array.from({ length: count }, (_, i) =>
      optionButton(`quiz_pick_${i}`, optionLetter(i), `${roundId}:${i}`),
    ),
  };
}

export function practicePickButtons(questionId: string, count: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: `quiz_practice_pick:${questionId}`,
    elements: Array.from({ length: count }, (_, i) =>
      optionButton(`quiz_practice_pick_${i}`, optionLetter(i), `${questionId}:${i}`),
    ),
  };
}

/** `"r1:2"` → the id before the last colon and the option after it; undefined for anything else. */
export function pickOfValue(value: string | undefined): { id: string; option: number } | undefined {
  const match = /^(.+):(\d)$/.exec(value ?? '');
  return match ? { id: match[1] as string, option: Number(match[2]) } : undefined;
}

/** The reveal's tally: the right option, bars, who got it right (mentions, "and N more"), why not the others. */
export function choiceRevealBlocks(question: QuestionView, choice: ChoiceReveal): KnownBlock[] {
  const right = choice.options[choice.correct]?.text ?? '';
  const why = choice.options.flatMap((o, i) =>
    o.why && i !== choice.correct ? [`*${optionLetter(i)}*: ${escapeMrkdwn(o.why)}`] : [],
  );
  return [
    rawSection(`*${rightOption(choice.correct)}*\n${optionMrkdwn(question, right)}`),
    rawSection(`*${rightCount(choice.right.length, choice.total)}*\n\`\`\`\n${tallyLines(choice).join('\n')}\n\`\`\``),
    ...(choice.right.length > 0
      ? [
          rawSection(
            `*${GOT_IT_RIGHT_HEADING}:* ${fitNames(
              choice.right.map((p) => `<@${p.id}>`),
              NAMES_MAX,
            )}`,
          ),
        ]
      : []),
    ...(why.length > 0 ? rawSections([`*${WHY_NOT_HEADING}*`, ...why]) : []),
  ];
}
