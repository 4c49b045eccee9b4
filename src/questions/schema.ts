/** The shape of a question file's front matter, checked once when the bank loads. */
import { z } from 'zod';
import { termParts } from '../core/keypoints.ts';
import { DIFFICULTIES, TOPICS } from '../core/types.ts';

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

export const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug of a-z, 0-9 and single hyphens'),
  title: nonEmpty,
  topics: z.array(z.enum(TOPICS)).min(1, 'needs at least one topic'),
  difficulty: z.enum(DIFFICULTIES),
  keyPoints: z.array(keyPointSchema).min(3, 'needs 3 to 5 key points').max(5, 'needs 3 to 5 key points'),
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
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
