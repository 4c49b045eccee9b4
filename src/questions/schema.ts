/** The shape of a question file's front matter, checked once when the bank loads. */
import { z } from 'zod';
import { DIFFICULTIES, TOPICS } from '../core/types.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const keyPointSchema = z.object({
  label: nonEmpty,
  terms: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .min(1, 'needs at least one term')
    .refine((terms) => terms.every((t) => /[\p{L}\p{N}]/u.test(t)), 'every term needs a letter or digit'),
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
