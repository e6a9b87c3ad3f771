import { expect } from 'vitest';
import type { Ephemeral, Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, type useSwitchboard, visibleText } from './e2e.ts';
import { csvUploads } from './uploads.ts';

type Harness = ReturnType<typeof useSwitchboard>;

type Button = { text: { text: string }; action_id: string; value: string; confirm?: unknown };

/** Every button of a message, in order: in actions blocks and beside sections (their accessories). */
export function buttonsOf(message: { blocks?: unknown[] }): Button[] {
  return (
    (message.blocks ?? []) as { type: string; elements?: Button[]; accessory?: Button & { type: string } }[]
  ).flatMap((block) =>
    block.type === 'actions'
      ? (block.elements ?? [])
      : block.accessory?.type === 'button'
        ? [block.accessory]
        : [],
  );
}

/** The first button of a message whose label matches. */
export function buttonLabelled(message: { blocks?: unknown[] }, label: RegExp): Button | undefined {
  return buttonsOf(message).find((button) => label.test(button.text.text));
}

/** The Undo of an import as an admin does it: the button, the question it asks, and the answer. */
export function importUndo(sb: Harness) {
  const { press } = csvUploads(sb);

  /** Clicks a button of an ephemeral message the admin sees. */
  async function pressEphemeral(prompt: Ephemeral, label: RegExp, user = ADMIN_ID) {
    const button = buttonLabelled(prompt, label);
    if (!button) throw new Error(`no button ${label} on: ${visibleText(prompt)}`);
    const ack = await sb.slack.click({
      user,
      actionId: button.action_id,
      value: button.value,
      message: { ephemeralId: prompt.id },
    });
    expect(ack.status).toBe(200);
  }

  /** Presses Undo on a message in the channel and returns the question it asks (an ephemeral message). */
  async function askUndo(message: Message, user = ADMIN_ID): Promise<Ephemeral> {
    const before = sb.slack.ephemerals(user, CHANNEL).length;
    await press(message, /^Undo import$/, user);
    return sb.slack.waitFor(() => sb.slack.ephemerals(user, CHANNEL)[before]);
  }

  /** Confirms the question and waits until it is answered in its place. */
  async function confirmUndo(prompt: Ephemeral, user = ADMIN_ID): Promise<string> {
    await pressEphemeral(prompt, /^Undo import$/, user);
    return sb.slack.waitFor(() => {
      const now = sb.slack.ephemerals(user, CHANNEL).find((e) => e.id === prompt.id);
      const text = now && visibleText(now);
      return text && text !== visibleText(prompt) ? text : undefined;
    });
  }

  return { pressEphemeral, askUndo, confirmUndo };
}
