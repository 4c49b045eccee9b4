import type { SlashCommand } from '@slack/bolt';
import type { GenericMessageEvent, MessageChangedEvent, MessageEvent } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  parseCommandText,
  toCommandRequest,
  toPracticeReveal,
  toThreadEvent,
} from '../../../src/adapters/slack/translate.ts';
import { buttonPressPayload, slashCommandPayload } from '../../fakes/slack/signed-requests.ts';

const command = (text: string): SlashCommand =>
  slashCommandPayload({
    text,
    user_id: 'U1',
    user_name: 'ann',
    channel_id: 'C1',
    response_url: 'https://hooks.slack.test/1',
  });

const reply = (overrides: Partial<GenericMessageEvent> = {}): GenericMessageEvent => ({
  type: 'message',
  subtype: undefined,
  channel: 'C1',
  channel_type: 'channel',
  user: 'U2',
  text: 'take a lock',
  ts: '1795100000.000200',
  thread_ts: '1795100000.000100',
  event_ts: '1795100000.000200',
  ...overrides,
});

describe('slack translation: slash commands', () => {
  it('passes the words after /quiz to the core with the slack channel id and the workspace', () => {
    expect(toCommandRequest(command('schedule 09:30 America/New_York'), { id: 'U1', name: 'Ann' }, true)).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U1', name: 'Ann' },
      isAdmin: true,
      text: 'schedule 09:30 America/New_York',
      space: 'T0001',
    });
  });

  it('turns the first mention into the target and shows it as @name', () => {
    expect(parseCommandText('streak <@U123|bob>')).toEqual({
      text: 'streak @bob',
      target: { id: 'U123', name: 'bob' },
    });
  });

  it('uses the user id as the name of a mention that carries none', () => {
    expect(parseCommandText('streak <@W42>')).toEqual({ text: 'streak @W42', target: { id: 'W42', name: 'W42' } });
  });

  it('gives the core the characters Slack sent as entities', () => {
    expect(parseCommandText('answer a &lt; b &amp;&amp; c &gt; d')).toEqual({ text: 'answer a < b && c > d' });
  });

  it('does not read &amp;lt; twice', () => {
    expect(parseCommandText('answer &amp;lt;').text).toBe('answer &lt;');
  });

  it('leaves special mentions as text, for the renderer to escape', () => {
    expect(parseCommandText('<!channel> <!subteam^S1|@devs>')).toEqual({ text: '<!channel> <!subteam^S1|@devs>' });
  });

  it('trims an empty command to the empty string (practice)', () => {
    expect(parseCommandText('   ').text).toBe('');
  });
});

