import { beforeEach, describe, expect, it } from 'vitest';
import { directoryUsers } from '../../../db/schema/index.ts';
import { addNumbers, addSite } from '../../../src/services/account.ts';
import { exportPhoneUsers } from '../../../src/services/imports/export.ts';
import {
  applyImport,
  cancelImport,
  claimUpload,
  recentImports,
  type Upload,
  undoImport,
} from '../../../src/services/imports/service.ts';
import { changeExtension } from '../../../src/services/phone-user-changes.ts';
import { showUser } from '../../../src/services/queries.ts';
import {
  addQueue,
  addQueueMember,
  addReceptionist,
  queuesOverview,
  receptionistsOverview,
  setOperator,
} from '../../../src/services/routing.ts';
import { addAssistant } from '../../../src/services/settings/delegation.ts';
import { describeFileProblem } from '../../../src/slack/replies-imports.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import {
  ADMIN,
  emailRef,
  makeDeps,
  prepareAccount,
  previewUpload,
  STRANGER,
} from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { licenses: 10, planInventory: 5 });
  unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550109' }));
  unwrap(await addSite(deps, ADMIN, { name: 'Berlin', first: '2000' }));
});

let fileCounter = 0;
function upload(mode: 'add' | 'update' = 'add', extra: Partial<Upload> = {}): Upload {
  fileCounter++;
  return {
    slackFileId: `F${fileCounter}`,
    fileName: `people-${fileCounter}.csv`,
    channelId: 'C1',
    threadTs: '1.000',
    mode,
    ...extra,
  };
}

async function preview(text: string, mode: 'add' | 'update' = 'add', extra: Partial<Upload> = {}) {
  const { result, superseded } = await previewUpload(
    deps,
    ADMIN,
    upload(mode, extra),
    new TextEncoder().encode(text),
  );
  return result.ok ? { ...result, value: { ...result.value, superseded } } : result;
}

async function cardOf(email: string) {
  const shown = unwrap(await showUser(deps, ADMIN, emailRef(email)));
  if (shown.kind !== 'phone_user') throw new Error(`${email} is not a phone user`);
  return shown.card;
}

async function exported(filter = {}) {
  const stream = unwrap(await exportPhoneUsers(deps, ADMIN, filter));
  let text = '';
  for await (const chunk of stream.rows()) text += chunk.text;
  return text;
}

const ADD = [
  'Email,First Name,Last Name,Site,Extension,Calling Plans,Phone Numbers,Desk Phone MAC,Desk Phone Model',
  'ada@example.com,Ada,Lovelace,,,US/CA Unlimited,+14155550100,00:1A:2B:3C:4D:5E,Poly VVX 450',
  'grace@example.com,Grace,Hopper,Berlin,2105,,,,',
  'alan@example.com,Alan,Turing,,,US/CA Unlimited,14155550101,,',
].join('\n');

