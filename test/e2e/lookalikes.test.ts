import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { useSwitchboard, visibleText } from '../support/e2e.ts';
import { everyTable, phoneCommands } from '../support/phone.ts';
import { buttonLabels, csvUploads } from '../support/uploads.ts';

/**
 * An address or a name that only looks like an existing one never becomes a second phone line, site, queue or
 * receptionist: every way in (a CSV file, `/phone user add`, `/phone assign`) reads emails by one rule and refuses
 * the same addresses with the same words, and nothing changes.
 */
const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount } = phoneCommands(sb);
const { botReplies, upload, attachedFile, previewRecorded, exportFile } = csvUploads(sb);
const db = () => sb.app.deps.db;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** The account with Ada Lovelace, ada@example.com, on a phone line (added by email: she has no Slack account). */
async function adaHasALine() {
  await setupAccount();
  await phoneChange('user add ada@example.com Ada Lovelace');
  await phoneChange('assign ada@example.com');
}

const lookalike = (char: string, position: number, script: string, latin: string) =>
  `the '${char}' in position ${position} is a ${script} letter that looks like a Latin one ('${latin}'): retype the address.`;

/** Each address and why it is refused, as every surface words it. */
const REFUSED: [what: string, email: string, shown: string, reason: string][] = [
  ['a Cyrillic а', '\u0430da@example.com', 'аda@example.com', lookalike('а', 1, 'Cyrillic', 'a')],
  [
    'a Cyrillic е in the domain',
    'ada@\u0435xample.com',
    'ada@еxample.com',
    lookalike('е', 5, 'Cyrillic', 'e'),
  ],
  ['a Greek ο', 'ada@exampl\u03bf.com', 'ada@examplο.com', lookalike('ο', 11, 'Greek', 'o')],
  [
    'a soft hyphen',
    'ada\u00ad@example.com',
    'ada[U+00AD]@example.com',
    'there is an invisible character (U+00AD soft hyphen) in position 4: retype the address.',
  ],
  [
    'a zero-width joiner',
    'a\u200dda@example.com',
    'a[U+200D]da@example.com',
    'there is an invisible character (U+200D zero-width joiner) in position 2: retype the address.',
  ],
  [
    'a right-to-left override',
    '\u202eada@example.com',
    '[U+202E]ada@example.com',
    'the character in position 1 (U+202E right-to-left override) is a direction control, which shows the text in another order than it is stored: retype the address.',
  ],
  [
    'a leading =',
    '=ada@example.com',
    '=ada@example.com',
    'an address cannot start with `=`, which a spreadsheet reads as a formula: remove it.',
  ],
  [
    'a leading +',
    '+ada@example.com',
    '+ada@example.com',
    'an address cannot start with `+`, which a spreadsheet reads as a formula: remove it.',
  ],
];

const sentence = (shown: string, reason: string) => `The email \`${shown}\` cannot be used: ${reason}`;

describe('a CSV file with lookalike emails', () => {
  it('refuses each row by line, with the reason, and changes nothing', async () => {
    await adaHasALine();
    const before = await everyTable(db());
    const rows = [
      ...REFUSED.map(([, email]) => `${email},Ada,Lovelace`),
      'ada\u200b@example.com,Ada,Lovelace',
      `huge@example.com,=${'x'.repeat(20_000)},Lovelace`,
    ];
    const { ts, reply } = await upload('lookalikes.csv', ['Email,First Name,Last Name', ...rows].join('\n'));
    const errors = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));

    const text = visibleText(reply);
    expect(text).toContain(`add file · ${rows.length} rows · 0 to add · ${rows.length} invalid`);
    for (const [index, [, , shown, reason]] of REFUSED.entries()) {
      expect(text).toContain(`• Line ${index + 2}, Email: ${sentence(shown, reason)}`);
    }
    expect(text).toContain(
      `• Line ${rows.length}, Email: ${sentence('ada[U+200B]@example.com', 'there is an invisible character (U+200B zero-width space) in position 4: retype the address.')}`,
    );
    expect(buttonLabels(reply)).toEqual(['Cancel']);

    const records = parse(attachedFile(errors).text) as string[][];
    expect(records.slice(1).map((record) => record[0])).toEqual([
      ...REFUSED.map(([, email]) => (/^[=+]/.test(email) ? `'${email}` : email)),
      'ada\u200b@example.com',
      'huge@example.com',
    ]);
    const huge = records.at(-1) ?? [];
    expect(huge[1]).toBe(`'=${'x'.repeat(299)}… [cut: 20,001 characters in all]`);
    expect(huge.at(-1)?.length).toBeLessThan(400);
    expect(records[1]?.at(-1)).toBe(
      `Line 2, Email: ${sentence('аda@example.com', lookalike('а', 1, 'Cyrillic', 'a')).replaceAll('`', '')}`,
    );
    const { imports: _, ...after } = await everyTable(db());
    const { imports: __, ...unchanged } = before;
    expect(after).toEqual(unchanged);
  });

  it('reads a full-width address as the ASCII one, so it names the same person', async () => {
    await adaHasALine();
    const { reply } = await upload(
      'wide.csv',
      'Email,First Name,Last Name\nａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ,Ada,Lovelace\n',
    );
    expect(visibleText(reply)).toContain(
      '• Line 2, Email: ada@example.com already has a phone license (ext 1000).',
    );
  });
});

