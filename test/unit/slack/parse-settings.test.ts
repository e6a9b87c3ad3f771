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
  return result.error;
}

const slack = (id: string): UserRef => ({ kind: 'slack', id, raw: `<@${id}>` });
const ada = slack('U0ADA');
const grace = slack('U0GRACE');

describe('/phone set', () => {
  it('reads a caller ID typed with spaces, and the settings after it', () => {
    expect(command('set <@U0ADA> caller-id=+1 (415) 555-0100 language=en-US')).toEqual({
      name: 'set',
      user: ada,
      values: [
        { key: 'caller-id', value: '+1 (415) 555-0100' },
        { key: 'language', value: 'en-US' },
      ],
    });
  });

  it('reads every key=value after the user, in order, with the keys in lower case', () => {
    expect(command('set <@U0ADA> language=EN-us PIN=1234 caller-id=+14155550100')).toEqual({
      name: 'set',
      user: ada,
      values: [
        { key: 'language', value: 'EN-us' },
        { key: 'pin', value: '1234' },
        { key: 'caller-id', value: '+14155550100' },
      ],
    });
  });

  it('also reads key:value, and leaves unknown keys for the service to name with the others', () => {
    expect(command('set 1000 area-code:415 colour=blue')).toEqual({
      name: 'set',
      user: { kind: 'extension', extension: '1000', raw: '1000' },
      values: [
        { key: 'area-code', value: '415' },
        { key: 'colour', value: 'blue' },
      ],
    });
  });

  it('needs a user and at least one setting', () => {
    expect(usageError('set').message).toContain('`set` needs a user and at least one setting');
    expect(usageError('set <@U0ADA>').message).toContain('`set` needs at least one setting after the user');
  });

  it('refuses a word that is not key=value, a key without a value and a key given twice', () => {
    expect(usageError('set <@U0ADA> pin 1234').message).toContain(
      '`pin` is not a setting: write each one as key=value without spaces',
    );
    expect(usageError('set <@U0ADA> pin=').message).toBe('`pin=` needs a value after the =.');
    expect(usageError('set <@U0ADA> pin=1 PIN=2').message).toBe('`pin` is given twice; give it once.');
  });

  it('gives the usage line with every key', () => {
    expect(usageError('set <@U0ADA> pin').usage).toContain('language=<code> area-code=<digits>');
  });
});

describe('/phone block and /phone blocked', () => {
  it('reads a number or a prefix as one word, left as typed for the service to check', () => {
    expect(command('block add <@U0ADA> +44')).toEqual({ name: 'block.add', user: ada, entry: '+44' });
    expect(command('block remove <@U0ADA> 1900')).toEqual({ name: 'block.remove', user: ada, entry: '1900' });
    expect(command('block add <@U0ADA> +44abc')).toEqual({ name: 'block.add', user: ada, entry: '+44abc' });
  });

  it('reads a number typed with spaces as one', () => {
    expect(command('block add <@U0ADA> +1 415 555 0100')).toEqual({
      name: 'block.add',
      user: ada,
      entry: '+1 415 555 0100',
    });
  });

  it('asks for two numbers to be blocked one at a time', () => {
    expect(usageError('block add <@U0ADA> +14155550100 +14155550101').message).toContain(
      'A number or prefix is one word: type `+14155550100 +14155550101` without spaces, or put it in quotes.',
    );
  });

  it('needs add or remove, a user and an entry', () => {
    expect(usageError('block <@U0ADA> +44').message).toContain('`block` needs `add` or `remove`');
    expect(usageError('block add <@U0ADA>').message).toContain(
      '`block add` needs a user and a number or prefix',
    );
  });

  it('shows the list of one user', () => {
    expect(command('blocked <@U0ADA>')).toEqual({ name: 'blocked', user: ada });
    expect(usageError('blocked').message).toContain('`blocked` needs a user');
  });
});

describe('/phone delegate', () => {
  it('reads the user and then the assistant', () => {
    expect(command('delegate add <@U0ADA> <@U0GRACE>')).toEqual({
      name: 'delegate.add',
      user: ada,
      assistant: grace,
    });
    expect(command('delegate remove <@U0ADA> grace@example.com')).toEqual({
      name: 'delegate.remove',
      user: ada,
      assistant: { kind: 'email', email: 'grace@example.com', raw: 'grace@example.com' },
    });
  });

  it('takes exactly one assistant', () => {
    expect(usageError('delegate add <@U0ADA>').message).toContain('needs a user and then their assistant');
    expect(usageError('delegate add <@U0ADA> <@U0GRACE> <@U0ALAN>').message).toContain(
      '`delegate add` takes one user and one assistant; remove <@U0ALAN>.',
    );
  });
});

describe('/phone copy', () => {
  it('reads the source and the users to copy to, dropping repeats', () => {
    expect(command('copy <@U0ADA> <@U0GRACE>, <@U0GRACE> 1002')).toEqual({
      name: 'copy',
      from: ada,
      users: [grace, { kind: 'extension', extension: '1002', raw: '1002' }],
    });
  });

  it('needs someone to copy to', () => {
    expect(usageError('copy <@U0ADA>').message).toContain(
      '`copy` needs the user to copy from, then the users to copy to',
    );
  });
});

describe('/phone numbers main', () => {
  it('reads add or remove and one number', () => {
    expect(command('numbers main add +14155550100')).toEqual({
      name: 'numbers.main',
      action: 'add',
      number: '+14155550100',
    });
    expect(command('numbers MAIN remove +14155550100')).toEqual({
      name: 'numbers.main',
      action: 'remove',
      number: '+14155550100',
    });
  });

  it('needs add or remove, and a number', () => {
    expect(usageError('numbers main +14155550100').message).toContain(
      '`numbers main` needs `add` or `remove`, not `+14155550100`',
    );
    expect(usageError('numbers main add hello').message).toContain('`hello` is not a phone number');
  });

  it('keeps /phone numbers alone and with free working as before', () => {
    expect(command('numbers free')).toEqual({ name: 'numbers', free: true });
  });
});
