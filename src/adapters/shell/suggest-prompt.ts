/**
 * The shell's suggestion form: asks for each field in turn (key points one per line until an empty
 * line), and after a refused submission asks again only for the fields in error, showing what was
 * typed so an empty line keeps it.
 */
import type { SuggestionDraft } from '../../core/views.ts';
import { FIELD_NAMES, plain } from './render-suggestions.ts';

type Field = keyof SuggestionDraft;

const ORDER: readonly Field[] = ['title', 'question', 'modelAnswer', 'keyPoints', 'topicAndDifficulty'];

const HINTS: Record<Field, string> = {
  title: 'one line, at most 100 characters',
  question: 'one line',
  modelAnswer: 'one line of 120 to 300 words that makes every key point',
  keyPoints: '3 to 5, one per line as "point | term, term"; an empty line ends them',
  topicAndDifficulty: 'optional, e.g. "asyncio hard"; empty means patterns, medium',
};

const EMPTY: SuggestionDraft = { title: '', question: '', modelAnswer: '', keyPoints: '', topicAndDifficulty: '' };

export type PromptStep = { ask: string } | { submit: SuggestionDraft };

export class SuggestPrompt {
  private readonly draft: SuggestionDraft;
  private readonly fields: Field[];
  private readonly again: boolean;
  private keyPointLines: string[] = [];

  /** `fields`: only these, in the form's order (a second round after problems); else all. */
  constructor(draft: SuggestionDraft = EMPTY, fields?: readonly Field[]) {
    this.draft = { ...draft };
    this.again = fields !== undefined;
    this.fields = ORDER.filter((f) => !fields || fields.includes(f));
  }

  /** The prompt for the field being asked. */
  prompt(): string {
    const field = this.fields[0] as Field;
    const kept = this.again && this.draft[field] ? ` [${preview(this.draft[field])}]` : '';
    return `${FIELD_NAMES[field]} (${HINTS[field]})${kept}:`;
  }

  /** Takes one line typed for the current field: the next prompt, or the draft to submit. */
  take(line: string): PromptStep {
    const field = this.fields[0] as Field;
    const text = line.trim();
    if (field === 'keyPoints') {
      if (text !== '') {
        this.keyPointLines.push(text);
        return { ask: '' };
      }
      // An empty first line on a second round keeps the key points as they were.
      if (this.keyPointLines.length > 0 || !this.again) this.draft.keyPoints = this.keyPointLines.join('\n');
    } else if (text !== '' || !this.again) this.draft[field] = text;
    this.fields.shift();
    return this.fields.length > 0 ? { ask: this.prompt() } : { submit: { ...this.draft } };
  }
}

function preview(text: string): string {
  const one = plain(text).replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
