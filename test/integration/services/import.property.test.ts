import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import * as schema from '../../../db/schema/index.ts';
import {
  type ADD_HEADERS,
  type CsvMode,
  HEADERS_BY_MODE,
  type UPDATE_HEADERS,
} from '../../../src/csv/headers.ts';
import type { DomainError } from '../../../src/domain/errors.ts';
import { addNumbers, addSite, reserveExtension } from '../../../src/services/account.ts';
import type { ImportPlan } from '../../../src/services/imports/plan.ts';
import { type ApplyChoice, applyImport, findImport } from '../../../src/services/imports/service.ts';
import { addDirectoryUser } from '../../../src/services/people.ts';
import { previewMessage, problemText } from '../../../src/slack/blocks/imports.ts';
import { errorText } from '../../../src/slack/replies.ts';
import { resetDatabase, useTestDatabase } from '../../support/database.ts';
import { auditRows, refusal, unwrap } from '../../support/fixtures.ts';
import { ADMIN, makeDeps, prepareAccount, previewUpload } from '../../support/services.ts';

const database = useTestDatabase();

/**
 * The account every run starts from: three phone users (one with a plan, a number, a desk phone and an address),
 * one person only in the directory, a second site, a reserved extension and ten numbers.
 */
const EXISTING = ['ada@example.com', 'grace@example.com', 'alan@example.com'];
const DIRECTORY_ONLY = 'dora@example.com';
const SETUP_FILE = [
  'Email,First Name,Last Name,Site,Extension,Calling Plans,Phone Numbers,Outbound Caller ID,Desk Phone MAC,Desk Phone Model,Emergency Address Line 1,Emergency City,Emergency State,Emergency Postal Code,Emergency Country',
  'ada@example.com,Ada,Lovelace,Main,1000,US/CA Unlimited,+14155550100,+14155550100,00:1A:2B:3C:4D:5E,Poly VVX 450,1 Main St,San Francisco,CA,94105,US',
  'grace@example.com,Grace,Hopper,Berlin,2000,,,,,,,,,,',
  'alan@example.com,Alan,Turing,Main,1001,US/CA Metered,,,,,,,,,',
].join('\n');

async function freshAccount() {
  await resetDatabase(database.db);
  const deps = makeDeps(database.db);
  await prepareAccount(database.db, { licenses: 8, planInventory: 3 });
  unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550109' }));
  unwrap(await addSite(deps, ADMIN, { name: 'Berlin', first: '2000' }));
  unwrap(await reserveExtension(deps, ADMIN, '1010'));
  unwrap(await addDirectoryUser(deps, ADMIN, { email: DIRECTORY_ONLY, firstName: 'Dora', lastName: 'Dir' }));
  const setup = unwrap((await preview(deps, 'add', new TextEncoder().encode(SETUP_FILE), {})).result);
  unwrap(await applyImport(deps, ADMIN, setup.import.id, 'all'));
  return deps;
}

