import {
  checkArray,
  checkConfirm,
  checkOptions,
  checkString,
  checkStyle,
  checkText,
  checkUniqueId,
  isObject,
  type Json,
  type Problems,
} from './checks.ts';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker'];

/** Which element types each place accepts (docs.slack.dev block reference). */
export const PLACEMENT = {
  actions: new Set([
    'button',
    'checkboxes',
    'overflow',
    'radio_buttons',
    'workflow_button',
    'rich_text_input',
    ...SELECTS,
    ...MULTI_SELECTS,
    ...PICKERS,
  ]),
  accessory: new Set([
    'button',
    'checkboxes',
    'image',
    'overflow',
    'radio_buttons',
    'workflow_button',
    ...SELECTS,
    ...MULTI_SELECTS,
    ...PICKERS,
  ]),
  input: new Set([
    'checkboxes',
    'email_text_input',
    'file_input',
    'number_input',
    'plain_text_input',
    'radio_buttons',
    'rich_text_input',
    'url_text_input',
    ...SELECTS,
    ...MULTI_SELECTS,
    ...PICKERS,
  ]),
};

export function checkElement(
  p: Problems,
  value: unknown,
  pointer: string,
  allowed: Set<string>,
  actionIds: Set<string>,
) {
  if (!isObject(value)) {
    p.add(pointer, 'must be an element object');
    return;
  }
  const type = value.type;
  if (typeof type !== 'string') {
    p.add(`${pointer}/type`, 'is required');
    return;
  }
  if (!allowed.has(type)) {
    p.add(`${pointer}/type`, `element type "${type}" is not allowed here`);
    return;
  }
  if (type !== 'image') checkUniqueId(p, actionIds, value.action_id, `${pointer}/action_id`, 'action_id');
  checkConfirm(p, value.confirm, `${pointer}/confirm`);
  checkText(p, value.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true, required: false });
  checkByType(p, type, value, pointer);
}

function checkByType(p: Problems, type: string, el: Json, pointer: string): void {
  if (type.endsWith('static_select')) {
    checkStaticSelect(p, el, pointer);
    return;
  }
  if (type.startsWith('multi_')) {
    checkMaxSelected(p, el, pointer);
    return;
  }
  switch (type) {
    case 'button':
      checkText(p, el.text, `${pointer}/text`, { max: 75, plainOnly: true });
      checkString(p, el.value, `${pointer}/value`, { max: 2000 });
      checkString(p, el.url, `${pointer}/url`, { max: 3000 });
      checkString(p, el.accessibility_label, `${pointer}/accessibility_label`, { max: 75 });
      checkStyle(p, el.style, `${pointer}/style`);
      return;
    case 'overflow':
      checkOptions(p, el.options, `${pointer}/options`, { min: 1, max: 5, required: true, plainOnly: true });
      return;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(p, el.options, `${pointer}/options`, {
        min: 1,
        max: 10,
        required: true,
        plainOnly: false,
      });
      return;
    case 'plain_text_input':
      checkTextInput(p, el, pointer);
      return;
    case 'file_input':
      if (
        el.max_files !== undefined &&
        !(typeof el.max_files === 'number' && el.max_files >= 1 && el.max_files <= 10)
      ) {
        p.add(`${pointer}/max_files`, 'must be between 1 and 10');
      }
      return;
    case 'image':
      if (el.image_url === undefined && el.slack_file === undefined) {
        p.add(pointer, 'image_url or slack_file is required');
      }
      checkString(p, el.image_url, `${pointer}/image_url`, { max: 3000 });
      checkString(p, el.alt_text, `${pointer}/alt_text`, { max: 2000, min: 1, required: true });
      return;
  }
}

function checkStaticSelect(p: Problems, el: Json, pointer: string): void {
  if (el.options !== undefined && el.option_groups !== undefined) {
    p.add(pointer, 'must provide either options or option_groups, not both');
  }
  if (el.options === undefined && el.option_groups === undefined) p.add(`${pointer}/options`, 'is required');
  const values = new Set<string>();
  const collect = (options: unknown[]) => {
    for (const option of options) {
      if (isObject(option) && typeof option.value === 'string') values.add(option.value);
    }
  };
  collect(checkOptions(p, el.options, `${pointer}/options`, { max: 100, plainOnly: true }));
  checkArray(p, el.option_groups, `${pointer}/option_groups`, { max: 100 }).forEach((group, i) => {
    const at = `${pointer}/option_groups/${i}`;
    if (!isObject(group)) {
      p.add(at, 'must be an option group object');
      return;
    }
    checkText(p, group.label, `${at}/label`, { max: 75, plainOnly: true });
    collect(checkOptions(p, group.options, `${at}/options`, { max: 100, required: true, plainOnly: true }));
  });
  const initial = el.initial_option === undefined ? [] : [el.initial_option];
  const initials = Array.isArray(el.initial_options) ? el.initial_options : initial;
  initials.forEach((option, i) => {
    const value = isObject(option) ? option.value : undefined;
    if (typeof value !== 'string' || !values.has(value)) {
      p.add(
        `${pointer}/initial_option${Array.isArray(el.initial_options) ? `s/${i}` : ''}`,
        'must match one of the options',
      );
    }
  });
  checkMaxSelected(p, el, pointer);
}

function checkMaxSelected(p: Problems, el: Json, pointer: string): void {
  if (
    el.max_selected_items !== undefined &&
    !(typeof el.max_selected_items === 'number' && el.max_selected_items >= 1)
  ) {
    p.add(`${pointer}/max_selected_items`, 'must be at least 1');
  }
}

function checkTextInput(p: Problems, el: Json, pointer: string): void {
  const min = el.min_length;
  const max = el.max_length;
  if (min !== undefined && !(typeof min === 'number' && min >= 0 && min <= 3000)) {
    p.add(`${pointer}/min_length`, 'must be between 0 and 3000');
  }
  if (max !== undefined && !(typeof max === 'number' && max >= 1)) {
    p.add(`${pointer}/max_length`, 'must be at least 1');
  }
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    p.add(`${pointer}/max_length`, 'must not be less than min_length');
  }
}
