/** Types of blocks.js, the page's plain-JavaScript renderer, for the TypeScript tests that import it. */

export type Member = { name: string; realName: string; isBot?: boolean; deleted?: boolean };
export type Members = Record<string, Member>;
export type Channels = Record<string, { name: string }>;

export type RenderContext = {
  users?: Members;
  channels?: Channels;
  /** Inline errors of a modal, by block_id. */
  errors?: Record<string, string>;
  /** What the person entered, by block_id, kept when the view is drawn again. */
  drafts?: Record<string, unknown>;
};

export type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };

export type InputElement = { type: string; action_id?: string; [key: string]: unknown };

export type InputState = { type: string; [field: string]: unknown };

export function chosenChips(names: string[]): string;
export function escapeHtml(text: unknown): string;
export function memberName(users: Members | undefined, id: string): string | undefined;
export function mrkdwnToHtml(text: string, users?: Members, channels?: Channels): string;
export function slackDate(name: string, fallback: string | undefined): string;
export function textToHtml(text: TextObject | undefined, ctx?: RenderContext): string;
export function renderBlocks(blocks: unknown, ctx?: RenderContext): string;
export function renderFiles(files: unknown): string;
export function inputValue(element: InputElement, raw: unknown): InputState | undefined;
export function isEmptyInput(value: InputState | undefined): boolean;
export function inputBlocks(blocks: unknown): { blockId: string; element: InputElement; optional: boolean }[];