let uploads = 0;
async function preview(
  deps: ReturnType<typeof makeDeps>,
  mode: CsvMode,
  bytes: Uint8Array,
  options: { site?: string; copyFrom?: string },
) {
  uploads++;
  return previewUpload(
    deps,
    ADMIN,
    {
      slackFileId: `FPROP${uploads}`,
      fileName: `people-${uploads}.csv`,
      channelId: 'C1',
      threadTs: '1.000',
      mode,
      ...options,
    },
    bytes,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Files: rows that look valid, rows that are not, and bytes that are no CSV at all.

type Key = keyof typeof ADD_HEADERS | keyof typeof UPDATE_HEADERS;
type Column = { header: string; key: Key | undefined };

const oneOf = (...values: string[]) => fc.constantFrom(...values);
const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  oneOf(
    '=1+1',
    '+SUM(A1:A2)',
    '-2+3',
    '@cmd',
    "'=quoted",
    '=HYPERLINK("http://x","y")',
    '\t=1',
    '"',
    '""',
    ';',
  ),
);
const valueOr = (valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>) =>
  fc.oneof(
    { arbitrary: fc.constant(''), weight: 4 },
    { arbitrary: valid, weight: 4 },
    { arbitrary: invalid, weight: 2 },
    { arbitrary: fc.constant('-'), weight: 1 },
    { arbitrary: junk, weight: 1 },
  );

const newEmail = fc.integer({ min: 1, max: 12 }).map((n) => `new${n}@example.com`);
const email = fc.oneof(
  { arbitrary: newEmail, weight: 6 },
  { arbitrary: fc.mixedCase(oneOf(...EXISTING, DIRECTORY_ONLY)), weight: 4 },
  {
    arbitrary: oneOf(
      '',
      'ada@',
      '@example.com',
      'a b@example.com',
      'ada@example..com',
      '=cmd@example.com',
      '\u0430da@example.com',
      'ada\u200b@example.com',
      'ＡＤＡ@example.com',
    ),
    weight: 1,
  },
  { arbitrary: junk, weight: 1 },
);
const name = valueOr(
  oneOf('Ada', 'Grace', 'Zoë', "O'Brien", 'van der Berg', '李', '=Ada', '+Ada', '-Ada', '@Ada', "'=Ada"),
  oneOf('x'.repeat(300), '\u0007', ' ', '<@U123>', '&lt;'),
);
const cells: Record<Key, fc.Arbitrary<string>> = {
  email,
  firstName: name,
  lastName: name,
  site: valueOr(oneOf('Main', 'Berlin', 'berlin', ' Main '), oneOf('Nowhere', '=Main', '<!here>')),
  extension: valueOr(
    oneOf('1002', '1003', '2001', '2105', '1000', '2000', '1001'),
    oneOf('1010', '911', '12', '1234567', 'abc', '00', '1002.0', '1e3'),
  ),
  callingPlans: valueOr(
    oneOf(
      'US/CA Unlimited',
      'US/CA Metered',
      'us/ca unlimited',
      'US/CA Unlimited;US/CA Metered',
      'AU/NZ Metered',
    ),
    oneOf('Nope', ';', 'US/CA Unlimited;Nope'),
  ),
  phoneNumbers: valueOr(
    oneOf(
      '+14155550101',
      '+14155550102',
      '+14155550100',
      '14155550103',
      '+1 (415) 555-0104',
      '+14155550105;+14155550106',
    ),
    oneOf('+14155559999', '1.41555501E+10', '4.15555E+09', 'abc', '+1415', '+14155550107;+14155550107'),
  ),
  outboundCallerId: valueOr(oneOf('hidden', '+14155550101', '+14155550100'), oneOf('+14155559999', 'bad')),
  status: valueOr(oneOf('active', 'inactive', 'Inactive'), oneOf('gone', 'deleted')),
  areaCode: valueOr(oneOf('415', '212'), oneOf('99999', 'ab', '0')),
  audioPromptLanguage: valueOr(oneOf('en-GB', 'fr-FR', 'ja-JP'), oneOf('xx-XX', 'english')),
  emergencyAddressLine1: valueOr(oneOf('1 Main St', '500 Howard St'), oneOf('x'.repeat(500))),
  emergencyAddressLine2: valueOr(oneOf('Suite 5'), oneOf('=Suite')),
  emergencyCity: valueOr(oneOf('San Francisco', 'Berlin'), oneOf('-')),
  emergencyState: valueOr(oneOf('CA', 'BE'), oneOf('California!')),
  emergencyPostalCode: valueOr(oneOf('94105', '10115'), oneOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ')),
  emergencyCountry: valueOr(oneOf('US', 'DE'), oneOf('USA', 'u', '??')),
  deskPhoneMac: valueOr(
    oneOf('00:1A:2B:3C:4D:5F', '001a2b3c4d60', '00-1A-2B-3C-4D-61', '00:1A:2B:3C:4D:5E'),
    oneOf('zz', '00:1A:2B:3C:4D', '001A2B3C4D62;001A2B3C4D63', '001A2B3C4D64;001A2B3C4D64'),
  ),
  deskPhoneModel: valueOr(oneOf('Poly VVX 450', 'Yealink T54W'), oneOf('x'.repeat(200), 'A;B')),
  copySettingsFrom: valueOr(
    oneOf('ada@example.com', '1000', 'GRACE@example.com'),
    oneOf('nobody@example.com', '9999'),
  ),
};

/** Headers as admins write them: the format's, in other cases and spacings, or an alias. */
const ALIASES: Partial<Record<Key, string[]>> = {
  email: ['E-mail', 'Email Address', 'EMAIL'],
  firstName: ['first_name', 'Given Name'],
  lastName: ['Surname', 'last-name'],
  site: ['Site Name'],
  extension: ['Ext', 'Extension Number'],
  callingPlans: ['Plan', 'Calling Plan'],
  phoneNumbers: ['Phone Number', 'Direct Number'],
  outboundCallerId: ['Caller ID'],
  deskPhoneMac: ['MAC', 'MAC Address'],
  emergencyPostalCode: ['Emergency Zip'],
  audioPromptLanguage: ['Language'],
  copySettingsFrom: ['Copy From'],
};
const headerOf = (key: Key, mode: CsvMode): fc.Arbitrary<Column> => {
  const header = (HEADERS_BY_MODE[mode] as Record<string, string>)[key] ?? '';
  return fc
    .constantFrom(
      header,
      header.toUpperCase(),
      header.toLowerCase().replace(/ /g, '_'),
      ...(ALIASES[key] ?? []),
    )
    .map((text) => ({ header: text, key }));
};
const otherHeader: fc.Arbitrary<Column> = fc
  .oneof(
    oneOf('Department', 'Notes', '', ' ', 'Status', 'Area Code', 'Copy Settings From', '=cmd', '<!channel>'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  )
  .map((header) => ({ header, key: undefined }));

const ADDRESS: Key[] = [
  'emergencyAddressLine1',
  'emergencyAddressLine2',
  'emergencyCity',
  'emergencyState',
  'emergencyPostalCode',
  'emergencyCountry',
];
/** Columns that make sense only together come together (columnsOf adds one alone now and then). */
const GROUPS: Record<CsvMode, Key[][]> = {
  add: [
    ['site'],
    ['extension'],
    ['callingPlans'],
    ['phoneNumbers'],
    ['outboundCallerId'],
    ADDRESS,
    ['deskPhoneMac', 'deskPhoneModel'],
    ['copySettingsFrom'],
  ],
  update: [
    ['firstName'],
    ['lastName'],
    ['site'],
    ['extension'],
    ['callingPlans'],
    ['phoneNumbers'],
    ['outboundCallerId'],
    ['status'],
    ['areaCode'],
    ['audioPromptLanguage'],
    ADDRESS,
    ['deskPhoneMac', 'deskPhoneModel'],
  ],
};

const columnsOf = (mode: CsvMode) => {
  const keys = Object.keys(HEADERS_BY_MODE[mode]) as Key[];
  const often = (arbitrary: fc.Arbitrary<boolean>) =>
    fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary, weight: 1 });
  return fc
    .tuple(
      often(fc.constant(false)),
      // An add file names new people.
      often(fc.boolean()),
      fc.shuffledSubarray(GROUPS[mode], { maxLength: 5 }),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 7 },
        { arbitrary: fc.constantFrom(...keys), weight: 1 },
      ),
      fc.array(otherHeader, { maxLength: 2 }),
    )
    .chain(([withEmail, withNames, groups, loose, extra]) => {
      const chosen = [
        ...(withEmail ? ['email' as const] : []),
        ...(mode === 'add' && withNames ? (['firstName', 'lastName'] as const) : []),
        ...groups.flat(),
        // A column alone (an address without its city), or named twice (an alias of one already there).
        ...(loose ? [loose] : []),
      ];
      return fc
        .tuple(fc.tuple(...chosen.map((key) => headerOf(key, mode))), fc.constant(extra))
        .map(([named, unknown]) => [...named, ...unknown])
        .chain((columns) => fc.shuffledSubarray(columns, { minLength: columns.length }));
    });
};

