/**
 * Slack's modals, as the fake holds them: the limits `views.open` and `views.update` check (refused
 * with `invalid_arguments`, as Slack does), trigger ids that expire 3 seconds after the interaction
 * that gave them and work once, the `view_submission` payload a user's client sends (which, like
 * Slack's client, will not send a required input empty or a value over its max_length), and what
 * Slack makes of the app's answer to it (`response_action`: errors, update, clear, or close).
 */
import type { ViewSubmitAction } from '@slack/bolt';

export const MODAL_LIMITS = {
  titleText: 24,
  buttonText: 24,
  callbackId: 255,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  /** A trigger_id is good for 3 seconds after the interaction that carried it. */
  triggerMs: 3000,
} as const;

export interface InputBlock {
  type: 'input';
  block_id?: string;
  optional?: boolean;
  label?: { text?: string };
  hint?: { text?: string };
  element?: {
    type?: string;
    action_id?: string;
    initial_value?: string;
    max_length?: number;
    min_length?: number;
    placeholder?: { text?: string };
  };
}

export interface ModalView {
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  title?: { text?: string };
  submit?: { text?: string };
  close?: { text?: string };
  blocks?: ({ type?: string } & Partial<InputBlock>)[];
}

const length = (text: unknown): number => (typeof text === 'string' ? text.length : 0);

/** Why Slack refuses a modal (`invalid_arguments`), or undefined when it takes it. */
export function modalViolation(view: ModalView): string | undefined {
  if (view.type !== 'modal') return 'view.type must be modal';
  const title = length(view.title?.text);
  if (title < 1 || title > MODAL_LIMITS.titleText) return `title must be 1 to ${MODAL_LIMITS.titleText} characters`;
  for (const which of ['submit', 'close'] as const)
    if (length(view[which]?.text) > MODAL_LIMITS.buttonText)
      return `${which} over ${MODAL_LIMITS.buttonText} characters`;
  if (length(view.callback_id) > MODAL_LIMITS.callbackId) return 'callback_id too long';
  if (length(view.private_metadata) > MODAL_LIMITS.privateMetadata) return 'private_metadata too long';
  const blocks = view.blocks ?? [];
  const inputs = blocks.filter((b) => b.type === 'input') as InputBlock[];
  // A modal with inputs needs a submit button.
  if (inputs.length > 0 && !view.submit) return 'a view with input blocks needs submit';
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const at = `blocks[${i}]`;
    if (block.block_id !== undefined) {
      if (length(block.block_id) > MODAL_LIMITS.blockId) return `${at}: block_id too long`;
      if (ids.has(block.block_id)) return `${at}: duplicate block_id ${block.block_id}`;
      ids.add(block.block_id);
    }
    if (block.type !== 'input') continue;
    const input = block as InputBlock;
    if (length(input.label?.text) < 1 || length(input.label?.text) > MODAL_LIMITS.label) return `${at}: label`;
    if (length(input.hint?.text) > MODAL_LIMITS.hint) return `${at}: hint too long`;
    const element = input.element;
    if (element?.type !== 'plain_text_input') continue;
    if (length(element.action_id) > MODAL_LIMITS.actionId) return `${at}: action_id too long`;
    if (length(element.placeholder?.text) > MODAL_LIMITS.placeholder) return `${at}: placeholder too long`;
    const max = element.max_length ?? MODAL_LIMITS.inputMaxLength;
    if (max < 1 || max > MODAL_LIMITS.inputMaxLength)
      return `${at}: max_length must be 1 to ${MODAL_LIMITS.inputMaxLength}`;
    if (length(element.initial_value) > max) return `${at}: initial_value longer than max_length`;
  }
  return undefined;
}

/** Trigger ids handed out with interactions: each opens one view, within 3 seconds. */
export class Triggers {
  private readonly issued = new Map<string, { at: number; used: boolean }>();
  private count = 0;

  constructor(private readonly now: () => number) {}

  issue(): string {
    this.count += 1;
    const id = `${1000 + this.count}.${4242}.${this.count.toString(16).padStart(8, '0')}`;
    this.issued.set(id, { at: this.now(), used: false });
    return id;
  }

  /** Slack's error for a trigger_id, or undefined when it may open a view (and is now used). */
  use(id: unknown): string | undefined {
    const trigger = this.issued.get(String(id));
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (this.now() - trigger.at > MODAL_LIMITS.triggerMs) return 'expired_trigger_id';
    trigger.used = true;
    return undefined;
  }
}

