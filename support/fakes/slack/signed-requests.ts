/**
 * Requests as Slack sends them to an app's Request URL, signed the way Slack signs them:
 * `X-Slack-Signature: v0=HMAC-SHA256(signing secret, "v0:<timestamp>:<body>")`. Slash commands are
 * form-encoded, interactivity is a form field `payload` holding JSON, events are JSON.
 */
import { createHmac } from 'node:crypto';
import type { BlockButtonAction, SlashCommand } from '@slack/bolt';
import type { MessageEvent } from '@slack/types';
import { FAKE_BOT } from './fake-slack-api.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. Slack rejects anything five minutes off. */
  timestamp?: number;
  /** Sets `X-Slack-Retry-Num` (and a retry reason), as Slack does on redelivery. */
  retryNum?: number;
  /** Replaces the computed signature, to test rejection. */
  signature?: string;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  secret: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
    ...(options.retryNum !== undefined
      ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {}),
  };
}

export type SlashCommandFields = Pick<SlashCommand, 'text' | 'user_id' | 'channel_id' | 'response_url'> &
  Partial<SlashCommand>;

export function slashCommandPayload(fields: SlashCommandFields): SlashCommand {
  return {
    token: 'verification-token-unused',
    command: '/quiz',
    trigger_id: 'trigger-1',
    user_name: fields.user_id.toLowerCase(),
    team_id: FAKE_BOT.teamId,
    team_domain: 'fake',
    channel_name: 'general',
    api_app_id: 'A0001',
    ...fields,
  };
}

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams(slashCommandPayload(fields) as unknown as Record<string, string>).toString();
}

export function eventCallbackBody(event: MessageEvent, eventId: string): string {
  return JSON.stringify({
    token: 'verification-token-unused',
    team_id: FAKE_BOT.teamId,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        team_id: FAKE_BOT.teamId,
        user_id: FAKE_BOT.userId,
        is_bot: true,
        enterprise_id: null,
        is_enterprise_install: false,
      },
    ],
    event,
  });
}

/** A button press in an (ephemeral) message, as Slack posts it to the Interactivity Request URL. */
export function buttonPressPayload(press: {
  actionId: string;
  value: string;
  user: { id: string; name: string };
  channelId: string;
  responseUrl: string;
}): BlockButtonAction {
  return {
    type: 'block_actions',
    token: 'verification-token-unused',
    api_app_id: 'A0001',
    trigger_id: 'trigger-2',
    response_url: press.responseUrl,
    team: { id: FAKE_BOT.teamId, domain: 'fake' },
    user: { id: press.user.id, username: press.user.name, name: press.user.name, team_id: FAKE_BOT.teamId },
    channel: { id: press.channelId, name: 'general' },
    container: { type: 'message', message_ts: '1795100000.000050', channel_id: press.channelId, is_ephemeral: true },
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: 'practice',
        action_ts: String(Date.now() / 1000),
        value: press.value,
        text: { type: 'plain_text', text: 'Reveal answer' },
      },
    ],
  };
}

/**
 * A click on a button of a message in the channel (a round's question), as Slack sends it: the
 * container names the message, `message` carries it with its blocks, the action its block and value.
 */
export function channelButtonPayload(press: {
  button: { action_id: string; value: string; block_id?: string; text?: { text?: string } };
  user: { id: string; name: string };
  channelId: string;
  message: { ts: string; text?: unknown; blocks?: unknown };
  responseUrl: string;
}): BlockButtonAction {
  return {
    type: 'block_actions',
    token: 'verification-token-unused',
    api_app_id: 'A0001',
    trigger_id: 'trigger-3',
    response_url: press.responseUrl,
    team: { id: FAKE_BOT.teamId, domain: 'fake' },
    user: { id: press.user.id, username: press.user.name, name: press.user.name, team_id: FAKE_BOT.teamId },
    channel: { id: press.channelId, name: 'general' },
    container: { type: 'message', message_ts: press.message.ts, channel_id: press.channelId, is_ephemeral: false },
    message: {
      type: 'message',
      ts: press.message.ts,
      bot_id: FAKE_BOT.botId,
      text: String(press.message.text ?? ''),
      blocks: press.message.blocks,
    },
    actions: [
      {
        type: 'button',
        action_id: press.button.action_id,
        block_id: press.button.block_id ?? 'actions',
        action_ts: String(Date.now() / 1000),
        value: press.button.value,
        text: { type: 'plain_text', text: press.button.text?.text ?? '' },
      },
    ],
  } as BlockButtonAction;
}

export function blockActionsBody(payload: BlockButtonAction): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function urlVerificationBody(challenge: string): string {
  return JSON.stringify({ token: 'verification-token-unused', challenge, type: 'url_verification' });
}

/** Posts signed requests to one app endpoint, e.g. `http://127.0.0.1:<port>/slack/events`. */
export class SlackRequestSender {
  constructor(
    readonly endpoint: string,
    private readonly secret: string,
  ) {}

  send(body: string, contentType: string, options: SignOptions = {}): Promise<Response> {
    return fetch(this.endpoint, {
      method: 'POST',
      headers: signedHeaders(this.secret, body, contentType, options),
      body,
    });
  }

  slashCommand(fields: SlashCommandFields, options?: SignOptions): Promise<Response> {
    return this.send(slashCommandBody(fields), FORM, options);
  }

  event(event: MessageEvent, eventId: string, options?: SignOptions): Promise<Response> {
    return this.send(eventCallbackBody(event, eventId), JSON_TYPE, options);
  }

  blockAction(payload: BlockButtonAction, options?: SignOptions): Promise<Response> {
    return this.send(blockActionsBody(payload), FORM, options);
  }

  urlVerification(challenge: string, options?: SignOptions): Promise<Response> {
    return this.send(urlVerificationBody(challenge), JSON_TYPE, options);
  }
}