describe('slack translation: thread messages', () => {
  it('turns a reply in a thread into a thread message named by the thread ts', () => {
    expect(toThreadEvent(reply())).toEqual({
      kind: 'reply',
      message: {
        channel: 'slack:C1',
        threadId: '1795100000.000100',
        messageId: '1795100000.000200',
        author: { id: 'U2', name: 'U2', isBot: false },
        text: 'take a lock',
      },
    });
  });

  it('ignores the thread parent and messages outside threads', () => {
    expect(toThreadEvent(reply({ thread_ts: '1795100000.000200' }))).toBeNull();
    expect(toThreadEvent(reply({ thread_ts: undefined }))).toBeNull();
  });

  it('flags messages with a bot_id as bots', () => {
    const event = toThreadEvent(
      reply({ bot_id: 'B9', bot_profile: { name: 'otherbot' } as GenericMessageEvent['bot_profile'] }),
    );
    expect(event?.kind === 'reply' && event.message.author).toEqual({ id: 'U2', name: 'otherbot', isBot: true });
  });

  it('flags bot_message subtypes as bots, named by their username', () => {
    const event: MessageEvent = {
      type: 'message',
      subtype: 'bot_message',
      channel: 'C1',
      channel_type: 'channel',
      bot_id: 'B7',
      username: 'ci',
      text: 'build ok',
      ts: '2.0',
      thread_ts: '1.0',
      event_ts: '2.0',
    };
    const translated = toThreadEvent(event);
    expect(translated?.kind === 'reply' && translated.message.author).toEqual({ id: 'B7', name: 'ci', isBot: true });
  });

  it('turns a deleted thread reply into a deletion, and ignores a deleted thread parent', () => {
    const deleted = (threadTs: string | undefined, deletedTs: string) =>
      ({
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        channel_type: 'channel',
        ts: '9.0',
        deleted_ts: deletedTs,
        event_ts: '9.0',
        hidden: true,
        previous_message: {
          type: 'message',
          user: 'U2',
          text: 'oops',
          ts: deletedTs,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
      }) as unknown as MessageEvent;
    expect(toThreadEvent(deleted('1.0', '2.0'))).toEqual({
      kind: 'delete',
      message: { channel: 'slack:C1', threadId: '1.0', messageId: '2.0' },
    });
    expect(toThreadEvent(deleted('1.0', '1.0'))).toBeNull();
    expect(toThreadEvent(deleted(undefined, '3.0'))).toBeNull();
  });

  it('keeps replies that are also sent to the channel', () => {
    const event = { ...reply(), subtype: 'thread_broadcast' } as unknown as MessageEvent;
    expect(toThreadEvent(event)?.kind).toBe('reply');
  });

  it('ignores joins and topic changes', () => {
    const join = {
      ...reply(),
      subtype: 'channel_join',
      inviter: 'U9',
      team: 'T1',
      text: 'joined',
    } as unknown as MessageEvent;
    const topic = {
      ...reply(),
      subtype: 'channel_topic',
      topic: 'quiz',
      text: 'set the topic',
    } as unknown as MessageEvent;
    expect(toThreadEvent(join)).toBeNull();
    expect(toThreadEvent(topic)).toBeNull();
  });

  it('turns message_changed of a thread reply into an edit of that message', () => {
    const edited: MessageChangedEvent = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C1',
      channel_type: 'channel',
      ts: '1795100000.000900',
      event_ts: '1795100000.000900',
      message: reply({ text: 'take a lock &amp; join' }),
      previous_message: reply(),
    };
    expect(toThreadEvent(edited)).toEqual({
      kind: 'edit',
      message: expect.objectContaining({
        messageId: '1795100000.000200',
        threadId: '1795100000.000100',
        text: 'take a lock & join',
      }),
    });
  });

  it('ignores edits of the thread parent', () => {
    const parent = reply({ ts: '1795100000.000100' });
    const edited: MessageChangedEvent = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C1',
      channel_type: 'channel',
      ts: '9.0',
      event_ts: '9.0',
      message: parent,
      previous_message: parent,
    };
    expect(toThreadEvent(edited)).toBeNull();
  });
});

describe('slack translation: the Reveal answer button', () => {
  it('reports who pressed it and in which channel', () => {
    const body = buttonPressPayload({
      actionId: 'quiz_practice_reveal',
      value: 'q1',
      user: { id: 'U3', name: 'cy' },
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.test/2',
    });
    expect(toPracticeReveal(body)).toEqual({
      channel: 'slack:C1',
      caller: { id: 'U3', name: 'cy' },
      questionId: 'q1',
      space: 'T0001',
    });
  });

  it('falls back to the container channel, and to nothing', () => {
    const body = buttonPressPayload({
      actionId: 'quiz_practice_reveal',
      value: 'q1',
      user: { id: 'U3', name: 'cy' },
      channelId: 'C5',
      responseUrl: 'https://hooks.slack.test/2',
    });
    expect(toPracticeReveal({ ...body, channel: undefined })).toEqual({
      channel: 'slack:C5',
      caller: { id: 'U3', name: 'cy' },
      questionId: 'q1',
      space: 'T0001',
    });
    expect(toPracticeReveal({ ...body, channel: undefined, container: {} })).toBeNull();
  });
});
