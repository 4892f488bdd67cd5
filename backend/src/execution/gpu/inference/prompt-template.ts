// Turns an inference agent's `promptTemplate` and a caller's input into the prompt sent to the model.
// The syntax is deliberately tiny, with no expressions, helpers, loops or conditionals, because the
// template is registered by a third party and rendered inside our worker: it must not be able to run
// code or reach anything but the caller's own input.
//
//   {{input}}            the whole input
//   {{input.a.b}}        a field of it; a segment of digits indexes an array (`{{input.items.0}}`)
//   {{ input.a }}        spaces inside the braces are allowed
//   \{{                  a literal `{{` (the backslash is dropped)
//
// A value that is a string is inserted as is; anything else (number, boolean, null, object, array) as
// compact JSON. That rule covers `{{input}}` too: an input that is a plain string reads naturally in a
// prompt, an object arrives as its JSON. Rendering is one pass: text inserted from the input is never
// parsed as a template, so a caller cannot smuggle placeholders in.
//
// Every other `{{...}}` is an error in the template (INVALID_TEMPLATE), as are the segments __proto__,
// constructor and prototype: lookups only follow the input's own properties, so those could not resolve
// to anything dangerous anyway, but refusing them makes a template that tries obvious. A field the input
// lacks is MISSING_FIELD: the template is valid, this input does not fit it.

export type PromptTemplateErrorCode =
  /** The template itself is malformed: the agent's config is at fault, whatever the input. */
  | 'INVALID_TEMPLATE'
  /** The template names a field this input does not have (or goes through a value that is not an object or array). */
  | 'MISSING_FIELD'
  /** The rendered prompt would exceed `maxLength` (a large input referenced many times). */
  | 'PROMPT_TOO_LARGE';

export class PromptTemplateError extends Error {
  override name = 'PromptTemplateError';
  readonly code: PromptTemplateErrorCode;
  constructor(code: PromptTemplateErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type PromptTemplatePart = { kind: 'text'; text: string } | { kind: 'field'; path: string[]; placeholder: string };

/** Default cap on a rendered prompt, in UTF-16 code units: far above any model's context, far below memory trouble. */
export const MAX_PROMPT_LENGTH = 1024 * 1024;

const PLACEHOLDER = /^\s*input((?:\.[A-Za-z0-9_-]+)*)\s*$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses a template into text and field parts; throws INVALID_TEMPLATE. Usable to validate a template at registration. */
export function parsePromptTemplate(template: string): PromptTemplatePart[] {
  const parts: PromptTemplatePart[] = [];
  let text = '';
  let position = 0;
  for (;;) {
    const open = template.indexOf('{{', position);
    if (open === -1) break;
    if (open > 0 && template[open - 1] === '\\') {
      text += `${template.slice(position, open - 1)}{{`;
      position = open + 2;
      continue;
    }
    const close = template.indexOf('}}', open + 2);
    if (close === -1) throw new PromptTemplateError('INVALID_TEMPLATE', `unclosed "{{" at offset ${open} (write \\{{ for a literal "{{")`);
    const placeholder = template.slice(open, close + 2);
    const match = PLACEHOLDER.exec(template.slice(open + 2, close));
    if (!match) {
      throw new PromptTemplateError('INVALID_TEMPLATE', `${quote(placeholder)} at offset ${open} is not {{input}} or {{input.field}} (write \\{{ for a literal "{{")`);
    }
    const path = match[1] ? match[1].slice(1).split('.') : [];
    const forbidden = path.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
    if (forbidden !== undefined) throw new PromptTemplateError('INVALID_TEMPLATE', `${quote(placeholder)} at offset ${open} uses the reserved name "${forbidden}"`);
    text += template.slice(position, open);
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'field', path, placeholder });
    position = close + 2;
  }
  text += template.slice(position);
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Renders `template` with `input` (a JSON value). Throws PromptTemplateError. */
export function renderPromptTemplate(template: string, input: unknown, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? MAX_PROMPT_LENGTH;
  let prompt = '';
  for (const part of parsePromptTemplate(template)) {
    prompt += part.kind === 'text' ? part.text : format(lookup(input, part.path));
    if (prompt.length > maxLength) throw new PromptTemplateError('PROMPT_TOO_LARGE', `the rendered prompt is longer than ${maxLength} characters`);
  }
  return prompt;
}

function lookup(input: unknown, path: string[]): unknown {
  let value = input;
  for (const [index, segment] of path.entries()) {
    const here = ['input', ...path.slice(0, index)].join('.');
    if (Array.isArray(value)) {
      // Only canonical indices within bounds: `length` is an own property of arrays and must not resolve.
      if (!/^(0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= value.length) {
        throw new PromptTemplateError('MISSING_FIELD', `the input has no ${here}.${segment} (${here} is an array of ${value.length})`);
      }
      value = value[Number(segment)];
    } else if (typeof value === 'object' && value !== null) {
      if (!Object.hasOwn(value, segment)) throw new PromptTemplateError('MISSING_FIELD', `the input has no field ${here}.${segment}`);
      value = (value as Record<string, unknown>)[segment];
    } else {
      throw new PromptTemplateError('MISSING_FIELD', `the input has no field ${here}.${segment} (${here} is ${value === null ? 'null' : `a ${typeof value}`})`);
    }
  }
  return value;
}

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  // The input is validated JSON, so undefined cannot occur; JSON.stringify would drop it, say so instead.
  return JSON.stringify(value) ?? 'null';
}

/** A placeholder as quoted in an error message: cut short, since it is copied from a 20 KB template. */
function quote(placeholder: string): string {
  return JSON.stringify(placeholder.length > 60 ? `${placeholder.slice(0, 57)}...` : placeholder);
}
