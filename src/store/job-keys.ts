/** The string form of a job, shared by the stores so both queue the same identities. */
import type { ChannelId } from '../core/types.ts';
import type { Job } from '../ports/store.ts';

export function jobKey(job: Job): string {
  if (job.kind === 'reveal') return `reveal|${job.channel}|${job.roundId}`;
  return `${job.kind}|${job.channel}`;
}

export function parseJobKey(key: string): Job {
  if (key.startsWith('post|')) return { kind: 'post', channel: key.slice(5) as ChannelId };
  if (key.startsWith('digest|')) return { kind: 'digest', channel: key.slice(7) as ChannelId };
  const cut = key.lastIndexOf('|');
  return { kind: 'reveal', channel: key.slice(7, cut) as ChannelId, roundId: key.slice(cut + 1) };
}
