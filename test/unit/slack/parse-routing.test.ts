import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/slack/commands/registry.ts';

const ADA = '<@U0ADA>';
const user = { kind: 'slack', id: 'U0ADA', raw: ADA };
const now = { kind: 'now' };

function message(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected a usage error, got ${JSON.stringify(result.command)}`);
  return result.error.message;
}

describe('/phone route', () => {
  it('reads a person alone as a call from outside, now', () => {
    expect(parseCommand(`route ${ADA}`)).toEqual({
      ok: true,
      command: { name: 'route', callee: user, from: undefined, when: now },
    });
  });

  it.each([
    ['1000', { kind: 'extension', extension: '1000', raw: '1000' }],
    ['+14155550100', { kind: 'number', number: '+14155550100', raw: '+14155550100' }],
    ['+1 415 555 0100', { kind: 'number', number: '+1 415 555 0100', raw: '+1 415 555 0100' }],
    ['(415) 555-0100', { kind: 'number', number: '(415) 555-0100', raw: '(415) 555-0100' }],
  ])('takes %j as the extension or number called', (typed, callee) => {
    expect(parseCommand(`route ${typed}`)).toMatchObject({ ok: true, command: { callee } });
  });

  it.each([
    ['from:+19005550100', '+19005550100'],
    ['from:+1 900 555 0100', '+1 900 555 0100'],
    ['from: +1 900 555 0100', '+1 900 555 0100'],
    ['from:"(415) 555-0100"', '(415) 555-0100'],
    ['from:1002', '1002'],
  ])('reads the caller as typed: %j', (typed, from) => {
    expect(parseCommand(`route ${ADA} ${typed}`)).toMatchObject({
      ok: true,
      command: { callee: user, from },
    });
  });

  it.each([
    ['at:now', now],
    ['at:NOW', now],
    ['at:mon 09:30', { kind: 'at', day: 'mon', minutes: 570 }],
    ['at: Saturday 23:00', { kind: 'at', day: 'sat', minutes: 1380 }],
    ['at:"thu 0:05"', { kind: 'at', day: 'thu', minutes: 5 }],
    ['at:sun ０９：３０', { kind: 'at', day: 'sun', minutes: 570 }],
    ['at:17:45', { kind: 'at', day: undefined, minutes: 1065 }],
  ])('reads when as typed: %j', (typed, when) => {
    expect(parseCommand(`route ${ADA} ${typed}`)).toMatchObject({ ok: true, command: { when } });
  });

  it('reads options before the person too, and both options together', () => {
    expect(parseCommand(`route at:sat 23:00 from:+1 900 555 0100 ${ADA}`)).toEqual({
      ok: true,
      command: {
        name: 'route',
        callee: user,
        from: '+1 900 555 0100',
        when: { kind: 'at', day: 'sat', minutes: 1380 },
      },
    });
  });

  it.each([
    ['route', '`route` needs a user, an extension or a number'],
    [`route ${ADA} <@U0BOB>`, 'Unexpected <@U0BOB> in `route`'],
    [`route ${ADA} at:sat 2300`, '`at:sat` needs a time too, as HH:MM, e.g. `at:sat 09:30`.'],
    [`route ${ADA} at:09:30 mon`, 'Unexpected `mon` in `route`'],
    [`route ${ADA} at:"09:30 mon"`, '`at:` takes the day first, then the time'],
    [`route ${ADA} at:"mon 09:30 please"`, '`at:` takes a day and a time, not `mon 09:30 please`.'],
    [`route ${ADA} at:mon 24:00`, '`at:` `24:00` is not a time of day.'],
    [`route ${ADA} at:constructor 09:00`, '`at:` `constructor` is not a day.'],
    [`route ${ADA} from:ada@example.com`, '`from:` `ada@example.com` is not a phone number or an extension.'],
  ])('explains what is wrong with %j', (typed, expected) => {
    expect(message(typed)).toContain(expected);
  });
});