/** The input blocks of a view, in order. */
export function inputsOf(view: ModalView): InputBlock[] {
  return (view.blocks ?? []).filter((b) => b.type === 'input') as InputBlock[];
}

/** `state.values` for what a user typed by block id; other inputs keep their initial value. */
export function submittedValues(view: ModalView, typed: Record<string, string>) {
  const inputs = inputsOf(view);
  for (const id of Object.keys(typed))
    if (!inputs.some((i) => i.block_id === id)) throw new Error(`the view has no input block ${id}`);
  const values: Record<string, Record<string, { type: 'plain_text_input'; value: string | null }>> = {};
  for (const input of inputs) {
    const id = input.block_id ?? '';
    const value = typed[id] ?? input.element?.initial_value ?? '';
    if (!input.optional && value.trim() === '') throw new Error(`input ${id} is required`);
    if (value.length > (input.element?.max_length ?? MODAL_LIMITS.inputMaxLength))
      throw new Error(`input ${id} is longer than its max_length`);
    values[id] = { [input.element?.action_id ?? '']: { type: 'plain_text_input', value: value === '' ? null : value } };
  }
  return values;
}

/** A view_submission payload, as Slack posts it to the Interactivity Request URL. */
export function viewSubmissionPayload(input: {
  viewId: string;
  view: ModalView;
  user: { id: string; name: string };
  teamId: string;
  typed: Record<string, string>;
}): ViewSubmitAction {
  return {
    type: 'view_submission',
    team: { id: input.teamId, domain: 'fake' },
    user: { id: input.user.id, name: input.user.name, team_id: input.teamId },
    api_app_id: 'A0001',
    token: 'verification-token-unused',
    trigger_id: 'trigger-view',
    view: {
      id: input.viewId,
      team_id: input.teamId,
      type: 'modal',
      blocks: input.view.blocks ?? [],
      private_metadata: input.view.private_metadata ?? '',
      callback_id: input.view.callback_id ?? '',
      state: { values: submittedValues(input.view, input.typed) },
      hash: 'h',
      title: { type: 'plain_text', text: input.view.title?.text ?? '' },
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: input.viewId,
      app_id: 'A0001',
      external_id: '',
      app_installed_team_id: input.teamId,
      bot_id: 'BBOT',
    },
  } as unknown as ViewSubmitAction;
}

/** What the modal looks like after the app's answer to a submission. */
export type ViewOutcome =
  | { kind: 'closed' }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'updated'; view: ModalView }
  /** Slack shows "We had some trouble connecting" and the modal stays as it was. */
  | { kind: 'refused'; why: string };

/** Reads the HTTP answer to a view_submission as Slack does. */
export function viewOutcome(view: ModalView, status: number, body: string): ViewOutcome {
  if (status !== 200) return { kind: 'refused', why: `HTTP ${status}` };
  if (body.trim() === '') return { kind: 'closed' };
  const answer = JSON.parse(body) as { response_action?: string; errors?: Record<string, string>; view?: ModalView };
  switch (answer.response_action) {
    case undefined:
    case 'clear':
      return { kind: 'closed' };
    case 'errors': {
      const inputs = new Set(inputsOf(view).map((i) => i.block_id));
      const unknown = Object.keys(answer.errors ?? {}).filter((id) => !inputs.has(id));
      if (unknown.length > 0 || Object.keys(answer.errors ?? {}).length === 0)
        return { kind: 'refused', why: `errors for blocks that are not inputs: ${unknown.join(', ')}` };
      return { kind: 'errors', errors: answer.errors ?? {} };
    }
    case 'update': {
      const wrong = answer.view ? modalViolation(answer.view) : 'no view';
      return wrong ? { kind: 'refused', why: wrong } : { kind: 'updated', view: answer.view as ModalView };
    }
    default:
      return { kind: 'refused', why: `unknown response_action ${answer.response_action}` };
  }
}

/** The view with these values in its inputs (what a user sees after typing them). */
export function withValues(view: ModalView, values: Record<string, string>): ModalView {
  return {
    ...view,
    blocks: (view.blocks ?? []).map((b) =>
      b.type === 'input' && b.block_id !== undefined && values[b.block_id] !== undefined
        ? { ...b, element: { ...b.element, initial_value: values[b.block_id] } }
        : b,
    ),
  };
}
