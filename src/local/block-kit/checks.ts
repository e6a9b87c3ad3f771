/** Collects `"[ERROR] <pointer>: <reason>"` lines, the shape Slack puts in `response_metadata.messages`. */
export class Problems {
  readonly list: string[] = [];

  add(pointer: string, reason: string): void {
    this.list.push(`[ERROR] ${pointer}: ${reason}`);
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkString(
  p: Problems,
  value: unknown,
  pointer: string,
  opts: { max: number; required?: boolean; min?: number },
): void {
  if (value === undefined) {
    if (opts.required) p.add(pointer, 'is required');
    return;
  }
  if (typeof value !== 'string') {
    p.add(pointer, 'must be a string');
    return;
  }
  const min = opts.min ?? 0;
  if (value.length < min)
    p.add(pointer, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (value.length > opts.max) p.add(pointer, `must be at most ${opts.max} characters (got ${value.length})`);
}

export function checkArray(
  p: Problems,
  value: unknown,
  pointer: string,
  opts: { max: number; min?: number; required?: boolean },
): unknown[] {
  if (value === undefined) {
    if (opts.required) p.add(pointer, 'is required');
    return [];
  }
  if (!Array.isArray(value)) {
    p.add(pointer, 'must be an array');
    return [];
  }
  if (value.length < (opts.min ?? 0)) p.add(pointer, `must provide at least ${opts.min} items`);
  if (value.length > opts.max) {
    p.add(pointer, `must provide no more than ${opts.max} items (got ${value.length})`);
  }
  return value;
}

/** A text composition object; `plainOnly` where Slack accepts only `plain_text` (headers, buttons, titles). */
export function checkText(
  p: Problems,
  value: unknown,
  pointer: string,
  opts: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (opts.required ?? true) p.add(pointer, 'is required');
    return;
  }
  if (!isObject(value)) {
    p.add(pointer, 'must be a text object');
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    p.add(`${pointer}/type`, 'must be plain_text or mrkdwn');
    return;
  }
  if (opts.plainOnly && value.type !== 'plain_text') p.add(`${pointer}/type`, 'must be plain_text');
  checkString(p, value.text, `${pointer}/text`, { max: opts.max, min: 1, required: true });
}

export function checkStyle(p: Problems, value: unknown, pointer: string): void {
  if (value !== undefined && value !== 'primary' && value !== 'danger') {
    p.add(pointer, 'must be primary or danger');
  }
}

export function checkConfirm(p: Problems, value: unknown, pointer: string): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    p.add(pointer, 'must be a confirmation dialog object');
    return;
  }
  checkText(p, value.title, `${pointer}/title`, { max: 100, plainOnly: true });
  checkText(p, value.text, `${pointer}/text`, { max: 300 });
  checkText(p, value.confirm, `${pointer}/confirm`, { max: 30, plainOnly: true });
  checkText(p, value.deny, `${pointer}/deny`, { max: 30, plainOnly: true });
  checkStyle(p, value.style, `${pointer}/style`);
}

/** Option `value` allows 150 per the option-object page; `@slack/types` still says 75, which is outdated. */
export function checkOption(
  p: Problems,
  value: unknown,
  pointer: string,
  opts: { plainOnly: boolean },
): void {
  if (!isObject(value)) {
    p.add(pointer, 'must be an option object');
    return;
  }
  checkText(p, value.text, `${pointer}/text`, { max: 75, plainOnly: opts.plainOnly });
  checkString(p, value.value, `${pointer}/value`, { max: 150, required: true });
  checkText(p, value.description, `${pointer}/description`, { max: 75, required: false });
  checkString(p, value.url, `${pointer}/url`, { max: 3000 });
}

export function checkOptions(
  p: Problems,
  value: unknown,
  pointer: string,
  opts: { max: number; min?: number; required?: boolean; plainOnly: boolean },
): unknown[] {
  const options = checkArray(p, value, pointer, opts);
  options.forEach((option, i) => {
    checkOption(p, option, `${pointer}/${i}`, { plainOnly: opts.plainOnly });
  });
  return options;
}

/** block_id and action_id are capped at 255 and must be unique within their scope. */
export function checkUniqueId(
  p: Problems,
  seen: Set<string>,
  value: unknown,
  pointer: string,
  what: string,
): void {
  if (value === undefined) return;
  checkString(p, value, pointer, { max: 255, min: 1 });
  if (typeof value !== 'string') return;
  if (seen.has(value)) p.add(pointer, `${what} "${value}" is already used`);
  seen.add(value);
}