describe('an add file', () => {
  it('previews without changing anything, then imports every row in one go', async () => {
    const before = await snapshotWithoutAudit(database.db);
    const shown = unwrap(await preview(ADD));
    expect(shown.plan.counts).toEqual({ rows: 3, create: 3, update: 0, unchanged: 0, invalid: 0 });
    expect(shown.plan.repairs).toEqual([
      { line: 4, column: 'Phone Numbers', from: '14155550101', to: '+14155550101' },
    ]);
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);

    const applied = unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    expect(applied.counts).toMatchObject({ create: 3, skipped: 0 });
    expect(await cardOf('ada@example.com')).toMatchObject({
      extension: '1000',
      site: 'Main',
      numbers: ['+14155550100'],
    });
    expect(await cardOf('grace@example.com')).toMatchObject({ extension: '2105', site: 'Berlin' });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'license.assigned');
    expect(audit).toHaveLength(3);
    expect(new Set(audit.map((row) => row.requestId)).size).toBe(1);
  });

  it('reports every bad row with its line and column, and imports only the valid ones when asked', async () => {
    const text = [
      'email,first name,last name,extension,calling plans,phone numbers,desk phone mac,desk phone model',
      'ada@example.com,Ada,Lovelace,911,,,,',
      'grace@example.com,Grace,Hopper,,,+14155550102,,',
      'alan@example.com,,,,,,,',
      'edsger@example.com,Edsger,Dijkstra,1200,,,001A2B3C4D5E,',
      'ada@example.com,Ada,Again,,,,,',
      'barbara@example.com,Barbara,Liskov,1200,,,,',
      'ken@example.com,Ken,Thompson,1201,,,,',
    ].join('\r\n');
    const shown = unwrap(await preview(text));
    const problems = shown.plan.rows.flatMap((row) =>
      row.kind === 'invalid' ? row.problems.map((p) => [row.line, p.column, p.error.code]) : [],
    );
    expect(problems).toEqual([
      [2, 'Extension', 'EXTENSION_RESERVED'],
      [3, 'Phone Numbers', 'IMPORT_NUMBERS_NEED_PLAN'],
      [4, 'First Name', 'IMPORT_NAME_NEEDED'],
      [5, 'Desk Phone Model', 'IMPORT_DESK_PHONE_PAIR'],
      [6, 'Email', 'IMPORT_DUPLICATE_IN_FILE'],
      [7, 'Extension', 'IMPORT_DUPLICATE_IN_FILE'],
    ]);
    expect(shown.plan.counts).toMatchObject({ rows: 7, create: 1, invalid: 6 });
    expect(refusal(await applyImport(deps, ADMIN, shown.import.id, 'all')).code).toBe('IMPORT_ROWS_INVALID');
    const applied = unwrap(await applyImport(deps, ADMIN, shown.import.id, 'valid'));
    expect(applied.counts).toMatchObject({ create: 1, skipped: 6 });
    expect((await cardOf('ken@example.com')).extension).toBe('1201');
  });

  it('refuses an extension of zeros and an address whose state or postal code is not of its country', async () => {
    const text = [
      'Email,First Name,Last Name,Extension,Emergency Address Line 1,Emergency City,Emergency State,Emergency Postal Code,Emergency Country',
      'ada@example.com,Ada,Lovelace,00,,,,,',
      'grace@example.com,Grace,Hopper,,1 Main St,Springfield,Ilinois,62701,US',
      'alan@example.com,Alan,Turing,,1 Bletchley Rd,Milton Keynes,Bucks,MK3,GB',
      'ken@example.com,Ken,Thompson,,24 Sussex Dr,Ottawa,Ontario,k1m1m4,CA',
    ].join('\n');
    const shown = unwrap(await preview(text));
    const problems = shown.plan.rows.flatMap((row) =>
      row.kind === 'invalid' ? row.problems.map((p) => [row.line, p.error]) : [],
    );
    expect(problems).toEqual([
      [2, { code: 'EXTENSION_ALL_ZEROS', input: '00' }],
      [3, { code: 'ADDRESS_NOT_IN_COUNTRY', field: 'state', input: 'Ilinois', country: 'US' }],
      [4, { code: 'ADDRESS_NOT_IN_COUNTRY', field: 'postal code', input: 'MK3', country: 'GB' }],
    ]);
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'valid'));
    expect((await cardOf('ken@example.com')).email).toBe('ken@example.com');
  });

  it('refuses rows past the free licenses, keeping the ones that fit', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `p${i}@example.com,P,${i}`);
    const shown = unwrap(await preview(['Email,First Name,Last Name', ...rows].join('\n')));
    expect(shown.plan.counts).toMatchObject({ create: 10, invalid: 2 });
    const last = shown.plan.rows.at(-1);
    expect(last?.kind === 'invalid' && last.problems[0]?.error).toEqual({
      code: 'IMPORT_NO_LICENSES',
      free: 10,
      needed: 12,
    });
  });

  it('applies once however many times Import is pressed', async () => {
    const shown = unwrap(await preview(ADD));
    const results = await Promise.all([
      applyImport(deps, ADMIN, shown.import.id, 'all'),
      applyImport(deps, ADMIN, shown.import.id, 'all'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The loser finds it being applied, or already applied if it came second.
    expect(results.find((r) => !r.ok)).toMatchObject({
      error: { code: 'IMPORT_CLOSED', status: expect.stringMatching(/^(applying|applied)$/) },
    });
  });

  it('claims one upload once', async () => {
    const first = unwrap(await claimUpload(deps, ADMIN, { ...upload(), slackFileId: 'FSAME' }));
    const again = unwrap(await claimUpload(deps, ADMIN, { ...upload(), slackFileId: 'FSAME' }));
    expect(first).toBeDefined();
    expect(again).toBeUndefined();
  });

  it('refuses a non-admin before reading anything, and audits it', async () => {
    expect(refusal(await claimUpload(deps, STRANGER, upload())).code).toBe('NOT_ADMIN');
    expect((await auditRows(database.db)).at(-1)).toMatchObject({ action: 'denied', targetId: 'import' });
  });

  it('refuses unreadable files with one clear reason and records them as failed', async () => {
    const cases: [string | Uint8Array, RegExp][] = [
      ['', /empty/],
      ['Email,First Name\n', /no users/],
      ['Name,Phone\nAda,1\n', /no Email column/],
      ['Email,First Name\n"ada@example.com,Ada\n', /never closed/],
      ['Email,First Name,Last Name\nada@example.com;Ada;Lovelace\n', /cells/],
      [new Uint8Array([0xff, 0xfe, 0x45, 0x00]), /UTF-16/],
      ['<!DOCTYPE html><html><body>Sign in</body></html>', /no Email column/],
    ];
    for (const [content, reason] of cases) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const error = refusal((await previewUpload(deps, ADMIN, upload(), bytes)).result);
      expect(error.code).toBe('IMPORT_FILE_INVALID');
      expect(error.code === 'IMPORT_FILE_INVALID' && describeFileProblem(error.problem)).toMatch(reason);
    }
    const rows = unwrap(await recentImports(deps, ADMIN));
    expect(rows.every((row) => row.status === 'failed')).toBe(true);
  });

  it('refuses a file over the row limit', async () => {
    const text = ['Email', 'a@example.com', 'b@example.com', 'c@example.com'].join('\n');
    const error = refusal(
      (
        await previewUpload(deps, ADMIN, upload(), new TextEncoder().encode(text), {
          maxBytes: 1000,
          maxRows: 2,
        })
      ).result,
    );
    expect(error).toMatchObject({
      code: 'IMPORT_FILE_INVALID',
      problem: { code: 'CSV_TOO_MANY_ROWS', limit: 2 },
    });
  });

  it('undoes an import within 24 hours, leaving users someone changed since', async () => {
    const before = await snapshotWithoutAudit(database.db);
    const shown = unwrap(await preview(ADD));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    deps.clock.advance(60_000);
    unwrap(await changeExtension(deps, ADMIN, emailRef('grace@example.com'), '2106'));
    const undone = unwrap(await undoImport(deps, ADMIN, shown.import.id));
    expect(undone).toMatchObject({ removed: 2, restored: 0, keptChanged: ['grace@example.com'] });
    expect(unwrap(await showUser(deps, ADMIN, emailRef('ada@example.com'))).kind).toBe('not_phone_user');
    expect((await cardOf('grace@example.com')).extension).toBe('2106');
    expect(refusal(await undoImport(deps, ADMIN, shown.import.id))).toEqual({
      code: 'IMPORT_NOT_UNDOABLE',
      fileName: shown.import.fileName,
      status: 'undone',
      closedBy: ADMIN.slackUserId,
    });
    expect(before).toBeDefined();
  });

  it('refuses to undo after 24 hours', async () => {
    const shown = unwrap(await preview(ADD));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    deps.clock.advance(24 * 3600_000 + 1);
    expect(refusal(await undoImport(deps, ADMIN, shown.import.id)).code).toBe('IMPORT_UNDO_EXPIRED');
  });

  it('leaves a new user alone whom an auto receptionist now has as operator, naming it, and takes back the rest', async () => {
    const shown = unwrap(await preview(ADD));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    deps.clock.advance(60_000);
    unwrap(await addReceptionist(deps, ADMIN, { name: 'Main Line', extension: '3000' }));
    unwrap(await setOperator(deps, ADMIN, 'Main Line', emailRef('ada@example.com')));

    const undone = unwrap(await undoImport(deps, ADMIN, shown.import.id));
    expect(undone).toMatchObject({
      removed: 2,
      restored: 0,
      keptChanged: [],
      keptInUse: [
        {
          email: 'ada@example.com',
          dependents: [{ kind: 'operator', receptionist: 'Main Line' }],
          sharedAudio: [],
        },
      ],
    });
    const ada = await cardOf('ada@example.com');
    expect(unwrap(await receptionistsOverview(deps, ADMIN))).toMatchObject([
      { name: 'Main Line', operator: { phoneUserId: ada.phoneUserId } },
    ]);
    expect(unwrap(await showUser(deps, ADMIN, emailRef('alan@example.com'))).kind).toBe('not_phone_user');
    const [audit] = (await auditRows(database.db)).filter((row) => row.action === 'import.undone');
    expect(audit?.after).toMatchObject({ removed: 2, restored: 0, keptInUse: ['ada@example.com'] });
    expect((await auditRows(database.db)).filter((row) => row.action === 'license.removed')).toHaveLength(2);
  });

  it('names a queue membership and a delegation made after the import as what keeps their users', async () => {
    const [boss] = await licensedPeople(deps, 1);
    const shown = unwrap(await preview(ADD));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    deps.clock.advance(60_000);
    unwrap(await addQueue(deps, ADMIN, { name: 'Sales', extension: '3000' }));
    unwrap(await addQueueMember(deps, ADMIN, 'Sales', emailRef('grace@example.com'), true));
    unwrap(await addAssistant(deps, ADMIN, refOf(boss as PhoneUserCard), emailRef('alan@example.com')));

    const undone = unwrap(await undoImport(deps, ADMIN, shown.import.id));
    expect(undone.removed).toBe(1);
    expect(undone.restored).toBe(0);
    expect(undone.keptChanged).toEqual([]);
    expect(undone.keptInUse).toMatchObject([
      {
        email: 'grace@example.com',
        dependents: [{ kind: 'queue_member', queue: 'Sales', manager: true }],
      },
      {
        email: 'alan@example.com',
        dependents: [{ kind: 'assisting', person: { email: boss?.email } }],
      },
    ]);
    expect(unwrap(await queuesOverview(deps, ADMIN))).toMatchObject([
      { name: 'Sales', members: [{ person: { email: 'grace@example.com' }, isManager: true }] },
    ]);
    expect((await cardOf('alan@example.com')).extension).toBeDefined();
    expect(unwrap(await showUser(deps, ADMIN, emailRef('ada@example.com'))).kind).toBe('not_phone_user');
    const removed = (await auditRows(database.db)).find(
      (row) => row.action === 'license.removed' && row.targetLabel === 'ada@example.com',
    );
    expect(removed?.before).toMatchObject({
      deskPhones: [{ mac: '001A2B3C4D5E', model: 'Poly VVX 450' }],
      personalAddress: false,
    });
  });

  it('cancels a preview, and a newer upload supersedes an older preview', async () => {
    const first = unwrap(await preview(ADD));
    const second = unwrap(await preview(ADD));
    expect(second.superseded.map((row) => row.id)).toEqual([first.import.id]);
    expect(refusal(await applyImport(deps, ADMIN, first.import.id, 'all')).code).toBe('IMPORT_CLOSED');
    unwrap(await cancelImport(deps, ADMIN, second.import.id));
    expect(refusal(await applyImport(deps, ADMIN, second.import.id, 'all'))).toMatchObject({
      code: 'IMPORT_CLOSED',
      status: 'cancelled',
    });
  });
});

