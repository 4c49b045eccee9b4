/**
 * `/quiz digest [on|off] [<day> <HH:MM>]`: turns the channel's weekly digest on or off, moves it to
 * a day and local time, or with no arguments shows its settings and a preview of this week's.
 */
import type { DigestSettings } from '../../ports/digest-store.ts';
import type { Digests } from '../digest.ts';
import { nextDigestAt } from '../digest-time.ts';
import { parseTimeOfDay } from '../schedule.ts';
import type { ChannelId, Weekday } from '../types.ts';
import type { Reply } from '../views.ts';
import { DIGEST_NEEDS_DAY_AND_TIME } from '../digest-text.ts';
import type { CommandDeps } from './handle.ts';
import type { Command } from './parse.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export async function digestCommand(
  command: Extract<Command, { name: 'digest' }>,
  channel: ChannelId,
  deps: Pick<CommandDeps, 'store' | 'clock'> & { digests: Digests },
): Promise<Reply> {
  const { store, clock, digests } = deps;
  const schedule = await store.getSchedule(channel);
  const timezone = schedule?.timezone ?? 'UTC';
  const stored = await store.getDigestSettings(channel);
  let settings: DigestSettings = stored ?? { enabled: true };
  const changing = command.state !== undefined || command.day !== undefined;
  if (changing) {
    if ((command.day === undefined) !== (command.time === undefined))
      return { visibility: 'private', kind: 'refusal', code: 'invalid-schedule', message: DIGEST_NEEDS_DAY_AND_TIME };
    settings = { enabled: command.state !== 'off', ...(settings.at ? { at: settings.at } : {}) };
    if (command.day !== undefined && command.time !== undefined) {
      const time = parseTimeOfDay(command.time);
      if (!time.ok) return { visibility: 'private', kind: 'refusal', code: 'invalid-schedule', message: time.error };
      settings.at = { day: DAYS.indexOf(command.day) as Weekday, ...time.value };
    }
    await digests.configure(channel, settings);
  }
  const nextAt = schedule && settings.enabled ? nextDigestAt(schedule, settings, clock.now()) : undefined;
  const preview = changing ? null : await digests.preview(channel, timezone);
  return {
    visibility: 'private',
    kind: 'digest',
    enabled: settings.enabled,
    ...(settings.at ? { at: settings.at } : {}),
    ...(nextAt !== undefined ? { nextAt } : {}),
    timezone,
    scheduled: schedule !== null,
    changed: changing,
    ...(preview ? { preview: preview.view, ...(preview.image ? { image: preview.image } : {}) } : {}),
  };
}
