import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COMMAND_TEXT_LENGTH } from '../../src/domain/people.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { everyTable, lastAuditId, mention, phoneCommands } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, directMessage } = phoneCommands(sb);
const db = () => sb.app.deps.db;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** 40,000 characters of words whose quotes close before a letter: the text that once kept the parser busy. */
const adversarial = `assign ${'"a"b '.repeat(8_000)}`.slice(0, 39_999).concat('b');

describe('a command longer than any real one', () => {
  it.each([
    ['someone who is not an admin', colleague(1)],
    ['a phone admin', ADMIN_ID],
  ])('is refused for %s with its length and what to do instead, and changes nothing', async (_, user) => {
    await setupAccount();
    const before = await everyTable(db());
    const audited = await lastAuditId(db());
    expect(adversarial).toHaveLength(40_000);

    const reply = await phoneReply(adversarial, user);

    expect(reply).toContain(
      'This command is 40,000 characters long; a command may be at most 21,000. Split it into several commands, or for many people at once use a CSV import',
    );
    expect(await everyTable(db())).toEqual(before);
    expect(await lastAuditId(db())).toBe(audited);
  });

  it('is carried out when it is exactly as long as the limit', async () => {
    await setupAccount();
    const command = `assign ${mention(colleague(1))}`;
    const text = `${command}${' '.repeat(MAX_COMMAND_TEXT_LENGTH - command.length)}`;

    expect(await phoneChange(text)).toContain(mention(colleague(1)));
    await directMessage(colleague(1), 'You now have a phone line');
  });
});