/** A row an admin would mean: a new person for an add file, a phone user for an update file. */
const meantRow = (mode: CsvMode): fc.Arbitrary<Record<Key, string>> => {
  const blankOr = (...values: string[]) =>
    fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: oneOf(...values), weight: 2 });
  const address = fc.oneof(
    fc.constant(['', '', '', '', '', '']),
    fc.constant(['1 Main St', '', 'San Francisco', 'CA', '94105', 'US']),
    fc.constant(['Unter den Linden 1', 'Etage 2', 'Berlin', 'BE', '10117', 'DE']),
  );
  const plan = blankOr('US/CA Unlimited', 'US/CA Metered');
  return fc
    .record({
      email:
        mode === 'add'
          ? fc.oneof({ arbitrary: newEmail, weight: 5 }, { arbitrary: oneOf(DIRECTORY_ONLY), weight: 1 })
          : fc.mixedCase(oneOf(...EXISTING)),
      firstName: mode === 'add' ? oneOf('Ada', 'Zoë', '=Sum', "O'Brien") : blankOr('Ada', 'Grace', '+Plus'),
      lastName: mode === 'add' ? oneOf('King', 'van der Berg', '-Minus', '李') : blankOr('Byron', '@Home'),
      site: blankOr('Main', 'Berlin'),
      extension: blankOr('1003', '1004', '1005', '2001', '2002'),
      callingPlans: plan,
      phoneNumbers: blankOr('+14155550101', '+14155550102', '14155550103'),
      outboundCallerId: blankOr('hidden'),
      status: blankOr('active', 'inactive'),
      areaCode: blankOr('415', '212'),
      audioPromptLanguage: blankOr('en-GB', 'fr-FR'),
      address,
      deskPhoneMac: blankOr('00:1A:2B:3C:4D:5F', '001a2b3c4d60'),
      copySettingsFrom: mode === 'add' ? blankOr('ada@example.com', '1001') : fc.constant(''),
    })
    .map(({ address: parts, ...row }) => ({
      ...row,
      ...Object.fromEntries(ADDRESS.map((key, index) => [key, parts[index] ?? ''])),
      // Numbers need a plan; a desk phone needs its model.
      phoneNumbers: row.callingPlans === '' ? '' : row.phoneNumbers,
      deskPhoneModel: row.deskPhoneMac === '' ? '' : 'Poly VVX 450',
    }))
    .map((row) => row as Record<Key, string>);
};