describe('export and update files', () => {
  async function imported() {
    const shown = unwrap(await preview(ADD));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
  }

  it('exports every phone user, and importing the export back changes nothing', async () => {
    await imported();
    const text = await exported();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Email,First Name,Last Name,Site,Extension,Calling Plans,Phone Numbers,Outbound Caller ID,Status,Area Code,Audio Prompt Language,Emergency Address Line 1,Emergency Address Line 2,Emergency City,Emergency State,Emergency Postal Code,Emergency Country,Desk Phone MAC,Desk Phone Model',
    );
    expect(lines[1]).toBe(
      'ada@example.com,Ada,Lovelace,Main,1000,US/CA Unlimited,+14155550100,hidden,active,,en-US,,,,,,,001A2B3C4D5E,Poly VVX 450',
    );
    const shown = unwrap(await preview(text, 'update'));
    expect(shown.plan.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3, invalid: 0 });
  });

  it('updates only what the cells change: blank keeps, - clears', async () => {
    await imported();
    const text = [
      'Email,Last Name,Extension,Phone Numbers,Calling Plans,Status,Emergency Address Line 1,Emergency City,Emergency State,Emergency Postal Code,Emergency Country,Desk Phone MAC',
      'ada@example.com,,1005,-,-,inactive,1 Main St,Springfield,IL,62701,US,-',
      'grace@example.com,Hopper-Murray,,,,,,,,,,',
      'alan@example.com,,,,,,,,,,,',
    ].join('\n');
    const shown = unwrap(await preview(text, 'update'));
    expect(shown.plan.counts).toMatchObject({ update: 2, unchanged: 1 });
    const update = shown.plan.rows[0];
    expect(update?.kind === 'update' && update.changed).toEqual([
      'extension',
      'plans',
      'numbers',
      'status',
      'address',
      'deskPhones',
    ]);
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    const ada = await cardOf('ada@example.com');
    expect(ada).toMatchObject({ extension: '1005', status: 'inactive', numbers: [], plans: [] });
    expect((await cardOf('grace@example.com')).lastName).toBe('Hopper-Murray');

    // Undo restores the values before the update.
    expect(unwrap(await undoImport(deps, ADMIN, shown.import.id))).toMatchObject({
      removed: 0,
      restored: 2,
      keptChanged: [],
      notRestorable: [],
    });
    const restored = await cardOf('ada@example.com');
    expect(restored).toMatchObject({ extension: '1000', status: 'active', numbers: ['+14155550100'] });
    expect(restored.plans.map((p) => p.shortName)).toEqual(['US/CA Unlimited']);
    const again = await exported();
    expect(again).toContain(
      'ada@example.com,Ada,Lovelace,Main,1000,US/CA Unlimited,+14155550100,hidden,active,,en-US,,,,,,,001A2B3C4D5E,Poly VVX 450',
    );
    expect(again).toContain('grace@example.com,Grace,Hopper,');
  });

  it('neutralises formula text on export and restores it exactly on import', async () => {
    const text = ['Email,First Name,Last Name', 'eve@example.com,"=HYPERLINK(""x"")",+Mallory'].join('\n');
    const shown = unwrap(await preview(text));
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    const csv = await exported();
    expect(csv).toContain(`eve@example.com,"'=HYPERLINK(""x"")",'+Mallory,`);
    const back = unwrap(await preview(csv, 'update'));
    expect(back.plan.counts).toMatchObject({ unchanged: 1, update: 0 });
  });

  it('reads back an export naming people by addresses stored before the email rule, and adds none of them', async () => {
    const shown = unwrap(
      await preview(['Email,First Name,Last Name', 'eve@example.com,Eve,Adams'].join('\n')),
    );
    unwrap(await applyImport(deps, ADMIN, shown.import.id, 'all'));
    // What an older version let in: a Cyrillic а and a leading =, on the one directory entry.
    for (const stored of ['\u0430da@example.com', '=eve@example.com']) {
      await database.db.update(directoryUsers).set({ email: stored });
      const csv = await exported();
      expect(csv.split('\r\n')[1]?.split(',')[0]).toBe(stored.startsWith('=') ? `'${stored}` : stored);
      const back = unwrap(await preview(csv, 'update'));
      expect(back.plan.counts).toMatchObject({ unchanged: 1, update: 0, invalid: 0 });
      const renamed = unwrap(await preview(csv.replace(',Eve,', ',Evelyn,'), 'update'));
      expect(renamed.plan.counts).toMatchObject({ update: 1, invalid: 0 });

      const added = unwrap(await preview(`Email,First Name,Last Name\n${stored},Eve,Adams\n`));
      expect(added.plan.rows).toMatchObject([
        { kind: 'invalid', problems: [{ column: 'Email', error: { code: 'EMAIL_INVALID' } }] },
      ]);
    }
  });

  it('refuses update rows for people without a license and values that cannot be cleared', async () => {
    await imported();
    const text = ['Email,Site,Status', 'nobody@example.com,,', 'ada@example.com,-,sleeping'].join('\n');
    const shown = unwrap(await preview(text, 'update'));
    const problems = shown.plan.rows.flatMap((row) =>
      row.kind === 'invalid' ? row.problems.map((p) => [row.line, p.column, p.error.code]) : [],
    );
    expect(problems).toEqual([
      [2, 'Email', 'IMPORT_NOT_PHONE_USER'],
      [3, 'Site', 'IMPORT_CANNOT_CLEAR'],
      [3, 'Status', 'IMPORT_STATUS_INVALID'],
    ]);
  });

  it('filters an export by site, status and plan', async () => {
    await imported();
    const berlin = await exported({ site: 'berlin' });
    expect(berlin.trimEnd().split('\r\n')).toHaveLength(2);
    const plan = await exported({ plan: 'US/CA Unlimited' });
    expect(plan.trimEnd().split('\r\n')).toHaveLength(3);
    expect(refusal(await exportPhoneUsers(deps, ADMIN, { site: 'Mars' })).code).toBe('SITE_NOT_FOUND');
  });
});
