/**
 * Button questions on Discord: the options lettered A…E under the prompt (an output option as a
 * code block), a row of buttons whose custom ids carry the round or practice question, the reveal's
 * tally, and the closed post with its buttons disabled. Everything fits Discord's embed budget with
 * five options of eight 70-character lines.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { ChoiceReveal, QuestionView } from '../../core/views.ts';
import { GOT_IT_RIGHT_HEADING, optionLetter, rightCount, rightOption, WHY_NOT_HEADING } from '../../core/wording.ts';
import { codeBlock, fitNames, tallyLines } from '../choice-tally.ts';
import { truncate } from './escape.ts';

/** Discord refuses a message whose embeds hold more than 6000 characters; this leaves a margin. */
const EMBED_BUDGET = 5900;
const FIELD_VALUE = 1024;
/** Characters kept for a prompt however long the options are (a program of 30 lines fits in it). */
const PROMPT_MAX = 3500;

/** Discord counts characters, not UTF-16 units. */
const size = (text: string | undefined) => (text ? [...text].length : 0);

export function embedSize(embed: APIEmbed): number {
  return (
    size(embed.title) +
    size(embed.description) +
    size(embed.author?.name) +
    size(embed.footer?.text) +
    (embed.fields ?? []).reduce((sum, f) => sum + size(f.name) + size(f.value), 0)
  );
}

/** How an option reads under its letter: output as the exact text in a code block, choice as written. */
export function optionText(question: Pick<QuestionView, 'format'>, text: string): string {
  return question.format === 'output' ? codeBlock(text) : text;
}

export function optionFields(question: QuestionView): APIEmbedField[] {
  return (question.options ?? []).map((text, i) => ({
    name: optionLetter(i),
    value: truncate(optionText(question, text), FIELD_VALUE),
  }));
}

/**
 * `embed` with the prompt as its description, cut only as far as the rest of the embed needs
 * (`extra` counts other embeds of the same message).
 */
export function withPrompt(embed: APIEmbed, prompt: string, extra = 0): APIEmbed {
  const room = EMBED_BUDGET - extra - embedSize({ ...embed, description: '' });
  return { ...embed, description: truncate(prompt, Math.max(200, Math.min(PROMPT_MAX, room))) };
}

/** One button per option, lettered; `closed` disables them and marks the right one green. */
export function optionButtons(
  count: number,
  customId: (option: number) => string,
  closed?: { correct: number },
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (count === 0) return [];
  const buttons: APIButtonComponentWithCustomId[] = Array.from({ length: count }, (_, i) => ({
    type: ComponentType.Button,
    style: closed && i === closed.correct ? ButtonStyle.Success : closed ? ButtonStyle.Secondary : ButtonStyle.Primary,
    custom_id: customId(i),
    label: optionLetter(i),
    ...(closed ? { disabled: true } : {}),
  }));
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

/** The reveal's second embed: the tally as bars, who got it right, why each wrong option is wrong. */
export function tallyEmbed(choice: ChoiceReveal, color: number): APIEmbed {
  const why = choice.options.flatMap((o, i) =>
    o.why && i !== choice.correct ? [`**${optionLetter(i)}**: ${o.why}`] : [],
  );
  const fields: APIEmbedField[] = [];
  if (choice.right.length > 0)
    // Mentions in an embed show the name and never ping.
    fields.push({
      name: GOT_IT_RIGHT_HEADING,
      value: fitNames(
        choice.right.map((p) => `<@${p.id}>`),
        FIELD_VALUE,
      ),
    });
  if (why.length > 0) fields.push({ name: WHY_NOT_HEADING, value: truncate(why.join('\n'), FIELD_VALUE) });
  return {
    title: rightCount(choice.right.length, choice.total),
    description: `\`\`\`\n${tallyLines(choice).join('\n')}\n\`\`\``,
    color,
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** "**The answer: B**" and the option itself, over the model answer. */
export function rightOptionText(question: QuestionView, choice: ChoiceReveal): string {
  const text = choice.options[choice.correct]?.text ?? '';
  return `**${rightOption(choice.correct)}**\n${optionText(question, text)}`;
}
