import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../../src/local/block-kit-validator.ts';
import { linesMessage, plain } from '../../../src/slack/blocks/message.ts';
import { removalPrompt, removedMessage } from '../../../src/slack/blocks/removal.ts';
import { assignedMessage, historyMessage, listMessage } from '../../../src/slack/blocks/results.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';

const ADMIN = 'UADMIN0001';

describe('notification text', () => {
  it('drops bold, code and italics markup but keeps emoji codes and mentions', () => {
    expect(plain(':white_check_mark: *Saved* `1000` for _today_ <@U123>')).toBe(
      ':white_check_mark: Saved 1000 for today <@U123>',
    );
  });
});

describe('messages with many lines', () => {
  it('packs lines into sections of at most 3000 characters and never more than 50 blocks', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `• line ${i} ${'x'.repeat(60)}`);
    const message = linesMessage('*Summary*', lines, 'footer');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    const last = message.blocks.at(-2) as { elements: { text: string }[] };
    expect(last.elements[0]?.text).toMatch(/^…and \d+ more\.$/);
  });
});

/** The longest a directory allows: 64-character names (here full of markup to escape) and a 254-character email. */
const aCard = (i: number): PhoneUserCard => ({
  phoneUserId: i,
  directoryUserId: i,
  email: `${'x'.repeat(240)}${String(i).padStart(3, '0')}@example.com`,
  firstName: `<&>${'F'.repeat(61)}`,
  lastName: `${'L'.repeat(61)}&😀`,
  slackUserId: null,
  timezone: null,
  siteId: 1,
  site: 'S'.repeat(64),
  siteCode: null,
  extension: String(100_000 + i),
  shortExtension: String(100_000 + i),
  status: 'active',
  plans: [{ code: 200, shortName: 'P'.repeat(64) }],
  numbers: Array.from({ length: 10 }, (_, n) => `+1415555${String(i * 10 + n).padStart(4, '0')}`),
});

const people = Array.from({ length: 100 }, (_, i) => aCard(i));

describe('messages about many people stay within what Slack accepts', () => {
  it.each([
    [
      'licenses given to 100 people',
      () => assignedMessage(ADMIN, { site: 'Main', plan: undefined, assigned: people }),
    ],
    [
      'the confirmation to remove 100 licenses',
      () =>
        removalPrompt(
          people.map((card) => ({ card, dependents: [], sharedAudio: [], deskPhones: 0, digest: undefined })),
          'x'.repeat(2_000),
        ),
    ],
    [
      'licenses removed from 100 people',
      () =>
        removedMessage(ADMIN, {
          removed: people.map((card) => ({ card, releasedNumbers: card.numbers, ended: [], keptAudio: [] })),
        }),
    ],
    [
      'a list filtered by a long text',
      () => listMessage({ cards: people, nextAfter: 100, query: { search: 'q'.repeat(3_500) } }, 'next'),
    ],
    [
      'a history of 100 large changes',
      () =>
        historyMessage(
          'recent',
          people.map((card, i) => ({
            id: i,
            requestId: '00000000-0000-0000-0000-000000000000',
            at: new Date(0),
            actor: ADMIN,
            action: 'phone_user.update',
            targetType: 'phone_user',
            targetId: String(i),
            targetLabel: card.email,
            before: card,
            after: { ...card, firstName: 'Changed' },
            target: null,
          })),
          true,
          (before) => `h:recent:${before}`,
        ),
    ],
    ['3,000 lines with a footer', () => linesMessage('*Summary*', lines(3_000, 60), 'footer')],
    ['a few lines longer than a section', () => linesMessage('*Summary*', lines(3, 5_000))],
    ['a summary longer than a section', () => linesMessage(`*${'s'.repeat(5_000)}*`, lines(10, 20))],
  ])('%s', (_, build) => {
    const message = build();
    expect(checkMessage(message, { maxText: 4_000 })).toBeUndefined();
  });

  it('counts the lines it could not show', () => {
    const message = linesMessage('*Summary*', lines(3_000, 60), 'footer');
    const note = message.blocks.at(-2) as { elements: { text: string }[] };
    const shown = message.blocks
      .slice(1, -2)
      .reduce(
        (sum, block) => sum + ((block as { text: { text: string } }).text.text.split('\n').length ?? 0),
        0,
      );
    expect(note.elements[0]?.text).toBe(`…and ${3_000 - shown} more.`);
  });
});

function lines(count: number, length: number): string[] {
  return Array.from({ length: count }, (_, i) => `• line ${i} ${'x&amp;'.repeat(length / 6)}`);
}
