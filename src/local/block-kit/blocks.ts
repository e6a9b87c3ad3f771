import {
  checkArray,
  checkString,
  checkText,
  checkUniqueId,
  isObject,
  type Json,
  type Problems,
} from './checks.ts';
import { checkElement, PLACEMENT } from './elements.ts';

/** Validates each block of a list; the count limit belongs to the surface (50 for messages, 100 for views). */
export function checkBlockList(p: Problems, blocks: unknown[], pointer: string): void {
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block)) {
      p.add(at, 'must be a block object');
      return;
    }
    checkUniqueId(p, blockIds, block.block_id, `${at}/block_id`, 'block_id');
    checkBlock(p, block, at);
  });
}

function checkBlock(p: Problems, block: Json, at: string): void {
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section':
      checkSection(p, block, at, actionIds);
      return;
    case 'header':
      checkText(p, block.text, `${at}/text`, { max: 150, plainOnly: true });
      return;
    case 'divider':
      return;
    case 'context':
      checkArray(p, block.elements, `${at}/elements`, { min: 1, max: 10, required: true }).forEach(
        (el, i) => {
          if (isObject(el) && el.type === 'image') {
            checkElement(p, el, `${at}/elements/${i}`, new Set(['image']), actionIds);
          } else {
            checkText(p, el, `${at}/elements/${i}`, { max: 3000 });
          }
        },
      );
      return;
    case 'actions':
      checkArray(p, block.elements, `${at}/elements`, { min: 1, max: 25, required: true }).forEach(
        (el, i) => {
          checkElement(p, el, `${at}/elements/${i}`, PLACEMENT.actions, actionIds);
        },
      );
      return;
    case 'input':
      checkText(p, block.label, `${at}/label`, { max: 2000, plainOnly: true });
      checkText(p, block.hint, `${at}/hint`, { max: 2000, plainOnly: true, required: false });
      if (block.element === undefined) {
        p.add(`${at}/element`, 'is required');
        return;
      }
      checkElement(p, block.element, `${at}/element`, PLACEMENT.input, actionIds);
      return;
    case 'image':
      if (block.image_url === undefined && block.slack_file === undefined) {
        p.add(at, 'image_url or slack_file is required');
      }
      checkString(p, block.image_url, `${at}/image_url`, { max: 3000 });
      checkString(p, block.alt_text, `${at}/alt_text`, { max: 2000, min: 1, required: true });
      checkText(p, block.title, `${at}/title`, { max: 2000, plainOnly: true, required: false });
      return;
    case 'markdown':
      checkString(p, block.text, `${at}/text`, { max: 12_000, min: 1, required: true });
      return;
    case 'rich_text':
      checkArray(p, block.elements, `${at}/elements`, { max: Number.POSITIVE_INFINITY, required: true });
      return;
    case 'table':
      checkArray(p, block.rows, `${at}/rows`, { min: 1, max: 100, required: true }).forEach((row, i) => {
        checkArray(p, row, `${at}/rows/${i}`, { min: 1, max: 20, required: true });
      });
      return;
    case 'file':
      checkString(p, block.external_id, `${at}/external_id`, { max: 255, min: 1, required: true });
      return;
    case 'video':
      checkText(p, block.title, `${at}/title`, { max: 199, plainOnly: true });
      checkString(p, block.video_url, `${at}/video_url`, { max: 3000, required: true });
      checkString(p, block.thumbnail_url, `${at}/thumbnail_url`, { max: 3000, required: true });
      checkString(p, block.alt_text, `${at}/alt_text`, { max: 2000, required: true });
      return;
    default:
      p.add(`${at}/type`, `unsupported block type ${JSON.stringify(block.type)}`);
      return;
  }
}

function checkSection(p: Problems, block: Json, at: string, actionIds: Set<string>): void {
  if (block.text === undefined && block.fields === undefined) p.add(at, 'must provide either text or fields');
  checkText(p, block.text, `${at}/text`, { max: 3000, required: false });
  checkArray(p, block.fields, `${at}/fields`, { min: 1, max: 10 }).forEach((field, i) => {
    checkText(p, field, `${at}/fields/${i}`, { max: 2000 });
  });
  if (block.accessory !== undefined) {
    checkElement(p, block.accessory, `${at}/accessory`, PLACEMENT.accessory, actionIds);
  }
}

/** Sum of every `text` string in the blocks; Slack answers `msg_blocks_too_long` somewhere past ~12,000. */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blocksTextLength(item), 0);
  if (!isObject(value)) return 0;
  return Object.entries(value).reduce(
    (sum, [key, child]) =>
      sum + (key === 'text' && typeof child === 'string' ? child.length : blocksTextLength(child)),
    0,
  );
}

export function hasInputBlock(blocks: unknown[]): boolean {
  return blocks.some((block) => isObject(block) && block.type === 'input');
}

export function inputBlockIds(blocks: unknown[]): string[] {
  return blocks.flatMap((block) =>
    isObject(block) && block.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : [],
  );
}
