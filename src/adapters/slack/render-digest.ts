/**
 * The weekly digest in Slack mrkdwn (the comment of the uploaded chart, or a message alone), and the
 * `/quiz digest` reply: settings and a text preview, shown only to the admin.
 */
import type { KnownBlock } from '@slack/types';
import {
  DIGEST_NO_ROUNDS,
  DIGEST_NOT_SCHEDULED,
  digestLines,
  digestStatus,
  digestTitle,
} from '../../core/digest-text.ts';
import type { DigestView } from '../../core/digest-view.ts';
import type { Reply } from '../../core/views.ts';
import { type SlackMessage, rawSection } from './blocks.ts';
import { escapeMrkdwn, slackDate } from './mrkdwn.ts';

/** The digest's text; `hardestLink` is the permalink of the week's hardest question, when known. */
export function digestMrkdwn(view: DigestView, hardestLink?: string): string {
  const link = (title: string) => (hardestLink ? `<${hardestLink}|${escapeMrkdwn(title)}>` : escapeMrkdwn(title));
  return [`*${escapeMrkdwn(digestTitle(view))}*`, ...digestLines(view, { escape: escapeMrkdwn, link })].join('\n\n');
}

export function renderDigestReply(reply: Extract<Reply, { kind: 'digest' }>): SlackMessage {
  const when = reply.nextAt ? ` Next: ${slackDate(reply.nextAt, reply.timezone)}.` : '';
  const status = `${escapeMrkdwn(digestStatus(reply))}${when}`;
  const blocks: KnownBlock[] = [rawSection(status)];
  if (!reply.scheduled) blocks.push(rawSection(escapeMrkdwn(DIGEST_NOT_SCHEDULED)));
  else if (!reply.changed && !reply.preview) blocks.push(rawSection(escapeMrkdwn(DIGEST_NO_ROUNDS)));
  // rawSection cuts the preview to Slack's 3000 characters a section.
  if (reply.preview) blocks.push(rawSection(digestMrkdwn(reply.preview)));
  return { text: escapeMrkdwn(digestStatus(reply)), blocks };
}
