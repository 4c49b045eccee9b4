/**
 * The shape of a question file's front matter, checked once when the bank loads. Free-text
 * questions carry key points; button questions (`choice`, `output`) carry options instead, and the
 * rules that tie fields to the format are checked once the fields themselves are sound.
 */
import { z } from 'zod';
import { termParts } from '../core/keypoints.ts';
import { DIFFICULTIES, QUESTION_FORMATS, type QuestionFormat, TOPICS } from '../core/types.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A term is one phrase, or parts joined by " + " that must all occur in one sentence (`code` is one part). */
const termsSchema = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .min(1, 'needs at least one term')
  .refine(
    (terms) => terms.every((t) => termParts(t).length > 0 && termParts(t).every((part) => /[\p{L}\p{N}]/u.test(part))),
    'every term, and every part of an "a + b" term, needs a letter or digit',
  );

/** Shown to users in one line, so both sentences are kept short. */
export const CLAIM_MAX = 80;
export const TRUTH_MAX = 120;

export const misconceptionSchema = z.strictObject({
  claim: nonEmpty.max(CLAIM_MAX, `must be at most ${CLAIM_MAX} characters: it is shown in one line`),
  terms: termsSchema,
  truth: nonEmpty.max(TRUTH_MAX, `must be at most ${TRUTH_MAX} characters: it is shown in one line`),
});

export const keyPointSchema = z.strictObject({
  label: nonEmpty,
  terms: termsSchema,
  wrong: z.array(misconceptionSchema).optional(),
});

/** Limits of the button formats: options fit a button row, outputs fit a phone screen. */
export const OPTIONS_MIN = 3;
export const OPTIONS_MAX = 5;
export const WHY_MAX = 160;
export const CHOICE_TEXT_MAX = 200;
export const OUTPUT_LINES_MAX = 8;
export const OUTPUT_LINE_MAX = 70;

/** The id prefix each button format needs, so a file's kind shows in its name. */
export const FORMAT_PREFIX: Record<'choice' | 'output', string> = { choice: 'ch-', output: 'out-' };

/** A full stop, question or exclamation mark followed by a capital starts a second sentence. */
const SECOND_SENTENCE = /[.!?]["')\]`]*\s+[A-Z]/;

/** Options are told apart as people read them: runs of whitespace count as one space. */
export function normaliseOption(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const optionSchema = z
  .strictObject({
    // Not trimmed: an output option is the exact text the program prints.
    // A string only: YAML reads `text: 1.0` as the number 1 and `text: True` as a boolean, which
    // would silently change an output option.
    text: z
      .string({ error: 'must be text: quote it, or write it as a |- block (YAML reads 1.0 or True as a value)' })
      .refine((t) => t.trim() !== '', 'must not be empty'),
    correct: z.boolean().optional(),
    why: nonEmpty
      .max(WHY_MAX, `must be at most ${WHY_MAX} characters: it is shown beside the option at the reveal`)
      .refine((why) => !why.includes('\n') && !SECOND_SENTENCE.test(why), 'must be one sentence')
      .optional(),
  })
  .superRefine((option, ctx) => {
    if (option.correct && option.why !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['why'],
        message: 'the correct option has no "why": the model answer explains it',
      });
    if (!option.correct && option.why === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['why'],
        message: 'a wrong option needs a "why": one sentence on the mistake it stands for',
      });
  });

export type OptionFields = z.infer<typeof optionSchema>;

const optionsSchema = z
  .array(optionSchema)
  .min(OPTIONS_MIN, `needs ${OPTIONS_MIN} to ${OPTIONS_MAX} options`)
  .max(OPTIONS_MAX, `needs ${OPTIONS_MIN} to ${OPTIONS_MAX} options`)
  .superRefine((options, ctx) => {
    const correct = options.filter((o) => o.correct).length;
    if (correct !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `exactly one option needs "correct: true"; ${correct === 0 ? 'none has it' : `${correct} have it`}`,
      });
    const seen = new Map<string, number>();
    for (const [i, option] of options.entries()) {
      const key = normaliseOption(option.text);
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'text'],
          message: `repeats option ${first + 1} (whitespace aside); options must differ`,
        });
      else seen.set(key, i);
    }
  });

export const frontMatterSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug of a-z, 0-9 and single hyphens'),
    title: nonEmpty,
    format: z.enum(QUESTION_FORMATS).default('free'),
    topics: z.array(z.enum(TOPICS)).min(1, 'needs at least one topic'),
    difficulty: z.enum(DIFFICULTIES),
    keyPoints: z.array(keyPointSchema).min(3, 'needs 3 to 5 key points').max(5, 'needs 3 to 5 key points').optional(),
    options: optionsSchema.optional(),
    since: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^3\.\d+$/, 'must be a Python version such as "3.11"'))
      .optional(),
    references: z
      .array(
        z
          .string()
          .regex(
            /^https:\/\/(docs|peps)\.python\.org\/\S+$/,
            'must be an https URL on docs.python.org or peps.python.org',
          ),
      )
      .min(1, 'needs at least one reference'),
  })
  .superRefine((fm, ctx) => {
    if (fm.format === 'free') {
      if (!fm.keyPoints)
        ctx.addIssue({ code: 'custom', path: ['keyPoints'], message: 'a free-text question needs 3 to 5 key points' });
      if (fm.options)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'a free-text question has no options: set "format: choice" or "format: output", or remove them',
        });
      return;
    }
    if (fm.keyPoints)
      ctx.addIssue({
        code: 'custom',
        path: ['keyPoints'],
        message: `a button question (format: ${fm.format}) has no key points (its answer is scored exactly): remove them`,
      });
    if (!fm.options)
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: `a button question (format: ${fm.format}) needs "options": ${OPTIONS_MIN} to ${OPTIONS_MAX}, exactly one with "correct: true"`,
      });
    const prefix = FORMAT_PREFIX[fm.format];
    if (!fm.id.startsWith(prefix))
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `with format: ${fm.format}, the id starts with "${prefix}"`,
      });
    for (const [i, option] of (fm.options ?? []).entries()) {
      const problem = optionTextProblem(fm.format, option.text);
      if (problem) ctx.addIssue({ code: 'custom', path: ['options', i, 'text'], message: problem });
    }
  });

/** What is wrong with an option's text for its format, if anything. */
function optionTextProblem(format: Exclude<QuestionFormat, 'free'>, text: string): string | undefined {
  if (format === 'choice') {
    if (text.includes('\n')) return 'a choice option is one line';
    if (text.length > CHOICE_TEXT_MAX) return `must be at most ${CHOICE_TEXT_MAX} characters (it has ${text.length})`;
    return undefined;
  }
  const lines = text.split('\n');
  if (lines.length > OUTPUT_LINES_MAX)
    return `an output option is at most ${OUTPUT_LINES_MAX} lines (it has ${lines.length})`;
  const long = lines.findIndex((line) => line.length > OUTPUT_LINE_MAX);
  if (long >= 0)
    return `line ${long + 1} of the output has ${lines[long]?.length} characters; at most ${OUTPUT_LINE_MAX}`;
  return undefined;
}

export type FrontMatter = z.infer<typeof frontMatterSchema>;
