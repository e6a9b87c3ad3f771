import { describe, expect, it } from 'vitest';
import { type PhoneCommand, parseCommand, type UserRef } from '../../../src/slack/commands/registry.ts';

function command(text: string): PhoneCommand {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error.message}`);
  return result.command;
}

function usageError(text: string): { message: string; usage: string } {
  const result = parseCommand(text);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to fail, got: ${JSON.stringify(result.command)}`);
  expect(result.error.code).toBe('USAGE');
  return result.error;
}

const slack = (id: string, raw = `<@${id}>`): UserRef => ({ kind: 'slack', id, raw });
const ada = slack('U0ADA');
const address = {
  line1: '1 Main St',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

describe('address', () => {
  it('reads the five parts of an address after the user, in order', () => {
    expect(command('address <@U0ADA> "1 Main St" "San Francisco" CA 94105 US')).toEqual({
      name: 'address',
      user: ada,
      address,
    });
  });

  it('reads line 2 as an option anywhere in the command', () => {
    expect(command('address <@U0ADA> line2:"Suite 5" "1 Main St" "San Francisco" CA 94105 US')).toEqual({
      name: 'address',
      user: ada,
      address: { ...address, line2: 'Suite 5' },
    });
  });

  it('keeps an empty quoted part, so the service can name it as missing', () => {
    expect(command('address <@U0ADA> "1 Main St" "" CA 94105 US')).toMatchObject({
      address: { city: '' },
    });
  });

  it('refuses four parts and shows what it read, in the order it expects', () => {
    expect(usageError('address <@U0ADA> "1 Main St" CA 94105 US').message).toBe(
      '`address` takes five parts after the user, in this order: `"line 1" "city" "state" "postal code" country`; you gave 4: `1 Main St` `CA` `94105` `US`. Quote each part that has spaces, e.g. `/phone address @ada "1 Main St" "San Francisco" CA 94105 US`.',
    );
  });

  it('refuses unquoted parts with spaces, which arrive as too many words', () => {
    expect(usageError('address <@U0ADA> 1 Main St San Francisco CA 94105 US').message).toContain(
      'you gave 8:',
    );
  });

  it('lists every form of the command when only a user is given', () => {
    const error = usageError('address <@U0ADA>');
    expect(error.message).toContain('or `site-default`, or `allow-self on` or `off`');
    expect(error.usage.split('\n')).toHaveLength(3);
  });

  it('reads site-default and allow-self on or off', () => {
    expect(command('address <@U0ADA> site-default')).toEqual({ name: 'address.site-default', user: ada });
    expect(command('address 1001 Allow-Self ON')).toEqual({
      name: 'address.allow-self',
      user: { kind: 'extension', extension: '1001', raw: '1001' },
      allowed: true,
    });
    expect(command('address <@U0ADA> allow-self off')).toMatchObject({ allowed: false });
  });

  it('refuses allow-self without on or off', () => {
    expect(usageError('address <@U0ADA> allow-self yes').message).toBe(
      '`address allow-self` needs `on` or `off`, not `yes`, e.g. `/phone address @ada allow-self on`.',
    );
  });

  it('refuses a mention among the parts', () => {
    expect(usageError('address <@U0ADA> "1 Main St" <@U0BOB> CA 94105 US').message).toContain(
      'Unexpected <@U0BOB>',
    );
  });
});

describe('site address', () => {
  it('reads a site name of several words before the five parts of the address', () => {
    expect(command('site address New York "1 Main St" "San Francisco" CA 94105 US line2:"Floor 2"')).toEqual({
      name: 'site.address',
      siteName: 'New York',
      address: { ...address, line2: 'Floor 2' },
    });
  });

  it('refuses an address without a site', () => {
    expect(usageError('site address "1 Main St" "San Francisco" CA 94105 US').message).toContain(
      '`site address` takes the site, then the five parts of the address',
    );
  });
});

describe('phone add and remove', () => {
  it('reads the user, the MAC and a model of several words', () => {
    expect(command('phone add <@U0ADA> 00:1a:2b:3c:4d:5e Model A20 Pro')).toEqual({
      name: 'phone.add',
      user: ada,
      mac: '00:1a:2b:3c:4d:5e',
      model: 'Model A20 Pro',
    });
  });

  it('reads a MAC that starts with a letter, which looks like an option', () => {
    expect(command('phone add <@U0ADA> a0:1b:2c:3d:4e:5f Model A20')).toMatchObject({
      mac: 'a0:1b:2c:3d:4e:5f',
    });
    expect(command('phone remove <@U0ADA> A0:1B:2C:3D:4E:5F')).toEqual({
      name: 'phone.remove',
      user: ada,
      mac: 'A0:1B:2C:3D:4E:5F',
    });
  });

  it('says the model is required when adding', () => {
    expect(usageError('phone add <@U0ADA> 001A2B3C4D5E').message).toBe(
      "`phone add` needs the phone's model after the MAC address, e.g. `/phone phone add @ada 00:1A:2B:3C:4D:5E Model A20`.",
    );
  });

  it('refuses anything after the MAC when removing', () => {
    expect(usageError('phone remove <@U0ADA> 001A2B3C4D5E Model A20').message).toContain(
      'Unexpected `Model`',
    );
  });

  it('needs a user and a MAC', () => {
    expect(usageError('phone remove <@U0ADA>').message).toContain(
      "`phone remove` needs a user and the phone's MAC address",
    );
    expect(usageError('phone').message).toContain('`phone` needs `add` or `remove`');
  });
});

describe('queues', () => {
  it('reads a queue of several words, its extension and site', () => {
    expect(command('queue add Sales Team 2000 site:New York')).toEqual({
      name: 'queue.add',
      queueName: 'Sales Team',
      extension: '2000',
      site: 'New York',
    });
  });

  it('refuses a queue without an extension at the end', () => {
    expect(usageError('queue add Sales').message).toContain('`queue add` needs a name and an extension');
    expect(usageError('queue add Sales two').message).toBe(
      '`queue add` ends with the extension, not `two`, e.g. `/phone queue add Sales 2000 site:Main`.',
    );
  });

  it('reads a member added as a manager, and one removed', () => {
    expect(command('queue member add "Sales Team" <@U0ADA> manager')).toEqual({
      name: 'queue.member',
      action: 'add',
      queueName: 'Sales Team',
      user: ada,
      manager: true,
    });
    expect(command('queue member remove Sales ada@example.com')).toEqual({
      name: 'queue.member',
      action: 'remove',
      queueName: 'Sales',
      user: { kind: 'email', email: 'ada@example.com', raw: 'ada@example.com' },
      manager: false,
    });
  });

  it('refuses a member command without add or remove, or without a user', () => {
    expect(usageError('queue member kick Sales <@U0ADA>').message).toContain(
      '`queue member` needs `add` or `remove`, not `kick`',
    );
    expect(usageError('queue member add <@U0ADA>').message).toContain('needs a queue and a user');
  });

  it('lists the queues with nothing else', () => {
    expect(command('queues')).toEqual({ name: 'queues' });
    expect(usageError('queues Sales').message).toContain('`queues` takes nothing else');
  });
});

describe('auto receptionists', () => {
  it('reads an operator given as a mention after the colon', () => {
    expect(command('receptionist add "Main line" 2100 operator:<@U0ADA|ada> site:Main')).toEqual({
      name: 'receptionist.add',
      receptionistName: 'Main line',
      extension: '2100',
      site: 'Main',
      operator: slack('U0ADA', '<@U0ADA|ada>'),
    });
  });

  it('reads an operator given as an email or extension in the option', () => {
    expect(command('receptionist add Main line 2100 operator:1001')).toMatchObject({
      receptionistName: 'Main line',
      operator: { kind: 'extension', extension: '1001' },
    });
  });

  it('refuses an operator option without a person, or given twice', () => {
    expect(usageError('receptionist add Main 2100 operator:').message).toBe(
      '`operator:` needs a person, e.g. `operator:@ada`.',
    );
    expect(usageError('receptionist add Main 2100 operator:<@U0ADA> operator:<@U0BOB>').message).toContain(
      'given twice',
    );
  });

  it('refuses an option a receptionist does not take, listing the ones it does', () => {
    expect(usageError('receptionist add Main 2100 plan:Basic').message).toBe(
      'Unknown option `plan:`. Options for receptionist add are `site:` and `operator:`.',
    );
  });

  it('reads a new operator, or none', () => {
    expect(command('receptionist operator Main line <@U0ADA>')).toEqual({
      name: 'receptionist.operator',
      receptionistName: 'Main line',
      operator: ada,
    });
    expect(command('receptionist operator "Main line" none')).toEqual({
      name: 'receptionist.operator',
      receptionistName: 'Main line',
      operator: null,
    });
  });
});
