/**
 * The weekly digest as terminal text. A terminal shows no image, so the chart is written to a
 * temporary PNG file and its path printed under the text, which holds every number the chart shows.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIGEST_NO_ROUNDS,
  DIGEST_NOT_SCHEDULED,
  digestLines,
  digestStatus,
  digestTitle,
} from '../../core/digest-text.ts';
import type { DigestImage, DigestView } from '../../core/digest-view.ts';
import type { Reply } from '../../core/views.ts';
import { formatWhen } from './render.ts';

export function renderDigest(view: DigestView, imagePath: string | undefined): string {
  return [
    `━━ ${digestTitle(view)} ━━`,
    ...digestLines(view),
    imagePath ? `Chart: ${imagePath}` : '(no chart this time: it could not be drawn)',
  ].join('\n');
}

export function renderDigestReply(reply: Extract<Reply, { kind: 'digest' }>, now: number, imagePath?: string): string {
  const when = reply.nextAt ? ` Next: ${formatWhen(reply.nextAt, reply.timezone, now)}.` : '';
  const lines = [`${digestStatus(reply)}${when}`];
  if (!reply.scheduled) lines.push(DIGEST_NOT_SCHEDULED);
  else if (!reply.changed && !reply.preview) lines.push(DIGEST_NO_ROUNDS);
  if (reply.preview) lines.push('', renderDigest(reply.preview, imagePath));
  return lines.join('\n');
}

/** Writes the chart to a new temporary directory and returns the file's path. */
export async function saveDigestImage(image: DigestImage, week: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'quizthread-digest-'));
  const path = join(dir, `digest-${week}.png`);
  await writeFile(path, image.png);
  return path;
}