type Layout = {
  delimiter: ',' | ';' | '\t';
  lineEnd: '\n' | '\r\n' | '\r' | 'mixed';
  quoting: 'rfc' | 'always' | 'none';
  bom: boolean;
  finalLineEnd: boolean;
};
const layout: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  lineEnd: fc.oneof(
    { arbitrary: fc.constantFrom('\n', '\r\n'), weight: 6 },
    { arbitrary: fc.constantFrom('\r', 'mixed'), weight: 1 },
  ),
  quoting: fc.oneof(
    { arbitrary: fc.constant('rfc'), weight: 6 },
    { arbitrary: fc.constantFrom('always', 'none'), weight: 1 },
  ),
  bom: fc.boolean(),
  finalLineEnd: fc.boolean(),
});

function serialise(
  records: readonly (readonly string[])[],
  form: Layout,
  lineEnds: readonly string[],
): string {
  const quote = (cell: string) => {
    if (form.quoting === 'none') return cell;
    const needed = form.quoting === 'always' || /["\r\n,;\t]/.test(cell) || cell !== cell.trim();
    return needed ? `"${cell.replaceAll('"', '""')}"` : cell;
  };
  const end = (index: number) =>
    form.lineEnd === 'mixed' ? (lineEnds[index % lineEnds.length] ?? '\n') : form.lineEnd;
  const body = records
    .map((cells, index) => `${cells.map(quote).join(form.delimiter)}${end(index)}`)
    .join('');
  const text = form.finalLineEnd ? body : body.replace(/(\r\n|\r|\n)$/, '');
  return `${form.bom ? '\uFEFF' : ''}${text}`;
}

/** A header row and rows for it: mostly rows an admin would mean, some of any values, now and then cut short. */
const table = (mode: CsvMode) =>
  columnsOf(mode).chain((columns) => {
    const row = fc
      .tuple(
        fc.oneof({ arbitrary: meantRow(mode), weight: 3 }, { arbitrary: fc.record(cells), weight: 1 }),
        fc.array(junk, { minLength: columns.length, maxLength: columns.length }),
        fc.oneof(
          { arbitrary: fc.constant('whole' as const), weight: 20 },
          { arbitrary: fc.constantFrom('short' as const, 'long' as const, 'blank' as const), weight: 1 },
        ),
      )
      .map(([byKey, other, shape]): string[] => {
        const values = columns.map((column, index) =>
          column.key ? byKey[column.key] : (other[index] ?? ''),
        );
        if (shape === 'short') return values.slice(0, -1);
        if (shape === 'long') return [...values, 'extra'];
        return shape === 'blank' ? [] : values;
      });
    return fc.tuple(
      fc.constant(columns.map((column) => column.header)),
      fc.array(row, { minLength: 1, maxLength: 8 }),
    );
  });

/** What happens to a file on its way: a stray character, a huge cell, hundreds of columns. */
type Damage =
  | { kind: 'none' }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'huge cell'; row: number; size: number; char: string }
  | { kind: 'many columns'; count: number };
