import { describe, expect, it } from 'vitest';
import { addressesApp, withoutMentions } from '../../../src/slack/events/addressing.ts';

const BOT = 'U0BOT0001';
const inChannel = (text?: string) => ({ channel: 'C0ADMINS1', channel_type: 'channel', text });

describe('addressesApp', () => {
  it.each([
    'import',
    'Import.',
    '  update site:"New York"',
    'UPDATE',
    `<@${BOT}>`,
    `here is the list <@${BOT}|switchboard> site:Main`,
  ])('takes %j in a channel as addressed to the app', (text) => {
    expect(addressesApp(inChannel(text), BOT)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'importing this tomorrow',
    'updated list',
    'please import this',
    'import-ready copy',
    `<@U0SOMEONE> have a look`,
  ])('leaves %j in a channel alone', (text) => {
    expect(addressesApp(inChannel(text), BOT)).toBe(false);
  });

  it('takes every file in the app’s DM, with or without Slack naming the channel type', () => {
    expect(addressesApp({ channel: 'D0ADA0001', channel_type: 'im' }, BOT)).toBe(true);
    expect(addressesApp({ channel: 'D0ADA0001' }, BOT)).toBe(true);
    expect(addressesApp({ channel: 'G0PRIVATE', channel_type: 'group', text: 'notes' }, BOT)).toBe(false);
  });

  it('does not take a mention when the app’s own id is unknown', () => {
    expect(addressesApp(inChannel(`<@${BOT}>`), undefined)).toBe(false);
  });
});

describe('withoutMentions', () => {
  it('drops the app’s mentions, with or without a label, and keeps the rest', () => {
    expect(withoutMentions(`<@${BOT}> hold music <@${BOT}|sb> for <@U0ADA0001>`, BOT)).toBe(
      'hold music  for <@U0ADA0001>',
    );
  });
});
