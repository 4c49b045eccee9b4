/**
 * Discord's modals, as the fake holds them: the limits a modal response (interaction callback
 * type 9) must keep, checked as Discord checks them (refused whole with 50035 and the field paths),
 * and the MODAL_SUBMIT data a user's client sends back, which, like Discord's client, cannot be
 * sent with a required field empty or a value outside its length bounds.
 */
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { Violation } from './limits.ts';

export const MODAL_LIMITS = {
  title: 45,
  customId: 100,
  /** Action rows of one text input each. */
  minComponents: 1,
  maxComponents: 5,
  label: 45,
  placeholder: 100,
  value: 4000,
  maxLength: 4000,
} as const;

interface TextInputLike {
  type?: number;
  custom_id?: string;
  label?: string;
  style?: number;
  min_length?: number;
  max_length?: number;
  required?: boolean;
  value?: string;
  placeholder?: string;
}

export interface ModalLike {
  custom_id?: string;
  title?: string;
  components?: { type?: number; components?: TextInputLike[] }[];
}

const length = (text: unknown): number => (typeof text === 'string' ? [...text].length : 0);

function bounded(violations: Violation[], path: string, text: unknown, min: number, max: number): void {
  const n = length(text);
  if (n < min || n > max) violations.push({ path, message: `Must be between ${min} and ${max} in length.` });
}

/** What is wrong with a modal's data; empty when Discord shows it. */
export function modalViolations(data: unknown): Violation[] {
  const modal = (data ?? {}) as ModalLike;
  const violations: Violation[] = [];
  bounded(violations, 'data.custom_id', modal.custom_id, 1, MODAL_LIMITS.customId);
  bounded(violations, 'data.title', modal.title, 1, MODAL_LIMITS.title);
  const rows = modal.components ?? [];
  if (rows.length < MODAL_LIMITS.minComponents || rows.length > MODAL_LIMITS.maxComponents)
    violations.push({
      path: 'data.components',
      message: `Must be between ${MODAL_LIMITS.minComponents} and ${MODAL_LIMITS.maxComponents} in length.`,
    });
  const ids = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const at = `data.components.${i}`;
    const inputs = row.components ?? [];
    if (row.type !== ComponentType.ActionRow || inputs.length !== 1) {
      violations.push({ path: at, message: 'An action row in a modal holds exactly one text input.' });
      continue;
    }
    const input = inputs[0] as TextInputLike;
    const path = `${at}.components.0`;
    if (input.type !== ComponentType.TextInput)
      violations.push({ path: `${path}.type`, message: 'Value of field "type" must be one of (4,).' });
    if (input.style !== TextInputStyle.Short && input.style !== TextInputStyle.Paragraph)
      violations.push({ path: `${path}.style`, message: 'Value of field "style" must be one of (1, 2).' });
    bounded(violations, `${path}.custom_id`, input.custom_id, 1, MODAL_LIMITS.customId);
    if (ids.has(input.custom_id ?? ''))
      violations.push({ path: `${path}.custom_id`, message: 'Component custom id cannot be duplicated' });
    ids.add(input.custom_id ?? '');
    bounded(violations, `${path}.label`, input.label, 1, MODAL_LIMITS.label);
    if (input.placeholder !== undefined)
      bounded(violations, `${path}.placeholder`, input.placeholder, 0, MODAL_LIMITS.placeholder);
    const max = input.max_length ?? MODAL_LIMITS.maxLength;
    if (max < 1 || max > MODAL_LIMITS.maxLength)
      violations.push({
        path: `${path}.max_length`,
        message: `int value should be between 1 and ${MODAL_LIMITS.maxLength}.`,
      });
    const min = input.min_length ?? 0;
    if (min < 0 || min > MODAL_LIMITS.maxLength)
      violations.push({
        path: `${path}.min_length`,
        message: `int value should be between 0 and ${MODAL_LIMITS.maxLength}.`,
      });
    if (input.value !== undefined)
      bounded(violations, `${path}.value`, input.value, 0, Math.min(max, MODAL_LIMITS.value));
  }
  return violations;
}

/** The text inputs of a modal, in order. */
export function textInputs(modal: ModalLike): TextInputLike[] {
  return (modal.components ?? []).flatMap((row) => row.components ?? []);
}

/**
 * The MODAL_SUBMIT data for what a user typed: fields not given keep the modal's prefilled value.
 * Throws where Discord's client would not let the user submit (a required field empty, a value too
 * long or too short), or for a field the modal does not have.
 */
export function modalSubmitData(modal: ModalLike, typed: Record<string, string>) {
  const inputs = textInputs(modal);
  for (const name of Object.keys(typed))
    if (!inputs.some((i) => i.custom_id === name)) throw new Error(`the modal has no text input ${name}`);
  return {
    custom_id: modal.custom_id,
    components: inputs.map((input) => {
      const value = typed[input.custom_id ?? ''] ?? input.value ?? '';
      const n = length(value);
      if ((input.required ?? true) && n === 0) throw new Error(`text input ${input.custom_id} is required`);
      if (n > 0 && n < (input.min_length ?? 0)) throw new Error(`text input ${input.custom_id} is too short`);
      if (n > (input.max_length ?? MODAL_LIMITS.maxLength))
        throw new Error(`text input ${input.custom_id} is too long`);
      return {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: input.custom_id, value }],
      };
    }),
  };
}
