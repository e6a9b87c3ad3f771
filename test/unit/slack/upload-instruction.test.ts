import { describe, expect, it } from 'vitest';
import { MAX_AUDIO_INSTRUCTION_LENGTH } from '../../../src/domain/audio.ts';
import { parseUploadInstruction } from '../../../src/slack/events/upload-instruction.ts';

const BOT = 'UBOT00001';

describe('the instruction sent with an audio file', () => {
  it.each([
    ['greeting', 'greeting'],
    ['Greeting.', 'greeting'],
    ['voicemail greeting', 'greeting'],
    ['hold music', 'hold music'],
    ['Hold-Music', 'hold music'],
    ['message', 'message'],
    ['closed-hours message', 'message'],
  ] as const)('reads %j as the %s', (text, purpose) => {
    expect(parseUploadInstruction(text, BOT)).toEqual({ kind: 'instruction', purpose, owner: undefined });
  });

  it('names whose library after `for`: a mention, an email or an extension', () => {
    expect(parseUploadInstruction('greeting for <@U0BOB>', BOT)).toEqual({
      kind: 'instruction',
      purpose: 'greeting',
      owner: { kind: 'slack', id: 'U0BOB', raw: '<@U0BOB>' },
    });
    expect(
      parseUploadInstruction('hold music for <mailto:bob@example.com|bob@example.com>', BOT),
    ).toMatchObject({
      owner: { kind: 'email', email: 'bob@example.com' },
    });
    expect(parseUploadInstruction('message for 1002', BOT)).toMatchObject({
      owner: { kind: 'extension', extension: '1002' },
    });
  });

  it('skips a mention of the app in front, as people write in channels', () => {
    expect(parseUploadInstruction(`<@${BOT}> hold music`, BOT)).toEqual({
      kind: 'instruction',
      purpose: 'hold music',
      owner: undefined,
    });
  });

  it('is no instruction at all when the text says something else, or nothing', () => {
    expect(parseUploadInstruction('', BOT)).toEqual({ kind: 'none' });
    expect(parseUploadInstruction('here is the message from the meeting', BOT)).toEqual({ kind: 'none' });
    expect(parseUploadInstruction('site:Main', BOT)).toEqual({ kind: 'none' });
  });

  it('explains a `for` without exactly one person', () => {
    const missing = parseUploadInstruction('greeting for', BOT);
    expect(missing).toEqual({
      kind: 'invalid',
      message: 'After `for`, name one person: a mention, an email or an extension, e.g. `greeting for @ada`.',
    });
    const two = parseUploadInstruction('greeting for <@U0BOB> <@U0EVE>', BOT);
    expect(two.kind === 'invalid' && two.message).toContain('name only one person');
  });

  it('reads a message as long as the longest instruction: a labelled mention of the app, then an owner by email', () => {
    // The longest address there is: 254 characters, with DNS labels of at most 63.
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    const text = `<@${BOT}|${'s'.repeat(80)}> closed-hours message for <mailto:${address}|${address}>`;
    expect(text.length).toBeGreaterThan(600);
    expect(parseUploadInstruction(text, BOT)).toMatchObject({
      kind: 'instruction',
      purpose: 'message',
      owner: { kind: 'email', email: address },
    });
  });

  it('is no instruction when the message is longer than any instruction, whatever it starts with', () => {
    expect(parseUploadInstruction(`greeting${'!'.repeat(MAX_AUDIO_INSTRUCTION_LENGTH)}`, BOT)).toEqual({
      kind: 'none',
    });
    expect(parseUploadInstruction(`greeting ${'"a"b '.repeat(8_000)}`, BOT)).toEqual({ kind: 'none' });
  });

  it('reads an instruction ending in many stops', () => {
    const text = `Greeting${'.!'.repeat(400)}`;
    expect(parseUploadInstruction(text, BOT)).toEqual({
      kind: 'instruction',
      purpose: 'greeting',
      owner: undefined,
    });
  });

  it('explains a `for` followed by something that is not a person', () => {
    const channel = parseUploadInstruction('hold music for <#C0SALES>', BOT);
    expect(channel.kind === 'invalid' && channel.message).toContain('is a channel, not a person');
  });
});