const damage: fc.Arbitrary<Damage> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 12 },
  {
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: oneOf('"', '\u0000', '\r', '\n', ',', ';', '\t', '\uFEFF', '\ud800', '"x"y', '\u2028'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('huge cell' as const),
      row: fc.nat(8),
      size: fc.integer({ min: 10_000, max: 200_000 }),
      char: oneOf('x', 'é', '"', '=', ' ', '\u{1F4DE}'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('many columns' as const),
      count: fc.integer({ min: 100, max: 2000 }),
    }),
    weight: 1,
  },
);

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be-bom' | 'latin-1' | 'cut';
const encoding: fc.Arbitrary<{ name: Encoding; cut: number }> = fc.record({
  name: fc.oneof(
    { arbitrary: fc.constant('utf-8' as const), weight: 24 },
    {
      arbitrary: fc.constantFrom(
        'utf-16le',
        'utf-16le-bom',
        'utf-16be-bom',
        'latin-1',
        'cut',
      ) as fc.Arbitrary<Encoding>,
      weight: 3,
    },
  ),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
});

function encode(text: string, how: { name: Encoding; cut: number }): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  switch (how.name) {
    case 'utf-8':
      return utf8;
    case 'cut':
      return utf8.subarray(0, Math.floor(utf8.length * how.cut));
    case 'latin-1':
      return Buffer.from(text, 'latin1');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

type Upload = {
  mode: CsvMode;
  options: { site?: string; copyFrom?: string };
  text: string;
  encoding: { name: Encoding; cut: number };
};

const csvUpload: fc.Arbitrary<Upload> = fc
  .constantFrom<CsvMode>('add', 'update')
  .chain((mode) =>
    fc.record({
      mode: fc.constant(mode),
      // `site:` and `copy:` in the upload's message go with add files only.
      options: fc.oneof(
        { arbitrary: fc.constant({}), weight: 4 },
        {
          arbitrary:
            mode === 'add'
              ? fc.record(
                  {
                    site: oneOf('Berlin', 'Nowhere'),
                    copyFrom: oneOf('ada@example.com', 'nobody@example.com'),
                  },
                  { requiredKeys: [] },
                )
              : fc.constant({}),
          weight: 1,
        },
      ),
      table: table(mode),
      layout,
      lineEnds: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
      damage,
      encoding,
    }),
  )
  .map(({ mode, options, table: [header, rows], layout: form, lineEnds, damage: harm, encoding: how }) => {
    let records = [header, ...rows];
    if (harm.kind === 'many columns') {
      const extra = Array.from({ length: harm.count }, (_, index) => `Column ${index}`);
      records = records.map((cells, index) => [...cells, ...(index === 0 ? extra : extra.map(() => ''))]);
    }
    if (harm.kind === 'huge cell' && records.length > 1) {
      const at = 1 + (harm.row % (records.length - 1));
      records[at] = (records[at] ?? []).map((cell, index) =>
        index === 0 ? harm.char.repeat(harm.size) : cell,
      );
    }
    let text = serialise(records, form, lineEnds);
    if (harm.kind === 'insert') {
      const at = Math.floor(text.length * harm.at);
      text = `${text.slice(0, at)}${harm.text}${text.slice(at)}`;
    }
    return { mode, options, text, encoding: how };
  });

/** Bytes that were never a CSV file: a picture, a workbook, noise. */
const noise = fc.record({
  mode: fc.constantFrom<CsvMode>('add', 'update'),
  bytes: fc.uint8Array({ maxLength: 3000 }),
});

// ---------------------------------------------------------------------------------------------------------------
// What the account holds.

const jsonOf = (value: unknown) =>
  JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? String(inner) : inner));

/** Every table but the audit log and the imports, row by row: equal snapshots mean the account is unchanged. */
async function everyTable(db: Database) {
  const tables = (Object.values(schema) as unknown[]).filter(
    (value): value is PgTable => is(value, PgTable) && value !== schema.auditLog && value !== schema.imports,
  );
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    snapshot[getTableName(table)] = (await db.select().from(table)).map(jsonOf).sort();
  }
  return snapshot;
}

