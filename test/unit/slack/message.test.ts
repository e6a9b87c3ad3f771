import { describe, expect, it } from 'vitest';
import { linesMessage, plain } from '../../../src/slack/blocks/message.ts';

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