describe('/phone user add and /phone assign', () => {
  it.each(REFUSED)(
    'refuse an email with %s, with the same reason, changing nothing',
    async (_what, email, shown, reason) => {
      await adaHasALine();
      const before = await everyTable(db());
      expect(await phoneReply(`user add ${email} Ada Lovelace`)).toContain(sentence(shown, reason));
      expect(await phoneReply(`assign ${email}`)).toContain(sentence(shown, reason));
      expect(await everyTable(db())).toEqual(before);
    },
  );

  it('refuse an email split by a zero-width space, which separates words in a command, changing nothing', async () => {
    await adaHasALine();
    const before = await everyTable(db());
    expect(await phoneReply('user add ada\u200b@example.com Ada Lovelace')).toContain(
      '`ada` is not an email address.',
    );
    expect(await phoneReply('assign ada\u200b@example.com')).toContain('`ada` is not a person');
    expect(await everyTable(db())).toEqual(before);
  });

  it('read a full-width address as the ASCII one: the same person, who has a line already', async () => {
    await adaHasALine();
    expect(await phoneReply('assign ａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toContain(
      'already has a phone license',
    );
    expect(await phoneReply('user add ＡＤＡ@example.com Ada Lovelace')).toContain(
      '`ADA@example.com` is already in the directory (emails ignore case).',
    );
  });
});

describe('a Slack profile with a lookalike email', () => {
  it('is refused by /phone assign, saying what is wrong and where to correct it, changing nothing', async () => {
    await adaHasALine();
    sb.slack.addUser({
      id: 'UCYRILLIC1',
      name: 'ada2',
      realName: 'Ada Lovelace',
      email: '\u0430da@example.com',
    });
    const before = await everyTable(db());
    expect(await phoneReply('assign <@UCYRILLIC1>')).toBe(
      `:warning: The email in the Slack profile of <@UCYRILLIC1>, \`аda@example.com\`, cannot be used: ${lookalike('а', 1, 'Cyrillic', 'a')} Ask them or a workspace admin to correct it in Slack, or add them with \`/phone user add &lt;email&gt; &lt;first&gt; &lt;last&gt;\`.`,
    );
    expect(await everyTable(db())).toEqual(before);
  });
});

describe('names of sites, call queues and auto receptionists', () => {
  it('refuses a name that looks like an existing one, naming it, and changes nothing', async () => {
    await setupAccount();
    await phoneChange('site add "New York"');
    await phoneChange('queue add Sales 500');
    await phoneChange('receptionist add Reception 600');
    const before = await everyTable(db());

    expect(await phoneReply('site add "ＮＥＷ ＹＯＲＫ"')).toContain(
      'The site name `ＮＥＷ ＹＯＲＫ` looks like the existing site `New York`, so people could not tell them apart.',
    );
    expect(await phoneReply('queue add Ѕаles 501')).toContain(
      "The call queue name `Ѕаles` cannot be used: the 'Ѕ' in position 1 is a Cyrillic letter that looks like a Latin one ('S'): retype it in one alphabet.",
    );
    expect(await phoneReply('queue add "SALES " 501')).toContain(
      'A call queue called `Sales` already exists',
    );
    expect(await phoneReply('receptionist add Rесерtion 601')).toContain(
      "The auto receptionist name `Rесерtion` cannot be used: the 'е' in position 2 is a Cyrillic letter",
    );
    expect(await phoneReply('site add "New\u200bYork"')).toContain(
      'The site name `New[U+200B]York` cannot be used: there is an invisible character (U+200B zero-width space) in position 4: retype it without it.',
    );
    expect(await everyTable(db())).toEqual(before);
  });

  it('refuses a name written wholly in lookalike letters next to the Latin one, and the other way round', async () => {
    await setupAccount();
    await phoneChange('queue add Sales 500');
    await phoneChange('receptionist add Москва 600');
    const before = await everyTable(db());
    expect(await phoneReply('queue add Ѕаӏеѕ 501')).toContain(
      'The call queue name `Ѕаӏеѕ` looks like the existing call queue `Sales`',
    );
    expect(await everyTable(db())).toEqual(before);
    expect(await phoneChange('receptionist add Moskva 601')).toContain('Moskva');
  });
});

describe('an export with formula-like text', () => {
  it('writes emails and names so a spreadsheet runs none of them, and reads back as 0 changes', async () => {
    await setupAccount();
    await phoneChange('user add -ops@example.com "=Ops" "+Desk"');
    await phoneChange('assign -ops@example.com');
    await phoneChange('user add ada@example.com "@Ada" "-Lovelace"');
    await phoneChange('assign ada@example.com');

    const file = await exportFile();
    const lines = file.text.trimEnd().split('\r\n');
    expect(lines[1]).toMatch(/^'-ops@example\.com,'=Ops,'\+Desk,Main,1000,/);
    expect(lines[2]).toMatch(/^ada@example\.com,'@Ada,'-Lovelace,Main,1001,/);

    const { fileId, reply } = await upload(file.name, file.text, 'update');
    expect(visibleText(reply)).toContain('update file · 2 rows · 0 to update · 2 unchanged · 0 invalid');
    expect(visibleText(reply)).toContain('0 changes');
    expect(await previewRecorded(fileId, reply)).toMatchObject({ status: 'previewed' });
  });
});
