/**
 * The suggestion form, as both Discord and Slack show it: its five fields in order, their words
 * and the room each gets. The core validates what is sent (it lists every problem at once); these
 * lengths only stop a form from taking more than any valid question needs.
 */
import type { SuggestionDraft } from '../core/views.ts';
import { SUGGESTION_FIELD_HINTS, SUGGESTION_FIELD_LABELS } from '../core/wording.ts';

export interface SuggestionField {
  name: keyof SuggestionDraft;
  label: string;
  hint: string;
  multiline: boolean;
  required: boolean;
  maxLength: number;
}

const field = (
  name: keyof SuggestionDraft,
  multiline: boolean,
  required: boolean,
  maxLength: number,
): SuggestionField => ({
  name,
  label: SUGGESTION_FIELD_LABELS[name],
  hint: SUGGESTION_FIELD_HINTS[name],
  multiline,
  required,
  maxLength,
});

/** Discord's text inputs take at most 4000 characters, Slack's plain-text inputs 3000: 3000 fits both. */
export const SUGGESTION_FIELDS: readonly SuggestionField[] = [
  field('title', false, true, 120),
  field('question', true, true, 3000),
  field('modelAnswer', true, true, 3000),
  field('keyPoints', true, true, 2000),
  field('topicAndDifficulty', false, false, 100),
];

export const EMPTY_DRAFT: SuggestionDraft = {
  title: '',
  question: '',
  modelAnswer: '',
  keyPoints: '',
  topicAndDifficulty: '',
};

/** A draft from whatever the platform sent back, field by field; a missing field is empty. */
export function draftFrom(value: (name: keyof SuggestionDraft) => string | null | undefined): SuggestionDraft {
  return {
    title: value('title') ?? '',
    question: value('question') ?? '',
    modelAnswer: value('modelAnswer') ?? '',
    keyPoints: value('keyPoints') ?? '',
    topicAndDifficulty: value('topicAndDifficulty') ?? '',
  };
}

/**
 * The export as one Markdown text: each file under an HTML comment naming it, invisible when the
 * Markdown is read and easy to split on (`<!-- file: name.md -->`).
 */
export function concatenateExport(files: { name: string; content: string }[]): string {
  return files.map((f) => `<!-- file: ${f.name} -->\n${f.content.trimEnd()}\n`).join('\n');
}
