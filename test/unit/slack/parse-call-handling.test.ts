import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/slack/commands/registry.ts';

const ADA = '<@U0ADA>';
const user = { kind: 'slack', id: 'U0ADA', raw: ADA };

function message(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected a usage error, got ${JSON.stringify(result.command)}`);
  return result.error.message;
}

describe('/phone hours', () => {
  it.each([
    ['24/7', '24/7'],
    ['mon-fri 09:00-17:00 sat 10:00-14:00', 'mon-fri 09:00-17:00 sat 10:00-14:00'],
    ['mon,wed,fri 08:30-12:00 tue 24h sun closed', 'mon,wed,fri 08:30-12:00 tue 24h sun closed'],
    ['mon, wed   fri 08:30-12:00', 'mon, wed fri 08:30-12:00'],
    ['mon:09:00-17:00', 'mon:09:00-17:00'],
    ['"mon-fri 22:00-06:00"', 'mon-fri 22:00-06:00'],
  ])('takes everything after the user as the hours: %j', (typed, text) => {
    expect(parseCommand(`hours ${ADA} ${typed}`)).toEqual({
      ok: true,
      command: { name: 'hours', user, text },
    });
  });

  it('takes an extension or an email as the user', () => {
    expect(parseCommand('hours 1000 24/7')).toMatchObject({
      ok: true,
      command: { name: 'hours', user: { kind: 'extension', extension: '1000' }, text: '24/7' },
    });
  });

  it('needs a user and the hours', () => {
    expect(message('hours')).toBe(
      '`hours` needs a user and the hours, e.g. `/phone hours @ada mon-fri 09:00-17:00 sat 10:00-14:00`.',
    );
    expect(message(`hours ${ADA}`)).toContain('needs a user and the hours');
  });

  it('takes one user at a time', () => {
    expect(message(`hours ${ADA} <@U0BOB> 24/7`)).toBe('`hours` takes one user at a time; remove <@U0BOB>.');
  });

  it('refuses hours where the user should be', () => {
    expect(message('hours mon-fri 09:00-17:00')).toContain('is not a person');
  });
});

describe('/phone forward', () => {
  it('reads a number and a quoted description', () => {
    expect(parseCommand(`forward add ${ADA} +14155550123 "Home office"`)).toEqual({
      ok: true,
      command: { name: 'forward.add', user, number: '+14155550123', description: 'Home office' },
    });
  });

  it('reads an unquoted description and no description at all', () => {
    expect(parseCommand(`forward add ${ADA} +14155550123 Mobile phone`)).toMatchObject({
      command: { number: '+14155550123', description: 'Mobile phone' },
    });
    expect(parseCommand(`forward add ${ADA} +14155550123`)).toMatchObject({
      command: { number: '+14155550123', description: '' },
    });
  });

  it('glues a number typed with spaces back together, for the number rules to judge whole', () => {
    expect(parseCommand(`forward add ${ADA} +1 415 555 0123 Mobile`)).toMatchObject({
      command: { number: '+1 415 555 0123', description: 'Mobile' },
    });
    expect(parseCommand(`forward add ${ADA} (415) 555-0100`)).toMatchObject({
      command: { number: '(415) 555-0100', description: '' },
    });
  });

  it('reads a number Slack turned into a tel link', () => {
    expect(parseCommand(`forward remove ${ADA} <tel:+14155550123|+14155550123>`)).toEqual({
      ok: true,
      command: { name: 'forward.remove', user, number: '+14155550123' },
    });
  });

  it('refuses a word that is not a phone number', () => {
    expect(message(`forward add ${ADA} mobile`)).toBe(
      '`mobile` is not a phone number. Type it like `+14155550100`.',
    );
  });

  it('refuses anything after the number when removing', () => {
    expect(message(`forward remove ${ADA} +14155550123 Mobile`)).toBe(
      'Unexpected `Mobile` in `forward remove`. Type it like `/phone forward remove @ada +14155550123`.',
    );
  });

  it('needs add or remove, a user and a number', () => {
    expect(message('forward')).toContain('`forward` needs `add` or `remove`');
    expect(message(`forward list ${ADA}`)).toContain('`forward` needs `add` or `remove`, not `list`');
    expect(message(`forward add ${ADA}`)).toBe(
      '`forward add` needs a user and a phone number, e.g. `/phone forward add @ada +14155550123 "Mobile"`.',
    );
  });
});
