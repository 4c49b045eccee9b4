/**
 * The Slack notes that come from the adapter itself rather than the core, word for word: a form
 * that opened too late, an export the bot could not deliver, and a thread answer it could not record.
 */
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { registerListeners } from '../../src/adapters/slack/listeners.ts';
import { SlackOutbound } from '../../src/adapters/slack/outbound.ts';
import { openSuggestForm } from '../../src/adapters/slack/suggestion-listeners.ts';
import type { Reply } from '../../src/core/views.ts';
import { silentLogger } from '../../src/ports/logger.ts';

type Handler = (args: Record<string, unknown>) => Promise<void>;

const unreachable = async () => {
  throw new Error('Slack did not answer');
};

describe('slack: notes from the adapter', () => {
  it('asks to run /quiz suggest again when the form could not open in time', async () => {
    const said: unknown[] = [];
    const client = { views: { open: unreachable } } as unknown as App['client'];
    await openSuggestForm(client, (async (m: unknown) => void said.push(m)) as never, silentLogger, {
      triggerId: 't1',
      channel: 'C1',
    });
    expect(said).toEqual([
      { response_type: 'ephemeral', text: 'The form took too long to open. Please run `/quiz suggest` again.' },
    ]);
  });

  it('says the export could not be sent when the direct message fails', async () => {
    const handlers: [string, ...unknown[]][] = [];
    const client = { conversations: { open: unreachable } };
    const app = new Proxy(
      {},
      {
        get: (_target, name) =>
          name === 'client' ? client : (...args: unknown[]) => void handlers.push([String(name), ...args]),
      },
    ) as unknown as App;
    const reply: Reply = { visibility: 'private', kind: 'export', files: [{ name: 'team.md', content: '# q' }] };
    registerListeners(app, {
      inbound: { command: async () => reply },
      directory: { lookup: async () => undefined, isListedAdmin: () => true },
      inFlight: { run: (_what: string, work: () => Promise<void>) => work() },
      logger: silentLogger,
      clock: { now: () => 0 },
      problems: { forAdmin: () => undefined },
    } as never);
    const command = handlers.find(([name]) => name === 'command')!.at(-1) as Handler;
    const said: { text?: string; response_type?: string }[] = [];
    await command({
      command: { user_id: 'U1', user_name: 'ann', channel_id: 'C1', text: 'export', trigger_id: 't1' },
      ack: async () => {},
      respond: async (m: { text?: string }) => void said.push(m),
      context: {},
    });
    expect(said.map((m) => [m.response_type, m.text])).toEqual([
      ['ephemeral', 'I could not send you the export just now; please try again in a few minutes.'],
    ]);
  });

  it('tells only the author, in the thread, that an answer was not recorded', async () => {
    const sent: unknown[] = [];
    const client = { chat: { postEphemeral: async (args: unknown) => void sent.push(args) } };
    const outbound = new SlackOutbound({ client, logger: silentLogger } as never);
    await outbound.tellNotRecorded('C1', '1700000000.000100', 'U1');
    expect(sent).toEqual([
      {
        channel: 'C1',
        user: 'U1',
        thread_ts: '1700000000.000100',
        text: 'I could not record this answer just now (my database is unavailable). Please post it again in a few minutes.',
      },
    ]);
  });
});
