/**
 * Discord's multipart message creation, as the fake takes it: the JSON body in `payload_json` and
 * each file in a `files[n]` part. Discord's limits apply: at most 10 files, none over 10 MiB (a
 * bot in a server without boosts), every `attachments[].id` naming an uploaded `files[n]`.
 */
import type { Violation } from './limits.ts';

export const ATTACHMENT_LIMITS = { files: 10, fileBytes: 10 * 1024 * 1024 } as const;

export interface UploadedFile {
  /** The `n` of `files[n]`. */
  index: number;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  // biome-ignore lint/suspicious/noExplicitAny: the JSON part, whatever the client sent
  body: any;
  files: UploadedFile[];
}

/** Parses a multipart/form-data request body with the platform's own parser (undici's Request). */
export async function readMultipart(raw: Buffer, contentType: string): Promise<MultipartBody> {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const payload = form.get('payload_json');
  const files: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    const match = /^files\[(\d+)\]$/.exec(name);
    if (!match || typeof value === 'string') continue;
    files.push({
      index: Number(match[1]),
      filename: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body: typeof payload === 'string' ? JSON.parse(payload) : {}, files };
}

/** What Discord would refuse in the files of a message, as Invalid Form Body fields. */
export function attachmentViolations(
  body: { attachments?: { id?: unknown }[] } | undefined,
  files: UploadedFile[],
): Violation[] {
  const violations: Violation[] = [];
  if (files.length > ATTACHMENT_LIMITS.files)
    violations.push({ path: 'files', message: `Must be ${ATTACHMENT_LIMITS.files} or fewer in length.` });
  for (const file of files) {
    if (file.data.length > ATTACHMENT_LIMITS.fileBytes)
      violations.push({ path: `files.${file.index}`, message: 'File cannot be larger than 10240.00 KB.' });
    if (!file.filename) violations.push({ path: `files.${file.index}`, message: 'A file needs a name.' });
  }
  for (const [i, attachment] of (body?.attachments ?? []).entries()) {
    if (!files.some((f) => String(f.index) === String(attachment.id)))
      violations.push({
        path: `attachments.${i}.id`,
        message: 'Unknown attachment: no file was uploaded under this id.',
      });
  }
  return violations;
}
