import type { EmergencyAddress } from '../../domain/address.ts';
import { allocateExtensions, fullExtension } from '../../domain/extensions.ts';
import type { UserFields } from '../../domain/phone-user-fields.ts';
import { firstExtensionOf } from '../site-rules.ts';
import type { ChangedField, PlannedRow } from './plan.ts';
import type { AccountView } from './view.ts';

/** How many rows a preview shows of the people it adds or changes. */
export const SAMPLE_SIZE = 10;

/** A new phone user as the preview shows them: what they will get. */
export type SampleCreate = {
  line: number;
  email: string;
  name: string;
  site: string;
  /** The extension given, or the one the import would hand out now (`auto`); empty when the site has none free. */
  extension: string;
  auto: boolean;
  plans: string[];
  numbers: string[];
};

/** One changed field of a phone user, its value before and after as words. */
export type ValueChange = { field: ChangedField; before: string; after: string };

export type SampleUpdate = { line: number; email: string; name: string; changes: ValueChange[] };

export type ImportSample = { creates: SampleCreate[]; updates: SampleUpdate[] };

/**
 * The first rows that add or change someone, with their values in words. An extension left blank is shown as the
 * one the import would hand out if applied now: the lowest free of the site, past every extension the file gives.
 */
export function sampleOf(rows: readonly PlannedRow[], view: AccountView): ImportSample {
  const creates = rows.flatMap((row) => (row.kind === 'create' ? [row] : [])).slice(0, SAMPLE_SIZE);
  const updates = rows.flatMap((row) => (row.kind === 'update' ? [row] : [])).slice(0, SAMPLE_SIZE);
  const auto = autoExtensions(rows, [...creates, ...updates], view);
  const site = (id: number) => view.sites.find((s) => s.id === id)?.name ?? String(id);
  const plans = (codes: readonly number[]) =>
    codes.map((code) => view.plans.find((plan) => plan.code === code)?.shortName ?? String(code));
  const extension = (row: (typeof creates)[number] | (typeof updates)[number]) =>
    row.autoExtension ? (auto.get(row.line) ?? '') : row.fields.extension;
  return {
    creates: creates.map((row) => ({
      line: row.line,
      email: row.email,
      name: fullName(row.fields),
      site: site(row.fields.siteId),
      extension: extension(row),
      auto: row.autoExtension,
      plans: plans(row.fields.planCodes),
      numbers: row.fields.numbers,
    })),
    updates: updates.map((row) => {
      const before = describe(row.current, row.current.extension, site, plans);
      const after = describe(row.fields, extension(row), site, plans);
      return {
        line: row.line,
        email: row.email,
        name: fullName(row.current),
        changes: row.changed.map((field) => ({ field, before: before[field], after: after[field] })),
      };
    }),
  };
}

const fullName = (fields: Pick<UserFields, 'firstName' | 'lastName'>) =>
  `${fields.firstName} ${fields.lastName}`.trim();

const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : 'none');

function describe(
  fields: UserFields,
  extension: string,
  site: (id: number) => string,
  plans: (codes: readonly number[]) => string[],
): Record<ChangedField, string> {
  return {
    name: fullName(fields),
    site: site(fields.siteId),
    extension: extension || 'none free',
    plans: list(plans(fields.planCodes)),
    numbers: list(fields.numbers),
    callerId: fields.callerId.kind === 'number' ? fields.callerId.number : 'hidden',
    status: fields.status,
    areaCode: fields.areaCode ?? 'none',
    language: fields.language,
    address: fields.address ? addressLine(fields.address) : 'the site’s',
    deskPhones: list(fields.deskPhones.map((phone) => `${phone.mac} (${phone.model})`)),
  };
}

const addressLine = (a: EmergencyAddress) =>
  [a.line1, a.line2, a.city, [a.state, a.postalCode].filter(Boolean).join(' '), a.country]
    .filter(Boolean)
    .join(', ');

/**
 * The extensions the import would hand out to the shown rows whose cell was blank, as `apply.ts` does: per site,
 * in file order, the lowest free past what the account and the file hold. Only the rows before the last shown
 * one take a turn, so only as many are looked for as are shown.
 */
function autoExtensions(
  rows: readonly PlannedRow[],
  shown: readonly Extract<PlannedRow, { kind: 'create' | 'update' }>[],
  view: AccountView,
): Map<number, string> {
  const given = new Map<number, string>();
  const wanting = shown.filter((row) => row.autoExtension);
  if (wanting.length === 0) return given;
  const rules = { siteCodes: view.siteCodes };
  const taken = new Set(view.taken.keys());
  for (const row of rows) {
    if ((row.kind === 'create' || row.kind === 'update') && !row.autoExtension)
      taken.add(row.fields.extension);
  }
  const perSite = new Map<number, number>();
  for (const row of wanting) perSite.set(row.fields.siteId, (perSite.get(row.fields.siteId) ?? 0) + 1);
  const queues = new Map<number, string[]>();
  for (const [siteId, count] of perSite) {
    const site = view.sites.find((s) => s.id === siteId);
    if (!site) continue;
    const shorts = allocateExtensions(count, {
      first: firstExtensionOf(site, rules),
      siteCode: site.siteCode,
      rules,
      taken,
      reserved: view.reserved,
    });
    queues.set(
      siteId,
      shorts.map((short) => fullExtension(short, site.siteCode, rules)),
    );
  }
  for (const row of wanting) {
    const next = queues.get(row.fields.siteId)?.shift();
    if (next !== undefined) given.set(row.line, next);
  }
  return given;
}
