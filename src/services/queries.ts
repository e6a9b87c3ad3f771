import type { Person } from '../domain/errors.ts';
import { ok, type Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { countReserved, listReserved, readAccount } from '../store/account.ts';
import { type AuditRecord, auditForTarget, recentAudit } from '../store/audit.ts';
import { type CardLookup, lookupCard } from '../store/cards.ts';
import { findDirectoryUsersByIds } from '../store/directory.ts';
import { countNumbers, listNumbers, type NumberRow } from '../store/numbers.ts';
import { listCards, type PhoneUserCard, type PhoneUserStatus, personOf } from '../store/phone-users.ts';
import { type PlanUsage, planUsage } from '../store/plans.ts';
import { listSites, type Site } from '../store/sites.ts';
import { type Actor, catchDomain, type Deps, refuseAsNonAdmin, requireAdmin } from './context.ts';
import {
  findDirectoryUser,
  findPhoneUser,
  lookUpPhoneUser,
  type PhoneUserRead,
  personOfRef,
} from './find-phone-user.ts';
import { linkChatAccounts } from './linking.ts';
import { type CardSync, cardSyncFrom } from './phone-sync.ts';
import { type RunPage, runPage } from './run-pages.ts';
import type { UserDetails } from './settings/details.ts';
import { resolvePlan, resolveSite } from './site-rules.ts';

/** Runs a read inside the same admin check as changes. */
async function adminRead<T>(
  deps: Deps,
  actor: Actor,
  action: string,
  read: () => Promise<T>,
): Promise<Result<T>> {
  const allowed = await requireAdmin(deps, actor, action);
  if (!allowed.ok) return allowed;
  return catchDomain(read);
}

export type Card =
  | {
      kind: 'phone_user';
      card: PhoneUserCard;
      details: UserDetails;
      sync: CardSync | undefined;
      /** Whether the viewer may change the line: an admin is offered its next step on the card. */
      viewerIsAdmin: boolean;
    }
  | { kind: 'not_phone_user'; person: Person };

/** A phone user's card; for someone known who holds no license, says so instead of failing. */
export async function showUser(deps: Deps, actor: Actor, ref: UserRef): Promise<Result<Card>> {
  // The admin check is read with the card: one round trip. A non-admin is refused before hearing anything of it.
  const { viewerIsAdmin, found } = await lookUpPhoneUser(deps.db, ref, actor.slackUserId);
  if (!viewerIsAdmin) {
    return refuseAsNonAdmin(deps, actor, 'show');
  }
  if (found.ok) return ok(cardOf(deps, found.value, viewerIsAdmin));
  if (found.error.code === 'NOT_A_PHONE_USER')
    return ok({ kind: 'not_phone_user', person: found.error.user });
  return found;
}

/** Anyone may see their own card. */
export async function myCard(deps: Deps, actor: Actor): Promise<Result<Card>> {
  return ok(await ownCard(deps, actor, await readOwnCard(deps, actor)));
}

const readOwnCard = (deps: Deps, actor: Actor) =>
  lookupCard(deps.db, { by: 'slack', slackUserId: actor.slackUserId }, actor.slackUserId);

/**
 * The caller's own card from `looked`, their lookup by chat account. Someone added by import or by email before
 * their account was linked is found by their profile's email: only then is their account linked and looked up
 * again, so the usual case costs no more than the lookup's one statement.
 */
export async function ownCard(deps: Deps, actor: Actor, looked: CardLookup): Promise<Card> {
  let own = looked;
  if (!own.person) {
    await linkChatAccounts(deps, actor, [actor.slackUserId]);
    own = await readOwnCard(deps, actor);
  }
  if (own.phoneUser) return cardOf(deps, own.phoneUser, own.viewerIsAdmin);
  const person = own.person
    ? personOf(own.person)
    : personOfRef({ kind: 'slack', id: actor.slackUserId, raw: `<@${actor.slackUserId}>` });
  return { kind: 'not_phone_user', person };
}

function cardOf(deps: Deps, read: PhoneUserRead, viewerIsAdmin: boolean): Card {
  const sync = cardSyncFrom(deps, read.sync, viewerIsAdmin);
  return { kind: 'phone_user', card: read.card, details: read.details, sync, viewerIsAdmin };
}

export type ListQuery = {
  site?: string | undefined;
  status?: PhoneUserStatus | undefined;
  plan?: string | undefined;
  search?: string | undefined;
};
export type ListPage = { cards: PhoneUserCard[]; nextAfter: number | undefined; query: ListQuery };

export const LIST_PAGE_SIZE = 20;

export async function listPhoneUsers(
  deps: Deps,
  actor: Actor,
  query: ListQuery,
  afterId = 0,
): Promise<Result<ListPage>> {
  return adminRead(deps, actor, 'list', async () => {
    const siteId = query.site === undefined ? undefined : (await resolveSite(deps.db, query.site)).id;
    const planCode = query.plan === undefined ? undefined : (await resolvePlan(deps.db, query.plan)).code;
    const page = await listCards(
      deps.db,
      {
        siteId,
        planCode,
        ...(query.status ? { status: query.status } : {}),
        ...(query.search ? { search: query.search } : {}),
      },
      afterId,
      LIST_PAGE_SIZE,
    );
    return { cards: page.cards, nextAfter: page.more ? page.cards.at(-1)?.phoneUserId : undefined, query };
  });
}

export const HISTORY_LIMIT = 20;

/** An audit row with the person it is about, when it is about a person of the directory. */
export type HistoryEntry = AuditRecord & { target: Person | null };

/**
 * A page of history, newest first. `more` says older entries exist (read them with `before` set to the oldest
 * id shown); `directoryUserId` is whose history it is, so a More button can ask for the next page.
 */
export type History = {
  subject: Person | 'recent';
  directoryUserId?: number;
  entries: HistoryEntry[];
  more: boolean;
};

export async function history(
  deps: Deps,
  actor: Actor,
  ref: UserRef | 'recent',
  before?: number,
): Promise<Result<History>> {
  return adminRead(deps, actor, 'history', async () => {
    if (ref === 'recent') {
      const rows = await recentAudit(deps.db, HISTORY_LIMIT + 1, before);
      return { subject: 'recent' as const, ...(await historyPage(deps, rows)) };
    }
    const user = ref.kind === 'extension' ? undefined : await findDirectoryUser(deps.db, ref);
    const directoryUserId =
      user?.id ??
      (ref.kind === 'extension' ? (await findPhoneUser(deps.db, ref)).directoryUserId : undefined);
    if (directoryUserId === undefined) return { subject: personOfRef(ref), entries: [], more: false };
    const subject = user ? personOf(user) : personOfRef(ref);
    const rows = await auditForTarget(deps.db, 'user', String(directoryUserId), HISTORY_LIMIT + 1, before);
    return { subject, directoryUserId, ...(await historyPage(deps, rows)) };
  });
}

/**
 * The first HISTORY_LIMIT of `rows` (read one more to know whether older ones exist), with the people they are
 * about. A request cut by the page's end is left whole for the next page, unless it is all the page holds.
 */
async function historyPage(deps: Deps, rows: AuditRecord[]) {
  const more = rows.length > HISTORY_LIMIT;
  let page = rows.slice(0, HISTORY_LIMIT);
  const next = rows[HISTORY_LIMIT];
  if (next && page.some((row) => row.requestId !== next.requestId)) {
    page = page.filter((row) => row.requestId !== next.requestId);
  }
  const ids = [
    ...new Set(page.filter((row) => row.targetType === 'user').map((row) => Number(row.targetId))),
  ];
  const people = new Map(
    (await findDirectoryUsersByIds(deps.db, ids.filter(Number.isSafeInteger))).map((user) => [
      String(user.id),
      personOf(user),
    ]),
  );
  const entries = page.map((row) => ({
    ...row,
    target: row.targetType === 'user' ? (people.get(row.targetId) ?? null) : null,
  }));
  return { entries, more };
}

export type SiteSummary = Site & { phoneUsers: number };

export async function sitesOverview(
  deps: Deps,
  actor: Actor,
): Promise<Result<{ siteCodes: boolean; sites: Site[] }>> {
  return adminRead(deps, actor, 'sites', async () => {
    const [account, sites] = await Promise.all([readAccount(deps.db), listSites(deps.db)]);
    return { siteCodes: account.siteCodesEnabled, sites };
  });
}

export type NumbersPage = RunPage<NumberRow> & {
  total: number;
  /** How many numbers earlier pages showed. */
  before: number;
  free: boolean;
  site: string | undefined;
};

/** Consecutive free numbers of one site read as one line; a held or main number is a line of its own. */
const sameFreeNumbers = (a: NumberRow, b: NumberRow) =>
  !a.holder && !b.holder && !a.isMain && !b.isMain && a.siteId === b.siteId;

/** One page of the inventory, `RUN_LINES_PAGE` lines long: after the number `after`, `before` numbers shown. */
export async function numbersOverview(
  deps: Deps,
  actor: Actor,
  query: { free: boolean; site?: string | undefined },
  from?: { after: string; before: number },
): Promise<Result<NumbersPage>> {
  return adminRead(deps, actor, 'numbers', async () => {
    const siteId = query.site === undefined ? undefined : (await resolveSite(deps.db, query.site)).id;
    const filter = { freeOnly: query.free, ...(siteId !== undefined ? { siteId } : {}) };
    const [page, total] = await Promise.all([
      runPage(
        (after, limit) => listNumbers(deps.db, filter, limit, after),
        (row) => row.number,
        sameFreeNumbers,
        from?.after,
      ),
      countNumbers(deps.db, filter),
    ]);
    return { ...page, total, before: from?.before ?? 0, free: query.free, site: query.site };
  });
}

export async function plansOverview(deps: Deps, actor: Actor): Promise<Result<PlanUsage[]>> {
  return adminRead(deps, actor, 'plans', () => planUsage(deps.db));
}

export type ReservedRow = { extension: string; note: string | null };

/** One page of the reserved extensions, `RUN_LINES_PAGE` lines long; consecutive ones with one note are a line. */
export async function reservedOverview(
  deps: Deps,
  actor: Actor,
  from?: { after: string; before: number },
): Promise<Result<RunPage<ReservedRow> & { total: number; before: number }>> {
  return adminRead(deps, actor, 'reserved', async () => {
    const [page, total] = await Promise.all([
      runPage(
        (after, limit) => listReserved(deps.db, limit, after),
        (row: ReservedRow) => row.extension,
        (a, b) => a.note === b.note,
        from?.after,
      ),
      countReserved(deps.db),
    ]);
    return { ...page, total, before: from?.before ?? 0 };
  });
}