/** Each person of the directory with everything the account holds for them, by email in lower case. */
async function people(db: Database) {
  const [directory, users, plans, numbers, settings, phones, addresses] = await Promise.all([
    db.select().from(schema.directoryUsers),
    db.select().from(schema.phoneUsers),
    db.select().from(schema.phoneUserPlans),
    db.select().from(schema.phoneNumbers),
    db.select().from(schema.phoneUserSettings),
    db.select().from(schema.deskPhones),
    db.select().from(schema.emergencyAddresses),
  ]);
  const byPerson = new Map<string, string>();
  for (const person of directory) {
    const user = users.find((u) => u.directoryUserId === person.id);
    const id = user?.id;
    const own = settings.find((s) => s.phoneUserId === id);
    byPerson.set(
      person.email.toLowerCase(),
      jsonOf({
        person,
        user,
        plans: plans.filter((p) => p.phoneUserId === id),
        numbers: numbers.filter((n) => n.phoneUserId === id),
        settings: own,
        address: addresses.find((a) => a.id === own?.emergencyAddressId),
        phones: phones.filter((p) => p.phoneUserId === id),
      }),
    );
  }
  return byPerson;
}

/** What no import may change, whatever it holds: sites, plans, the account, the numbers inventory... */
async function accountBesidesPeople(db: Database) {
  const {
    directory_users,
    phone_users,
    phone_user_plans,
    phone_user_settings,
    desk_phones,
    dial_plan,
    ...rest
  } = await everyTable(db);
  // The change records, the notices they queue and the sync markings are about the people.
  const {
    change_outbox: _,
    notice_jobs: _notices,
    phone_sync: _sync,
    emergency_addresses,
    phone_numbers,
    ...others
  } = rest;
  const numbers = await db.select().from(schema.phoneNumbers);
  const siteAddresses = (emergency_addresses ?? []).filter((row) => JSON.parse(row).phoneUserId === null);
  return {
    ...others,
    siteAddresses,
    numbers: numbers.map(({ phoneUserId: _owner, ...number }) => jsonOf(number)).sort(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What a preview and an apply must hold to.

const SECTION_LIMIT = 3000;
const headersOf = (mode: CsvMode) => new Set(Object.values(HEADERS_BY_MODE[mode]));

/** Line breaks as an editor counts them: LF, CRLF or a lone CR. */
const lineCount = (text: string) => (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;

/** Text safe to post as mrkdwn: no markup but the escapes and the mentions it means. */
const markupFree = (text: string) => text.replace(/&(?:amp|lt|gt);|<@[UW][A-Z0-9]+>/g, '');

function expectClearPlan(plan: ImportPlan, mode: CsvMode, text: string) {
  const { counts, rows } = plan;
  expect(counts.rows).toBe(rows.length);
  expect(counts.create + counts.update + counts.unchanged + counts.invalid).toBe(counts.rows);
  expect(counts.rows).toBeGreaterThan(0);
  const lines = rows.map((row) => row.line);
  expect(lines, 'each row starts on a line of its own, in file order').toEqual(
    [...new Set(lines)].sort((a, b) => a - b),
  );
  const last = lineCount(text);
  for (const row of rows) {
    expect(row.line).toBeGreaterThanOrEqual(2);
    expect(row.line).toBeLessThanOrEqual(last);
    if (row.kind !== 'invalid') continue;
    expect(row.problems.length, `line ${row.line} is invalid for a reason`).toBeGreaterThan(0);
    for (const problem of row.problems) {
      expect(headersOf(mode)).toContain(problem.column);
      const words = problemText(problem);
      expect(words.trim()).not.toBe('');
      expect(words).not.toMatch(/undefined|NaN|\[object/);
      expect(markupFree(words)).not.toMatch(/[<>&]/);
    }
  }
}

function expectClearRefusal(error: DomainError, fileName: string, bytes: Uint8Array) {
  expect(error.code).toBe('IMPORT_FILE_INVALID');
  const words = errorText(error);
  expect(words).toContain(fileName);
  expect(words).toMatch(/\.$/);
  expect(words).not.toMatch(/undefined|NaN|\[object/);
  expect(words.length, 'the refusal fits one message section').toBeLessThanOrEqual(SECTION_LIMIT);
  expect(markupFree(words.replace(/`[^`]*`/g, ''))).not.toMatch(/[<>&]/);
  const nul = /Line (\d+) holds a NUL/.exec(words);
  if (nul) {
    const text = new TextDecoder().decode(bytes);
    expect(Number(nul[1]), 'the line of the first NUL').toBe(
      lineCount(text.slice(0, text.indexOf('\u0000'))),
    );
  }
}

/** Every text of a message's blocks: section texts and context elements alike. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : textsOf(inner),
  );
}

async function statusOf(id: number) {
  return (await findImport(makeDeps(database.db), id))?.status;
}

/** Applies, and checks the outcome: refused with nothing changed, or exactly the rows the plan holds valid. */
async function expectApply(
  deps: ReturnType<typeof makeDeps>,
  id: number,
  choice: ApplyChoice,
  plan: ImportPlan,
): Promise<boolean> {
  const before = { tables: await everyTable(database.db), audit: (await auditRows(database.db)).length };
  const statusBefore = await statusOf(id);
  const beforePeople = await people(database.db);
  const beforeAccount = await accountBesidesPeople(database.db);
  const result = await applyImport(deps, ADMIN, id, choice);
  const valid = plan.counts.create + plan.counts.update + plan.counts.unchanged;
  if (!result.ok || (choice === 'all' && plan.counts.invalid > 0) || valid === 0) {
    const { code } = refusal(result);
    expect(code).toBe(
      statusBefore !== 'previewed'
        ? 'IMPORT_CLOSED'
        : plan.counts.invalid > 0 && choice === 'all'
          ? 'IMPORT_ROWS_INVALID'
          : 'IMPORT_NOTHING_TO_APPLY',
    );
    expect(await everyTable(database.db), 'a refused apply changes nothing').toEqual(before.tables);
    expect((await auditRows(database.db)).length).toBe(before.audit);
    expect(await statusOf(id), 'a refused apply leaves the import as it was').toBe(statusBefore);
    return false;
  }
  expect(result.value.counts).toEqual({ ...plan.counts, skipped: plan.counts.invalid });
  expect(await statusOf(id)).toBe('applied');

  const after = await people(database.db);
  const touched = new Map(
    plan.rows.flatMap((row) =>
      row.kind === 'invalid' ? [] : [[row.email.toLowerCase(), row.kind] as const],
    ),
  );
  for (const email of new Set([...beforePeople.keys(), ...after.keys(), ...touched.keys()])) {
    const kind = touched.get(email);
    const [was, is] = [beforePeople.get(email), after.get(email)];
    if (kind === 'create') {
      expect(was === undefined || !JSON.parse(was).user, `${email} was no phone user`).toBe(true);
      expect(is && JSON.parse(is).user, `${email} is a phone user now`).toBeTruthy();
    } else if (kind === 'update') expect(is, `${email} changed`).not.toEqual(was);
    else expect(is, `${email} is untouched`).toEqual(was);
  }
  expect(await accountBesidesPeople(database.db)).toEqual(beforeAccount);

  const audit = (await auditRows(database.db)).slice(before.audit);
  expect(new Set(audit.map((row) => row.requestId)).size).toBe(1);
  const actions = audit.map((row) => row.action).sort();
  expect(actions).toEqual(
    [
      ...Array(plan.counts.create).fill('license.assigned'),
      ...Array(plan.counts.update).fill('import.updated'),
      'import.applied',
    ].sort(),
  );
  return true;
}

describe('importing any file', () => {
  it('previews with counts and problems naming line and column, or refuses the file clearly; applies all or nothing', async ({
    signal,
  }) => {
    await fc.assert(
      fc.asyncProperty(csvUpload, fc.boolean(), async (upload, allFirst) => {
        // A run that outlived its timeout stops here, so it never writes into the next test's database.
        signal.throwIfAborted();
        const deps = await freshAccount();
        const before = await everyTable(database.db);
        const bytes = encode(upload.text, upload.encoding);
        const { claimed, result: previewed } = await preview(deps, upload.mode, bytes, upload.options);
        expect(await everyTable(database.db), 'a preview changes nothing').toEqual(before);
        if (!previewed.ok) {
          expectClearRefusal(previewed.error, claimed.fileName, bytes);
          expect(await statusOf(claimed.id)).toBe('failed');
          return;
        }
        const { plan, import: row, unknownHeaders } = previewed.value;
        expect(row.status).toBe('previewed');
        expectClearPlan(plan, upload.mode, new TextDecoder().decode(bytes));
        for (const text of textsOf(previewMessage(row, plan, unknownHeaders).blocks)) {
          expect(text.length, 'each text of the preview fits its block').toBeLessThanOrEqual(SECTION_LIMIT);
        }
        if (allFirst) await expectApply(deps, row.id, 'all', plan);
        const applied = await expectApply(deps, row.id, 'valid', plan);
        if (applied) await expectApply(deps, row.id, 'valid', plan);
      }),
      { numRuns: 40 },
    );
    // Bounded by its runs, not by the clock: 40 imports take about 10 s on a quiet machine, minutes on a busy one.
  }, 600_000);

  it('refuses bytes that are no CSV text with a clear reason, and the refused import cannot be applied', async ({
    signal,
  }) => {
    await fc.assert(
      fc.asyncProperty(noise, async ({ mode, bytes }) => {
        signal.throwIfAborted();
        const deps = await freshAccount();
        const before = await everyTable(database.db);
        const { claimed, result: previewed } = await preview(deps, mode, bytes, {});
        expect(await everyTable(database.db)).toEqual(before);
        if (previewed.ok) {
          expectClearPlan(previewed.value.plan, mode, new TextDecoder().decode(bytes));
          return;
        }
        expectClearRefusal(previewed.error, claimed.fileName, bytes);
        expect(await statusOf(claimed.id)).toBe('failed');
        expect(refusal(await applyImport(deps, ADMIN, claimed.id, 'valid')).code).toBe('IMPORT_CLOSED');
        expect(await statusOf(claimed.id), 'a refused apply leaves the import as it was').toBe('failed');
        expect(await everyTable(database.db)).toEqual(before);
      }),
      { numRuns: 15 },
    );
  }, 600_000);
});

describe('files that once broke the importer', () => {
  const previewOf = async (text: string) =>
    (await preview(await freshAccount(), 'add', new TextEncoder().encode(text), {})).result;

  it('names the lines of a file with classic Mac line ends', async () => {
    const shown = unwrap(await previewOf('Email,First Name,Last Name\rada@,Ada,L\rnew1@example.com,,\r'));
    expect(shown.plan.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it('names the line of a NUL in a file with classic Mac line ends', async () => {
    const error = refusal(await previewOf('Email\rnew1@example.com\rnew2@\u0000example.com\r'));
    expect(errorText(error)).toContain('Line 3 holds a NUL character');
  });

  it('quotes the headers of a file without an Email column safely and briefly', async () => {
    const text = ['<!channel>', 'x'.repeat(5000), ...Array.from({ length: 2000 }, (_, i) => `Column ${i}`)];
    const words = errorText(
      refusal(await previewOf(`${text.join(',')}\n${text.map(() => '1').join(',')}\n`)),
    );
    expect(words).toContain('found: &lt;!channel&gt;, xxx');
    expect(words).toContain('and 1992 more');
    expect(words.length).toBeLessThan(1000);
  });

  it('quotes a malformed cell briefly', async () => {
    const words = errorText(
      refusal(await previewOf(`Email,First Name\nnew1@example.com,<!here>${'y'.repeat(50_000)}"x"\n`)),
    );
    expect(words).toMatch(
      /^people-\d+\.csv cannot be imported: Line 2 cannot be read as CSV \(Invalid Opening Quote/,
    );
    expect(words).not.toContain('<!here>');
    expect(words.length).toBeLessThan(1000);
  });

  it('explains an address line that is too long without markup of its own', async () => {
    const shown = unwrap(
      await previewOf(
        `Email,First Name,Last Name,Emergency Address Line 1,Emergency City,Emergency State,Emergency Postal Code,Emergency Country\nnew1@example.com,Ada,L,${'x'.repeat(500)},San Francisco,CA,94105,US\n`,
      ),
    );
    const [row] = shown.plan.rows;
    const words = row?.kind === 'invalid' ? row.problems.map(problemText).join(' ') : '';
    expect(words).toContain('printable characters (no `&lt;` or `&gt;`)');
  });

  it('lists ignored columns within one block of the preview', async () => {
    const extra = Array.from({ length: 1000 }, (_, i) => `Column ${i}`);
    const shown = unwrap(
      await previewOf(`Email,${extra.join(',')}\nnew1@example.com,${extra.map(() => '').join(',')}\n`),
    );
    const message = previewMessage(shown.import, shown.plan, shown.unknownHeaders);
    for (const text of textsOf(message.blocks)) expect(text.length).toBeLessThanOrEqual(SECTION_LIMIT);
  });
});
