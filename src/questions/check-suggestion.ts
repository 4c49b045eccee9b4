/**
 * Checks a question typed into the suggestion form by the rules question files follow: the loader's
 * schema (3 to 5 key points, sound terms) and the bank check's editorial rules (each key point made
 * in the model answer, no term in the question, no bare terms, the model answer's length). Every
 * problem is reported at once, named by its form field, so the form can be shown again as typed.
 *
 * Form decisions: key points are one per line as `label | term, term`; a key point without terms is
 * a problem (guessed terms would credit wrong answers or none, and the author knows the claim best).
 * Topic and difficulty are optional words; without them a suggestion is `patterns`, `medium`.
 */
import { isDifficulty, isTopic } from '../core/bank.ts';
import { withoutControlCharacters } from '../core/control-characters.ts';
import type { Difficulty, KeyPoint, Topic } from '../core/types.ts';
import type { SuggestionDraft, SuggestionProblem } from '../core/views.ts';
import type { SuggestedQuestion } from '../ports/suggestion-store.ts';
import { BANK_TARGETS, checkQuestion, countWords } from './check-bank.ts';
import { frontMatterSchema } from './schema.ts';

export const TITLE_MAX = 100;
export const QUESTION_MAX = 1500;
export const DEFAULT_TOPIC: Topic = 'patterns';
export const DEFAULT_DIFFICULTY: Difficulty = 'medium';

/** A docs page for each topic: the bank's format needs a reference, and a reviewer starts from it. */
const TOPIC_REFERENCE: Partial<Record<Topic, string>> = {
  asyncio: 'https://docs.python.org/3/library/asyncio.html',
  threading: 'https://docs.python.org/3/library/threading.html',
  'sync-primitives': 'https://docs.python.org/3/library/threading.html',
  multiprocessing: 'https://docs.python.org/3/library/multiprocessing.html',
  futures: 'https://docs.python.org/3/library/concurrent.futures.html',
  queue: 'https://docs.python.org/3/library/queue.html',
  contextvars: 'https://docs.python.org/3/library/contextvars.html',
  'free-threading': 'https://docs.python.org/3/howto/free-threading-python.html',
};
const GENERAL_REFERENCE = 'https://docs.python.org/3/library/concurrency.html';

export type SuggestionCheck = { ok: true; question: SuggestedQuestion } | { ok: false; problems: SuggestionProblem[] };

export function checkSuggestion(typed: SuggestionDraft): SuggestionCheck {
  const draft = cleaned(typed);
  const problems: SuggestionProblem[] = [];
  const report = (field: keyof SuggestionDraft, message: string) => {
    if (!problems.some((p) => p.field === field && p.message === message)) problems.push({ field, message });
  };
  const title = draft.title.trim();
  const prompt = draft.question.trim();
  const modelAnswer = draft.modelAnswer.trim();
  if (!title) report('title', 'must not be empty');
  else if (title.includes('\n')) report('title', 'is one line');
  else if (title.length > TITLE_MAX)
    report('title', `must be at most ${TITLE_MAX} characters (it has ${title.length})`);
  if (!prompt) report('question', 'must not be empty');
  else if (prompt.length > QUESTION_MAX)
    report('question', `must be at most ${QUESTION_MAX} characters (it has ${prompt.length})`);
  const words = countWords(modelAnswer);
  const { min, max } = BANK_TARGETS.answerWords;
  if (!modelAnswer) report('modelAnswer', 'must not be empty');
  // Such a line would start a new section of the question file this becomes (see export-question.ts).
  for (const [field, text] of [
    ['question', prompt],
    ['modelAnswer', modelAnswer],
  ] as const)
    if (/^##\s/m.test(text)) report(field, 'no line may start with "## "');
    else if (words < min || words > max) report('modelAnswer', `has ${words} words; write ${min} to ${max}`);
  const keyPoints = parseKeyPoints(draft.keyPoints, (m) => report('keyPoints', m));
  const { topics, difficulty } = parseTopicAndDifficulty(draft.topicAndDifficulty, (m) =>
    report('topicAndDifficulty', m),
  );

  const fields = {
    id: 'team-draft',
    title: title || 'untitled',
    topics,
    difficulty,
    keyPoints,
    references: [TOPIC_REFERENCE[topics[0] ?? DEFAULT_TOPIC] ?? GENERAL_REFERENCE],
  };
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [first, index, part] = issue.path;
      // Reported above in the form's own words.
      if (first === 'title' || (part === 'terms' && issue.code === 'too_small')) continue;
      const where =
        first === 'keyPoints' && typeof index === 'number' ? `key point ${index + 1} ${String(part ?? '')}: ` : '';
      report(first === 'keyPoints' ? 'keyPoints' : 'topicAndDifficulty', `${where}${issue.message}`);
    }
  // The editorial checks need sound key points and both texts; without them, what is found so far.
  if (!parsed.success || !prompt || !modelAnswer || problems.some((p) => p.field === 'keyPoints'))
    return { ok: false, problems };

  const question: SuggestedQuestion = {
    title,
    format: 'free',
    topics,
    difficulty,
    keyPoints,
    references: fields.references,
    prompt,
    modelAnswer,
  };
  for (const finding of checkQuestion({ ...question, id: 'team-draft', file: 'suggestion' }, BANK_TARGETS))
    if (!finding.message.startsWith('the model answer has')) report('keyPoints', finding.message);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, question };
}

/** The draft as stored: no control characters (see control-characters.ts). */
function cleaned(draft: SuggestionDraft): SuggestionDraft {
  return {
    title: withoutControlCharacters(draft.title),
    question: withoutControlCharacters(draft.question),
    modelAnswer: withoutControlCharacters(draft.modelAnswer),
    keyPoints: withoutControlCharacters(draft.keyPoints),
    topicAndDifficulty: withoutControlCharacters(draft.topicAndDifficulty),
  };
}

/** `label | term, term` per line; blank lines are skipped. */
function parseKeyPoints(text: string, report: (message: string) => void): KeyPoint[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.map((line, i) => {
    const bar = line.indexOf('|');
    const label = (bar < 0 ? line : line.slice(0, bar)).trim();
    const terms =
      bar < 0
        ? []
        : line
            .slice(bar + 1)
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
    if (terms.length === 0)
      report(
        `key point ${i + 1} "${label}" has no match terms: add them after " | ", e.g. "${label} | term one, term two"`,
      );
    return { label, terms };
  });
}

function parseTopicAndDifficulty(
  text: string,
  report: (message: string) => void,
): { topics: Topic[]; difficulty: Difficulty } {
  const topics: Topic[] = [];
  const difficulties: Difficulty[] = [];
  for (const word of text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)) {
    if (isTopic(word)) {
      if (!topics.includes(word)) topics.push(word);
    } else if (isDifficulty(word)) difficulties.push(word);
    else report(`"${word}" is neither a topic (see /quiz topics) nor a difficulty (easy, medium, hard)`);
  }
  if (difficulties.length > 1) report(`give one difficulty, not ${difficulties.join(' and ')}`);
  return { topics: topics.length > 0 ? topics : [DEFAULT_TOPIC], difficulty: difficulties[0] ?? DEFAULT_DIFFICULTY };
}
