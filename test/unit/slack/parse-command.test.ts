import { describe, expect, expectTypeOf, it } from 'vitest';
import { type CommandName, usageLine } from '../../../src/slack/commands/grammar.ts';
import { helpSections, helpText } from '../../../src/slack/commands/help.ts';
import {
  commandOf,
  commandReference,
  type ParseResult,
  type PhoneCommand,
  parseCommand,
  type UserRef,
} from '../../../src/slack/commands/registry.ts';

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
const email = (address: string): UserRef => ({ kind: 'email', email: address, raw: address });
const extension = (digits: string): UserRef => ({ kind: 'extension', extension: digits, raw: digits });
const ada = slack('U0ADA');

describe('parseCommand', () => {
  describe('help', () => {
    it.each(['', '   ', '\n\u00a0', 'help', 'HELP'])('shows help for %j', (text) => {
      expect(command(text)).toEqual({ name: 'help' });
    });

    it('reads the command after help as the one to explain', () => {
      expect(command('help assign')).toEqual({ name: 'help', topic: 'assign' });
      expect(command('help Plan  add')).toEqual({ name: 'help', topic: 'plan add' });
    });
  });

  describe('naming people', () => {
    it('reads a mention without a name', () => {
      expect(command('show <@U0ADA>')).toEqual({ name: 'show', user: ada });
    });

    it('reads a mention with a name and keeps the markup as raw', () => {
      expect(command('show <@U0ADA|ada>')).toEqual({ name: 'show', user: slack('U0ADA', '<@U0ADA|ada>') });
    });

    it('reads an enterprise grid mention', () => {
      expect(command('show <@W0ADA|ada>')).toEqual({ name: 'show', user: slack('W0ADA', '<@W0ADA|ada>') });
    });

    it('reads a plain email and keeps its case', () => {
      expect(command('show Ada@Example.com')).toEqual({ name: 'show', user: email('Ada@Example.com') });
    });

    it('reads an email sent as a mailto link', () => {
      expect(command('show <mailto:ada@example.com|ada@example.com>')).toEqual({
        name: 'show',
        user: email('ada@example.com'),
      });
    });

    it.each(['41', '4102', '1234567'])('reads the digits %s as an extension', (digits) => {
      expect(command(`show ${digits}`)).toEqual({ name: 'show', user: extension(digits) });
    });

    it.each([
      ['one digit', 'show 4', 'extensions have 2 to 7 digits'],
      ['eight digits', 'show 41025550', 'extensions have 2 to 7 digits'],
      ['a phone number', 'show +14155550100', 'is a phone number, not a person'],
      ['a tel link', 'show <tel:+14155550100|+1 415 555 0100>', 'is a phone number, not a person'],
      ['an unresolved @name', 'show @ada', 'not a mention Slack recognised'],
      ['a channel', 'show <#C123|general>', '<#C123> is a channel, not a person'],
      ['@here', 'show <!here>', '`@here` is a group, not a person'],
      [
        'a broken email',
        'show ada@',
        'The email `ada@` cannot be used: the part after the `@` is not a domain',
      ],
      [
        'an email with a lookalike letter',
        'show аda@example.com',
        "The email `аda@example.com` cannot be used: the 'а' in position 1 is a Cyrillic letter that looks like a Latin one ('a'): retype the address.",
      ],
      ['a word', 'show ada', '`ada` is not a person'],
    ])('refuses %s as a user', (_, text, message) => {
      expect(usageError(text).message).toContain(message);
    });

    it('tells every way to name a person when a word is not one', () => {
      expect(usageError('show ada').message).toBe(
        '`ada` is not a person Switchboard can look up. Mention the person (@ada), or type their email or extension.',
      );
    });
  });

  describe('assign', () => {
    it('assigns the people mentioned', () => {
      expect(command('assign <@U1> <@U2|grace>')).toEqual({
        name: 'assign',
        users: [slack('U1'), slack('U2', '<@U2|grace>')],
      });
    });

    it('accepts no users, for the form', () => {
      expect(command('assign')).toEqual({ name: 'assign', users: [] });
    });

    it.each([
      ['spaces', '<@U1> ada@example.com 4102'],
      ['commas', '<@U1>,ada@example.com,4102'],
      ['commas and spaces', '<@U1>, ada@example.com ,  4102'],
      ['newlines', '<@U1>\nada@example.com\n4102'],
    ])('separates users with %s', (_, users) => {
      expect(command(`assign ${users}`)).toEqual({
        name: 'assign',
        users: [slack('U1'), email('ada@example.com'), extension('4102')],
      });
    });

    it('drops a person named twice, emails compared without case', () => {
      expect(
        command('assign <@U1> <@U1|ada> ada@example.com <mailto:ADA@example.com|ADA@example.com> 4102 4102'),
      ).toEqual({ name: 'assign', users: [slack('U1'), email('ada@example.com'), extension('4102')] });
    });

    it('reads options before, between and after the users', () => {
      expect(command('assign site:Main <@U1> plan:Pro <@U2>')).toEqual({
        name: 'assign',
        users: [slack('U1'), slack('U2')],
        site: 'Main',
        plan: 'Pro',
      });
    });

    it('reads option keys in any case', () => {
      expect(command('Assign <@U1> SITE:Main Plan:Pro')).toMatchObject({ site: 'Main', plan: 'Pro' });
    });

    it.each([
      ['straight quotes', 'plan:"US/CA Unlimited"'],
      ['curly quotes', 'plan:“US/CA Unlimited”'],
      ['single quotes', "plan:'US/CA Unlimited'"],
      ['no quotes', 'plan:US/CA Unlimited'],
    ])('reads a plan name with spaces in %s', (_, option) => {
      expect(command(`assign <@U1> ${option}`)).toMatchObject({ plan: 'US/CA Unlimited' });
    });

    it('ends an unquoted plan at the next option', () => {
      expect(command('assign <@U1> <@U2> plan:US/CA Unlimited site:Main')).toEqual({
        name: 'assign',
        users: [slack('U1'), slack('U2')],
        plan: 'US/CA Unlimited',
        site: 'Main',
      });
    });

    it.each([
      ['a mention', '<@U2>', slack('U2')],
      ['an email', 'grace@example.com', email('grace@example.com')],
      ['a mailto email', '<mailto:grace@example.com|grace@example.com>', email('grace@example.com')],
      ['an extension', '4102', extension('4102')],
    ])('ends an unquoted plan at %s', (_, user, ref) => {
      expect(command(`assign plan:International Calling Add-On ${user}`)).toEqual({
        name: 'assign',
        users: [ref],
        plan: 'International Calling Add-On',
      });
    });

    it('ends an unquoted site at a quoted word', () => {
      expect(usageError('assign site:New York "x"').message).toContain('`x` is not a person');
    });

    it('reads a site with spaces unquoted at the end', () => {
      expect(command('assign <@U1> site:New York')).toMatchObject({ site: 'New York' });
    });

    it('reads a value after a colon followed by a space', () => {
      expect(command('assign <@U1> site: New York plan: Pro')).toMatchObject({
        site: 'New York',
        plan: 'Pro',
      });
    });

    it('keeps a comma inside an unquoted site name', () => {
      expect(command('assign <@U1> site:New York, NY')).toMatchObject({ site: 'New York, NY' });
    });

    it('unescapes &amp; in an option value', () => {
      expect(command('assign <@U1> site:R&amp;D Lab')).toMatchObject({ site: 'R&D Lab' });
    });

    it('leaves out options that were not given', () => {
      expect(Object.keys(command('assign <@U1>'))).toEqual(['name', 'users']);
    });

    it('refuses an unknown option and lists the right ones', () => {
      expect(usageError('assign <@U1> sight:Main')).toEqual({
        code: 'USAGE',
        message: 'Unknown option `sight:`. Options for assign are `site:` and `plan:`.',
        usage: '/phone assign <users> [site:<site>] [plan:<plan>]',
      });
    });

    it('refuses an option given twice', () => {
      expect(usageError('assign <@U1> site:Main site:Annex').message).toBe(
        'Option `site:` is given twice; give it once.',
      );
    });

    it('refuses an option without a value', () => {
      expect(usageError('assign <@U1> site:').message).toBe('`site:` needs a value, e.g. `site:Main`.');
    });

    it('refuses an empty quoted value', () => {
      expect(usageError('assign <@U1> plan:""').message).toContain('`plan:` needs a value');
    });

    it('suggests the colon when an option key is typed without one', () => {
      expect(usageError('assign <@U1> site Main').message).toBe(
        '`site` is not a user. Did you mean `site:`? Write options with a colon, e.g. `site:Main`.',
      );
    });

    it('refuses a word that is not a user, naming it', () => {
      const error = usageError('assign <@U1> bob');
      expect(error.message).toContain('`bob` is not a person');
      expect(error.usage).toBe(usageLine('assign'));
    });
  });

  describe('remove', () => {
    it('removes the licenses of several people', () => {
      expect(command('remove <@U1>, 4102')).toEqual({
        name: 'remove',
        users: [slack('U1'), extension('4102')],
      });
    });

    it('drops duplicates', () => {
      expect(command('remove <@U1> <@U1>')).toEqual({ name: 'remove', users: [slack('U1')] });
    });

    it('refuses options', () => {
      expect(usageError('remove <@U1> site:Main').message).toBe(
        'Unknown option `site:`. `remove` takes no options, e.g. `/phone remove @ada @grace`.',
      );
    });
  });

  describe('list', () => {
    it('lists everyone without filters', () => {
      expect(command('list')).toEqual({ name: 'list' });
    });

    it('reads every filter and the search text', () => {
      expect(command('list ada site:Main status:inactive plan:Pro')).toEqual({
        name: 'list',
        site: 'Main',
        status: 'inactive',
        plan: 'Pro',
        search: 'ada',
      });
    });

    it('lowercases the status', () => {
      expect(command('list status:ACTIVE')).toEqual({ name: 'list', status: 'active' });
    });

    it('joins the words of the search text', () => {
      expect(command('list ada lovelace status:active')).toMatchObject({ search: 'ada lovelace' });
    });

    it('searches quoted text that looks like an option', () => {
      expect(command('list "site:Main"')).toEqual({ name: 'list', search: 'site:Main' });
    });

    it('searches for unescaped text', () => {
      expect(command('list AT&amp;T')).toEqual({ name: 'list', search: 'AT&T' });
    });

    it('gives the unquoted site every word after it, so search text goes first', () => {
      expect(command('list site:New York ada')).toEqual({ name: 'list', site: 'New York ada' });
      expect(command('list ada site:New York')).toEqual({ name: 'list', site: 'New York', search: 'ada' });
    });

    it('ends an unquoted site at an all-digit word, which becomes search text', () => {
      expect(command('list site:Main 41')).toEqual({ name: 'list', site: 'Main', search: '41' });
    });

    it('refuses an unknown status', () => {
      expect(usageError('list status:gone').message).toBe('`status:` is `active` or `inactive`, not `gone`.');
    });

    it('points to show when given a mention', () => {
      expect(usageError('list <@U1>').message).toContain('type `/phone show @ada`');
    });

    it('lists its three options when given another', () => {
      expect(usageError('list sight:Main').message).toBe(
        'Unknown option `sight:`. Options for list are `site:`, `status:` and `plan:`.',
      );
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['E.164', '+14155550100'],
      ['dashes', '+1-415-555-0100'],
      ['quoted spaces and brackets', '"(415) 555-0100"'],
      ['curly-quoted spaces', '“+1 415 555 0100”'],
      ['dots', '415.555.0100'],
    ])('keeps a number with %s as typed', (_, typed) => {
      const number = typed.replace(/^["“]|["”]$/g, '');
      expect(command(`number add <@U0ADA> ${typed}`)).toEqual({ name: 'number.add', user: ada, number });
    });

    it('reads a tel link as the number it links to', () => {
      expect(command('number add <@U0ADA> <tel:+14155550100|+1 415 555 0100>')).toEqual({
        name: 'number.add',
        user: ada,
        number: '+14155550100',
      });
    });

    it.each(['+1 415 555 0100', '+1 (415) 555-0100', '+1.415.555.0100', '(415) 555-0100'])(
      'reads a number typed with spaces as one: %s',
      (typed) => {
        expect(command(`number add <@U0ADA> ${typed}`)).toEqual({
          name: 'number.add',
          user: ada,
          number: typed,
        });
      },
    );

    it('refuses a second whole number after the first', () => {
      expect(usageError('number add <@U0ADA> +14155550100 +14155550101').message).toContain('+14155550101');
    });

    it('refuses a word that is not a number', () => {
      expect(usageError('number add <@U0ADA> soon').message).toBe(
        '`soon` is not a phone number. Type it like `+14155550100`.',
      );
    });

    it('tells an extension from a number by position', () => {
      expect(command('number add 4102 5550100')).toEqual({
        name: 'number.add',
        user: extension('4102'),
        number: '5550100',
      });
    });
  });

  describe('every command', () => {
    it.each<[string, PhoneCommand]>([
      ['me', { name: 'me' }],
      ['assign <@U0ADA> site:Main plan:Pro', { name: 'assign', users: [ada], site: 'Main', plan: 'Pro' }],
      ['remove <@U0ADA>', { name: 'remove', users: [ada] }],
      ['show <@U0ADA>', { name: 'show', user: ada }],
      [
        'list ada site:Main status:active plan:Pro',
        { name: 'list', site: 'Main', status: 'active', plan: 'Pro', search: 'ada' },
      ],
      ['ext <@U0ADA> 4102', { name: 'ext', user: ada, extension: '4102' }],
      ['ext 4101 4102', { name: 'ext', user: extension('4101'), extension: '4102' }],
      ['plan add <@U0ADA> US/CA Unlimited', { name: 'plan.add', user: ada, plan: 'US/CA Unlimited' }],
      ['plan add <@U0ADA> "US/CA Unlimited"', { name: 'plan.add', user: ada, plan: 'US/CA Unlimited' }],
      [
        'Plan Add <@U0ADA> International Calling Add-On',
        { name: 'plan.add', user: ada, plan: 'International Calling Add-On' },
      ],
      ['plan remove <@U0ADA> Global Select', { name: 'plan.remove', user: ada, plan: 'Global Select' }],
      ['plan remove <@U0ADA>', { name: 'plan.remove', user: ada }],
      ['number add <@U0ADA> +14155550100', { name: 'number.add', user: ada, number: '+14155550100' }],
      ['number add <@U0ADA>', { name: 'number.add', user: ada }],
      ['number remove <@U0ADA> +14155550100', { name: 'number.remove', user: ada, number: '+14155550100' }],
      ['number remove <@U0ADA>', { name: 'number.remove', user: ada }],
      ['move <@U0ADA> site:Main', { name: 'move', user: ada, site: 'Main' }],
      ['move site:"New York" <@U0ADA>', { name: 'move', user: ada, site: 'New York' }],
      ['move <@U0ADA> site:New York', { name: 'move', user: ada, site: 'New York' }],
      ['deactivate <@U0ADA>', { name: 'deactivate', user: ada }],
      ['activate <@U0ADA>', { name: 'activate', user: ada }],
      [
        'user add ada@example.com Ada Lovelace',
        { name: 'user.add', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      ],
      [
        'user add <mailto:ada@example.com|ada@example.com> “Ada Mary” "King Lovelace"',
        { name: 'user.add', email: 'ada@example.com', firstName: 'Ada Mary', lastName: 'King Lovelace' },
      ],
      [
        "user add mary@example.com Mary O'Brien",
        { name: 'user.add', email: 'mary@example.com', firstName: 'Mary', lastName: "O'Brien" },
      ],
      [
        'user add ｍａｒｙ＠ｅｘａｍｐｌｅ．ｃｏｍ Mary Lee',
        { name: 'user.add', email: 'mary@example.com', firstName: 'Mary', lastName: 'Lee' },
      ],
      ['history <@U0ADA>', { name: 'history', user: ada }],
      ['history recent', { name: 'history.recent' }],
      ['History RECENT', { name: 'history.recent' }],
      ['licenses', { name: 'licenses' }],
      ['licenses 250', { name: 'licenses', total: '250' }],
      ['licenses 1,000', { name: 'licenses', total: '1,000' }],
      ['licenses lots', { name: 'licenses', total: 'lots' }],
      ['sites', { name: 'sites' }],
      ['site add Main', { name: 'site.add', siteName: 'Main' }],
      ['site add New York', { name: 'site.add', siteName: 'New York' }],
      [
        'site add "New York" code:12 first:1200',
        { name: 'site.add', siteName: 'New York', code: '12', first: '1200' },
      ],
      ['site add code:12 R&amp;D Lab', { name: 'site.add', siteName: 'R&D Lab', code: '12' }],
      ['site edit Main code:1', { name: 'site.edit', siteName: 'Main', code: '1' }],
      [
        'site edit "New York" first:200 code:2',
        { name: 'site.edit', siteName: 'New York', code: '2', first: '200' },
      ],
      ['site add London country:gb', { name: 'site.add', siteName: 'London', country: 'gb' }],
      ['site edit Main country:US', { name: 'site.edit', siteName: 'Main', country: 'US' }],
      ['sitecodes on', { name: 'sitecodes', enabled: true }],
      ['sitecodes OFF', { name: 'sitecodes', enabled: false }],
      ['numbers', { name: 'numbers', free: false }],
      ['numbers free', { name: 'numbers', free: true }],
      ['numbers free site:New York', { name: 'numbers', free: true, site: 'New York' }],
      ['numbers site:Main free', { name: 'numbers', free: true, site: 'Main' }],
      ['numbers add +14155550100', { name: 'numbers.add', from: '+14155550100' }],
      [
        'numbers add +14155550100..+14155550199 site:Main',
        { name: 'numbers.add', from: '+14155550100', to: '+14155550199', site: 'Main' },
      ],
      [
        'numbers add +14155550100 .. +14155550199',
        { name: 'numbers.add', from: '+14155550100', to: '+14155550199' },
      ],
      [
        'numbers add +14155550100…+14155550199',
        { name: 'numbers.add', from: '+14155550100', to: '+14155550199' },
      ],
      [
        'numbers add +1 415 555 0100 .. +1 415 555 0199',
        { name: 'numbers.add', from: '+1 415 555 0100', to: '+1 415 555 0199' },
      ],
      ['numbers add +1 (415) 555-0100', { name: 'numbers.add', from: '+1 (415) 555-0100' }],
      ['numbers remove +14155550100', { name: 'numbers.remove', number: '+14155550100' }],
      ['numbers remove +1 415 555 0100', { name: 'numbers.remove', number: '+1 415 555 0100' }],
      ['plans', { name: 'plans' }],
      ['plans set Pro 10', { name: 'plans.set', plan: 'Pro', count: '10' }],
      ['plans set US/CA Unlimited 25', { name: 'plans.set', plan: 'US/CA Unlimited', count: '25' }],
      ['plans set "US/CA Unlimited" 1,000', { name: 'plans.set', plan: 'US/CA Unlimited', count: '1,000' }],
      ['plans set Pro -3', { name: 'plans.set', plan: 'Pro', count: '-3' }],
      ['reserved', { name: 'reserved' }],
      ['reserved add 4000', { name: 'reserved.add', extension: '4000' }],
      ['reserved remove 4000', { name: 'reserved.remove', extension: '4000' }],
      ['admins', { name: 'admins' }],
      ['sync', { name: 'sync' }],
      ['Sync', { name: 'sync' }],
      ['sync retry', { name: 'sync.retry' }],
      ['admins add <@U0ADA>', { name: 'admins.add', user: ada }],
      ['admins remove ada@example.com', { name: 'admins.remove', user: email('ada@example.com') }],
    ])('reads %j', (text, expected) => {
      expect(parseCommand(text)).toStrictEqual({ ok: true, command: expected });
    });
  });

  describe('missing arguments', () => {
    it.each<[string, string, string]>([
      ['remove', '`remove` needs at least one user, e.g. `/phone remove @ada @grace`.', 'remove'],
      ['show', '`show` needs a user, e.g. `/phone show @ada`.', 'show'],
      ['ext', '`ext` needs a user and an extension, e.g. `/phone ext @ada 4102`.', 'ext'],
      ['ext <@U0ADA>', '`ext` needs a user and an extension, e.g. `/phone ext @ada 4102`.', 'ext'],
      [
        'plan add',
        '`plan add` needs a user and a plan, e.g. `/phone plan add @ada US/CA Unlimited`.',
        'plan.add',
      ],
      [
        'plan add <@U0ADA>',
        '`plan add` needs a user and a plan, e.g. `/phone plan add @ada US/CA Unlimited`.',
        'plan.add',
      ],
      [
        'plan remove',
        '`plan remove` needs a user, e.g. `/phone plan remove @ada US/CA Unlimited`.',
        'plan.remove',
      ],
      ['number add', '`number add` needs a user, e.g. `/phone number add @ada +14155550100`.', 'number.add'],
      [
        'number remove',
        '`number remove` needs a user, e.g. `/phone number remove @ada +14155550100`.',
        'number.remove',
      ],
      ['move', '`move` needs a user and `site:`, e.g. `/phone move @ada site:"New York"`.', 'move'],
      ['move <@U0ADA>', '`move` needs the site as `site:`, e.g. `/phone move @ada site:"New York"`.', 'move'],
      [
        'move <@U0ADA> New York',
        '`move` needs the site as `site:`, e.g. `/phone move @ada site:"New York"`.',
        'move',
      ],
      ['deactivate', '`deactivate` needs a user, e.g. `/phone deactivate @ada`.', 'deactivate'],
      ['activate', '`activate` needs a user, e.g. `/phone activate @ada`.', 'activate'],
      [
        'user add ada@example.com Ada',
        '`user add` needs an email, a first name and a last name, e.g. `/phone user add ada@example.com Ada Lovelace`.',
        'user.add',
      ],
      [
        'user add ada\u200d@example.com Ada Lovelace',
        'The email `ada[U+200D]@example.com` cannot be used: there is an invisible character (U+200D zero-width joiner) in position 4: retype the address.',
        'user.add',
      ],
      [
        'history',
        '`history` needs a user, or `recent`, e.g. `/phone history @ada`.',
        '/phone history <user>\n/phone history recent',
      ],
      [
        'site edit Main',
        '`site edit` needs `code:`, `first:` or `country:`, e.g. `/phone site edit Main code:1 first:100`.',
        'site.edit',
      ],
      [
        'site add',
        '`site add` needs a site name, e.g. `/phone site add "New York" code:12 first:1200`.',
        'site.add',
      ],
      ['sitecodes', '`sitecodes` needs `on` or `off`, e.g. `/phone sitecodes on`.', 'sitecodes'],
      [
        'numbers add',
        '`numbers add` needs a number or a range, e.g. `/phone numbers add +14155550100..+14155550199 site:Main`.',
        'numbers.add',
      ],
      [
        'numbers remove',
        '`numbers remove` needs a number, e.g. `/phone numbers remove +14155550100`.',
        'numbers.remove',
      ],
      [
        'plans set',
        '`plans set` needs a plan and then a count, e.g. `/phone plans set US/CA Unlimited 25`.',
        'plans.set',
      ],
      [
        'plans set Pro',
        '`plans set` needs a plan and then a count, e.g. `/phone plans set US/CA Unlimited 25`.',
        'plans.set',
      ],
      [
        'plans set 25',
        '`plans set` needs a plan and then a count, e.g. `/phone plans set US/CA Unlimited 25`.',
        'plans.set',
      ],
      ['reserved add', '`reserved add` needs an extension, e.g. `/phone reserved add 4000`.', 'reserved.add'],
      [
        'reserved remove',
        '`reserved remove` needs an extension, e.g. `/phone reserved remove 4000`.',
        'reserved.remove',
      ],
      ['admins add', '`admins add` needs a user, e.g. `/phone admins add @ada`.', 'admins.add'],
      ['admins remove', '`admins remove` needs a user, e.g. `/phone admins remove @ada`.', 'admins.remove'],
    ])('explains what %j is missing', (text, message, usage) => {
      const expectedUsage = usage.startsWith('/phone') ? usage : usageLine(usage as CommandName);
      expect(usageError(text)).toEqual({ code: 'USAGE', message, usage: expectedUsage });
    });

    it.each([
      ['plan', '`plan` needs `add` or `remove`, e.g. `/phone plan add @ada US/CA Unlimited`.'],
      ['number', '`number` needs `add` or `remove`, e.g. `/phone number add @ada +14155550100`.'],
      ['user', '`user` needs `add`, e.g. `/phone user add ada@example.com Ada Lovelace`.'],
      [
        'site',
        '`site` needs `add`, `edit` or `address`, e.g. `/phone site add "New York" code:12 first:1200`. To list the sites, type `/phone sites`.',
      ],
    ])('asks which action %j means', (text, message) => {
      expect(usageError(text).message).toBe(message);
    });

    it('names the wrong action and gives every usage line of the command', () => {
      expect(usageError('plan swap <@U0ADA>')).toEqual({
        code: 'USAGE',
        message: '`plan` needs `add` or `remove`, not `swap`, e.g. `/phone plan add @ada US/CA Unlimited`.',
        usage: '/phone plan add <user> <plan>\n/phone plan remove <user> [<plan>]',
      });
    });

    it.each([
      ['reserved clear', '`reserved` is used alone or with `add` or `remove`, not `clear`'],
      ['admins list', '`admins` is used alone or with `add` or `remove`, not `list`'],
      ['plans reset', '`plans` is used alone or with `set`, not `reset`'],
    ])('refuses the unknown action in %j', (text, message) => {
      expect(usageError(text).message).toContain(message);
    });
  });

  describe('unexpected words', () => {
    it.each([
      ['me please', 'Unexpected `please`: `me` takes nothing else. Type `/phone me`.'],
      ['sites all', 'Unexpected `all`: `sites` takes nothing else. Type `/phone sites`.'],
      ['sync now', '`sync` is used alone or with `retry`, not `now`, e.g. `/phone sync retry`.'],
      ['sync retry now', 'Unexpected `now`: `sync retry` takes nothing else. Type `/phone sync retry`.'],
      [
        'history recent 10',
        'Unexpected `10`: `history recent` takes nothing else. Type `/phone history recent`.',
      ],
      ['ext <@U0ADA> 4102 4103', 'Unexpected `4103` in `ext`. Type it like `/phone ext @ada 4102`.'],
      ['show <@U0ADA> <@U2>', '`show` takes one user at a time; remove <@U2>.'],
      ['show <@U0ADA> please', 'Unexpected `please` in `show`. Type it like `/phone show @ada`.'],
      ['sitecodes maybe', '`sitecodes` needs `on` or `off`, not `maybe`, e.g. `/phone sitecodes on`.'],
      ['sitecodes on now', 'Unexpected `now` in `sitecodes`. Type it like `/phone sitecodes on`.'],
      ['numbers all', 'Unexpected `all` in `numbers`.'],
      ['numbers free free', 'Unexpected `free` in `numbers`.'],
      ['numbers remove +14155550100 +14155550101', 'Unexpected `+14155550101` in `numbers remove`.'],
      [
        'numbers add +14155550100..',
        'A range is two numbers joined by `..`, e.g. `+14155550100..+14155550199`.',
      ],
      ['numbers add +14155550100..soon', '`soon` is not a phone number.'],
      ['licenses 100 200', 'Unexpected `200` in `licenses`.'],
      ['reserved add 4000 4001', 'Unexpected `4001` in `reserved add`.'],
      ['plan add <@U0ADA> <@U2>', 'Unexpected <@U2> in `plan add`.'],
      ['site add <#C1|general>', 'Unexpected <#C1> in `site add`.'],
      [
        'user add ada@example.com Ada Mary Lovelace',
        'Too many words after the email. Quote a first or last name that has spaces, e.g. `/phone user add ada@example.com "Ada Mary" Lovelace`.',
      ],
      [
        'user add Ada Lovelace ada@example.com',
        "`Ada` is not an email address. `user add` starts with the person's email",
      ],
      [
        'show site:Main <@U0ADA>',
        'Unknown option `site:`. `show` takes no options, e.g. `/phone show @ada`.',
      ],
      ['move <@U0ADA> site:Main plan:Pro', 'Unknown option `plan:`. The only option for move is `site:`.'],
      ['site add Paris city:Paris', 'Options for site add are `code:`, `first:` and `country:`.'],
    ])('refuses %j and says what to type', (text, message) => {
      expect(usageError(text).message).toContain(message);
    });
  });

  describe('unknown commands', () => {
    it('suggests the command a typo was close to', () => {
      expect(usageError('asign <@U1>')).toEqual({
        code: 'USAGE',
        message: 'Unknown command `asign`. Did you mean `assign`? Type `/phone help` to see every command.',
        usage: '/phone help',
      });
    });

    it('suggests nothing for a word far from every command', () => {
      expect(usageError('xyzzy').message).toBe(
        'Unknown command `xyzzy`. Type `/phone help` to see every command.',
      );
    });

    it('points to show when the text starts with a person', () => {
      expect(usageError('<@U0ADA>').message).toContain("To see a person's card, type `/phone show @ada`");
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'does not mistake the object property %s for a command',
      (text) => {
        expect(usageError(text).message).toContain('Unknown command');
      },
    );

    it('does not read a quoted word as a command', () => {
      expect(usageError('"help me"').message).toContain('Unknown command `help me`');
    });
  });

  describe('unbalanced quotes', () => {
    it('names the quote and gives the usage of the command it is in', () => {
      expect(usageError('assign <@U1> site:"New York')).toEqual({
        code: 'USAGE',
        message: 'The quote `"` before `New York` is never closed. Close it with `"`, or remove it.',
        usage: usageLine('assign'),
      });
    });

    it('names a curly quote', () => {
      expect(usageError('site add “New York code:12').message).toContain('The quote `“`');
    });

    it('gives every usage line of a command with actions', () => {
      expect(usageError("plan add <@U1> 'Pro").usage).toBe(
        '/phone plan add <user> <plan>\n/phone plan remove <user> [<plan>]',
      );
    });

    it('points to help when the command is not known', () => {
      expect(usageError('"unclosed').usage).toBe('/phone help');
    });
  });

  describe('adversarial input', () => {
    const strange = [
      '<@>',
      '<mailto:|x>',
      'show <@>',
      'show <mailto:|x>',
      'assign <@> <mailto:|x> <tel:|x> <#> <!>',
      '<<<<>>>>',
      '>>>',
      '&amp;&lt;&gt;&amp',
      '"',
      "'",
      '“',
      '‘’',
      ':',
      'assign :',
      'assign ::::',
      'assign site:',
      'assign site:site:site:',
      'list status:',
      '\u0000\u0001\u0002\u001f\u007f',
      'assign\u0000<@U1>',
      '🎉🎉🎉',
      'assign 📞 ☎️',
      'plan add <@U1> 🧪',
      '\ud800',
      'numbers add ..',
      'numbers add …',
      'numbers add +1....+2',
      'plans set 1,000',
      'plans set ,,,',
      'licenses ,',
      ',,,',
      'user add @ @ @',
      'ext <@U1> <@U2>',
      'show __proto__',
      'assign site:constructor plan:__proto__',
      'site add " "',
      'site add ""',
    ];

    it.each(strange)('answers %j without throwing', (text) => {
      const result: ParseResult = parseCommand(text);
      if (!result.ok) {
        expect(result.error.code).toBe('USAGE');
        expect(result.error.message.length).toBeGreaterThan(0);
        expect(result.error.usage.length).toBeGreaterThan(0);
      }
    });

    it('refuses a mention it cannot read', () => {
      expect(usageError('show <@>').message).toContain('`&lt;@&gt;` is not a mention Switchboard can read');
    });

    it('refuses a mailto link without an address', () => {
      expect(usageError('show <mailto:|x>').message).toContain('is not a mention Switchboard can read');
    });

    it('escapes what the person typed when quoting it back', () => {
      expect(usageError('show a&amp;b').message).toContain('`a&amp;b`');
    });

    it('shortens a long word quoted back in a message', () => {
      const error = usageError(`show ${'x'.repeat(10_000)}`);
      expect(error.message.length).toBeLessThan(200);
      expect(error.message).toContain('…`');
    });

    // How the time grows with the length is tested in long-input.test.ts, with ratios rather than a clock.
    it('answers 10,000 characters of many kinds', () => {
      const inputs = [
        'a '.repeat(5_000),
        '<@U1> '.repeat(1_700),
        '"a '.repeat(3_400),
        '<'.repeat(10_000),
        `assign ${'plan:x '.repeat(1_400)}`,
        `list site:${'word '.repeat(2_000)}`,
        `assign ${'<@U1>,'.repeat(1_700)}`,
      ];
      for (const input of inputs) {
        const parsed = parseCommand(input);
        expect(parsed.ok ? parsed.command.name : parsed.error.message).toBeTruthy();
      }
    });

    it('reads 1,600 mentions and keeps each person once', () => {
      const ids = Array.from({ length: 1_600 }, (_, index) => `U${index}`);
      const result = command(`assign ${ids.map((id) => `<@${id}>`).join(' ')} <@U0>`);
      expect(result).toMatchObject({ name: 'assign' });
      expect(result.name === 'assign' && result.users.length).toBe(1_600);
    });

    it('never throws on random mixes of the characters that matter', () => {
      const alphabet = [
        ' ',
        ',',
        '\n',
        '\u00a0',
        '"',
        "'",
        '“',
        '”',
        '‘',
        '’',
        '<',
        '>',
        '@',
        '#',
        '!',
        '|',
        ':',
        '.',
        '+',
        '&amp;',
        '&lt;',
        'U1',
        'mailto:',
        'tel:',
        'site',
        'plan',
        'add',
        'a',
        '41',
        '0',
        '🎉',
        '\u0000',
      ];
      const heads = [
        '',
        'assign ',
        'list ',
        'plan add ',
        'numbers add ',
        'user add ',
        'site add ',
        'plans set ',
      ];
      const random = seededRandom(20_251_125);
      for (let run = 0; run < 3_000; run += 1) {
        const head = heads[Math.floor(random() * heads.length)] ?? '';
        const length = Math.floor(random() * 20);
        const body = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        const text = head + body;
        const result = parseCommand(text);
        expect(typeof result.ok, text).toBe('boolean');
        if (!result.ok) expect(result.error.message, text).not.toBe('');
      }
    });
  });
});

describe('the command reference', () => {
  it('documents every command', () => {
    const names = commandReference.map((doc) => doc.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(commandOf(name as PhoneCommand['name'])).toBeDefined();
    expectTypeOf<'address.allow-self'>().toExtend<PhoneCommand['name']>();
  });

  it('opens help and me to everyone and keeps account commands for admins', () => {
    const open = commandReference.filter((doc) => doc.audience !== 'admin').map((doc) => doc.name);
    expect(open).toEqual(expect.arrayContaining(['help', 'me']));
    for (const name of ['assign', 'remove', 'licenses', 'sites', 'numbers.add', 'admins.add'] as const) {
      expect(open).not.toContain(name);
    }
  });

  it('has examples that parse into the command they document', () => {
    for (const doc of commandReference) {
      const text = doc.example
        .replace(/^\/phone /, '')
        .replace(/@ada/g, '<@U0ADA>')
        .replace(/@grace/g, '<@U0GRACE>');
      const result = parseCommand(text);
      expect(result.ok && result.command.name, doc.example).toBe(doc.name);
    }
  });

  it('keeps the characters Slack reserves out of examples', () => {
    for (const doc of commandReference) expect(doc.example).not.toMatch(/[<>&]/);
  });
});

describe('helpText', () => {
  it('is grouped into phone users, numbers and plans, the account, import and export, addresses, desk phones and queues, and settings', () => {
    const sections = helpSections();
    expect(sections).toHaveLength(6);
    expect(sections[0]).toContain('*Phone users*');
    expect(sections[1]).toMatch(/^\*Numbers &amp; plans\*/);
    expect(sections[2]).toMatch(/^\*Account\*/);
    expect(sections[3]).toMatch(/^\*Import &amp; export\*/);
    expect(sections[4]).toMatch(/^\*Addresses, desk phones &amp; queues\*/);
    expect(sections[5]).toMatch(/^\*Settings, blocking &amp; delegation\*/);
  });

  it('keeps every section within Slack section limits', () => {
    for (const section of helpSections()) expect(section.length).toBeLessThanOrEqual(2_900);
  });

  it('lists every command once', () => {
    const text = helpText();
    for (const doc of commandReference) {
      expect(text).toContain(`\`/phone ${doc.syntax.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``);
    }
  });

  it('escapes angle brackets so Slack does not read placeholders as links', () => {
    expect(helpText()).toContain('`/phone show &lt;user&gt;`');
    expect(helpText()).not.toMatch(/<(?!\/)/);
  });

  it('says who may use what', () => {
    expect(helpText()).toContain('Anyone can use `help` and `me`');
  });

  it('names no phone vendor', () => {
    expect(helpText()).not.toMatch(/zoom|teams|webex|ringcentral|8x8|dialpad|vonage|aircall|twilio|cisco/i);
  });

  it('joins the sections into one text', () => {
    expect(helpText()).toBe(helpSections().join('\n\n'));
  });
});

/** A small deterministic generator (mulberry32), so a failing input can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('import and export commands', () => {
  it('reads import, import update, imports and export with filters', () => {
    expect(parseCommand('import')).toEqual({ ok: true, command: { name: 'import.sample', mode: 'add' } });
    expect(parseCommand('import update')).toEqual({
      ok: true,
      command: { name: 'import.sample', mode: 'update' },
    });
    expect(parseCommand('imports')).toEqual({ ok: true, command: { name: 'imports' } });
    expect(parseCommand('export site:"New York" status:Inactive plan:200')).toEqual({
      ok: true,
      command: { name: 'export', site: 'New York', status: 'inactive', plan: '200' },
    });
  });

  it('refuses what they do not take', () => {
    const bad = parseCommand('export status:sleeping');
    expect(bad.ok || bad.error.message).toMatch(/`status:` is `active` or `inactive`/);
    const extra = parseCommand('import now');
    expect(extra.ok || extra.error.message).toMatch(/upload the CSV file/);
  });
});
