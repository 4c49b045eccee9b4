/**
 * The suggestion replies as terminal text. Everything a member typed goes through `plain`, which
 * drops control characters, so a title cannot move the cursor or recolour the terminal.
 */
import type { Reply, SuggestionDraft, SuggestionSummary } from '../../core/views.ts';
import { withoutControlCharacters } from '../../core/control-characters.ts';
import { fromTeamLine } from '../../core/wording.ts';

type SuggestionReply = Extract<
  Reply,
  { kind: 'suggestion-received' | 'suggestion-problems' | 'suggestions' | 'suggestion-decided' | 'retired' | 'export' }
>;

/** User text as the terminal shows it: without control characters. */
export function plain(text: string): string {
  return withoutControlCharacters(text);
}

/** What each form field is called in the shell's prompt and in its problems. */
export const FIELD_NAMES: Record<keyof SuggestionDraft, string> = {
  title: 'Title',
  question: 'Question',
  modelAnswer: 'Model answer',
  keyPoints: 'Key points',
  topicAndDifficulty: 'Topic and difficulty',
};

export function renderSuggestionReply(reply: SuggestionReply, exportDir?: string): string {
  switch (reply.kind) {
    case 'suggestion-received':
      return `Thanks: "${plain(reply.title)}" (${reply.id}) is waiting for an admin's review.`;
    case 'suggestion-problems':
      return [
        'The suggestion needs changes before it can be sent:',
        ...reply.problems.map((p) => `  ${FIELD_NAMES[p.field]}: ${plain(p.message)}`),
      ].join('\n');
    case 'suggestions':
      return reply.items.length === 0
        ? 'No suggestions are waiting for review.'
        : [
            `${reply.items.length} waiting for review (/quiz suggestions approve|reject <id> [reason]):`,
            ...reply.items.map(summaryBlock),
          ].join('\n\n');
    case 'suggestion-decided':
      return `"${plain(reply.title)}" (${reply.id}) is ${reply.decision}; its author has been told.`;
    case 'retired':
      return `"${plain(reply.title)}" (${reply.id}) is retired: it will not be asked again.`;
    case 'export':
      return exportDir
        ? `Wrote ${reply.files.length} question file${reply.files.length === 1 ? '' : 's'} to ${exportDir}`
        : reply.files.map((f) => f.name).join('\n');
  }
}

function summaryBlock(s: SuggestionSummary): string {
  return [
    `${s.id}: ${plain(s.title)}  [${s.difficulty} · ${s.topics.join(', ')}]  ${fromTeamLine(plain(s.author.name))}`,
    indent(plain(s.question)),
    '  Model answer:',
    indent(plain(s.modelAnswer)),
    '  Key points:',
    ...s.keyPoints.map((k) => `    - ${plain(k)}`),
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
