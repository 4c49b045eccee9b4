/**
 * Which suggestion replies only the caller sees. A draft's problems echo the draft back, and an
 * export holds every approved question with its model answer: posting either in the channel would
 * show the team the answers before the question is asked.
 */
import { describe, expect, it } from 'vitest';
import { Suggestions } from '../../src/core/suggestions.ts';
import type { ChannelId, Platform } from '../../src/core/types.ts';
import type { ChatAdapter } from '../../src/ports/chat.ts';
import { MemoryStore } from '../../src/store/memory/memory-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { MONDAY_0800_UTC } from '../support/fixtures.ts';
import { RecordingAdapter } from '../support/recording-adapter.ts';
import { RecordingLogger } from '../support/recording-logger.ts';
import { GOOD_DRAFT } from '../support/suggestion-drafts.ts';

const CH: ChannelId = 'discord:C1';
const ann = { id: 'ann', name: 'Ann' };

function suggestions() {
  const store = new MemoryStore();
  const adapter = new RecordingAdapter('discord');
  return new Suggestions({
    store,
    clock: new FakeClock(MONDAY_0800_UTC),
    logger: new RecordingLogger(),
    adapters: new Map<Platform, ChatAdapter>([['discord', adapter]]),
  });
}

describe('suggestion replies only the caller sees', () => {
  it('lists a draft’s problems, with the draft, to its author alone', async () => {
    const s = suggestions();
    const draft = { ...GOOD_DRAFT, title: '' };
    const reply = await s.submit({ channel: CH, space: 'S1', caller: ann, draft });
    expect(reply).toMatchObject({ visibility: 'private', kind: 'suggestion-problems', draft });
  });

  it('hands the approved questions, model answers included, to the admin who exports them alone', async () => {
    const s = suggestions();
    await s.submit({ channel: CH, space: 'S1', caller: ann, draft: GOOD_DRAFT });
    await s.decide(CH, 'S1', 'team-1', 'approve');
    const reply = await s.export(CH, 'S1');
    expect(reply).toMatchObject({ visibility: 'private', kind: 'export' });
    expect(reply.kind === 'export' ? reply.files : []).toHaveLength(1);
  });
});
