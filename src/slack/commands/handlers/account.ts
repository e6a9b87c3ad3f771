import type { UserRef } from '../../../domain/user-ref.ts';
import {
  addNumbers,
  addSite,
  editSite,
  removeInventoryNumber,
  reserveExtension,
  setPlanCount,
  setSiteCodes,
  unreserveExtension,
} from '../../../services/account.ts';
import { requireAdmin } from '../../../services/context.ts';
import { licenseUsage, setLicenseTotal } from '../../../services/licenses.ts';
import { admins, grantAdmin, revokeAdmin } from '../../../services/people.ts';
import {
  numbersOverview,
  plansOverview,
  reservedOverview,
  sitesOverview,
} from '../../../services/queries.ts';
import type { Site } from '../../../store/sites.ts';
import {
  adminsMessage,
  numbersMessage,
  plansMessage,
  reservedMessage,
  sitesMessage,
} from '../../blocks/account.ts';
import { textMessage } from '../../blocks/message.ts';
import { changeLine, licensesMessage } from '../../blocks/results.ts';
import { code, escapeText, listing, mention, plural } from '../../format.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { type HandlerContext, settle } from './context.ts';

export function licenses(ctx: HandlerContext, total: string | undefined): Promise<Outcome> {
  if (total === undefined)
    return settle(licenseUsage(ctx.deps, ctx.actor), (usage) => ephemeral(licensesMessage(usage)));
  return settle(setLicenseTotal(ctx.deps, ctx.actor, total), (usage) => ({
    channel: licensesMessage(usage, ctx.actor.slackUserId),
  }));
}

export function sites(ctx: HandlerContext): Promise<Outcome> {
  return settle(sitesOverview(ctx.deps, ctx.actor), (o) => ephemeral(sitesMessage(o.siteCodes, o.sites)));
}

export function siteAdd(
  ctx: HandlerContext,
  name: string,
  siteCode?: string,
  first?: string,
): Promise<Outcome> {
  return settle(addSite(ctx.deps, ctx.actor, { name, code: siteCode, first }), (site) => {
    const details = siteDetails(site);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `added the site *${escapeText(site.name)}*${details ? ` (${details})` : ''}.`,
      ),
    };
  });
}

export function siteEdit(
  ctx: HandlerContext,
  name: string,
  siteCode?: string,
  first?: string,
): Promise<Outcome> {
  return settle(editSite(ctx.deps, ctx.actor, { name, code: siteCode, first }), ({ site, renumbered }) => {
    const details = siteDetails(site);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `changed the site *${escapeText(site.name)}*: ${details}.${renumberedText(renumbered)}`,
      ),
    };
  });
}

function siteDetails(site: Site): string {
  return [
    site.siteCode ? `site code ${code(site.siteCode)}` : undefined,
    site.firstExtension ? `extensions from ${code(site.firstExtension)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function renumberedText(renumbered: { from: string; to: string }[]): string {
  if (renumbered.length === 0) return '';
  const shown = renumbered.slice(0, 10).map((r) => `${code(r.from)} → ${code(r.to)}`);
  const more = renumbered.length > 10 ? ` and ${renumbered.length - 10} more` : '';
  return ` ${plural(renumbered.length, 'extension')} now dial differently: ${listing(shown)}${more}.`;
}

export function siteCodes(ctx: HandlerContext, enabled: boolean): Promise<Outcome> {
  return settle(setSiteCodes(ctx.deps, ctx.actor, enabled), (result) => {
    const renumbered = renumberedText(result.renumbered);
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `turned site codes *${enabled ? 'on' : 'off'}*.${renumbered}`,
      ),
    };
  });
}

export function numbers(ctx: HandlerContext, free: boolean, site: string | undefined): Promise<Outcome> {
  return settle(numbersOverview(ctx.deps, ctx.actor, { free, site }), (o) =>
    ephemeral(numbersMessage(o.rows, o.total, o.free, o.site)),
  );
}

export function numbersAdd(
  ctx: HandlerContext,
  from: string,
  to: string | undefined,
  site: string | undefined,
): Promise<Outcome> {
  return settle(addNumbers(ctx.deps, ctx.actor, { from, to, site }), (result) => {
    const range =
      result.added.length === 1
        ? code(result.added[0] ?? '')
        : `${code(result.added[0] ?? '')} to ${code(result.added.at(-1) ?? '')}`;
    const where = result.site ? ` for ${escapeText(result.site)}` : '';
    return {
      channel: changeLine(
        ctx.actor.slackUserId,
        `added ${plural(result.added.length, 'number')} (${range})${where} to the inventory.`,
      ),
    };
  });
}

export function numbersRemove(ctx: HandlerContext, number: string): Promise<Outcome> {
  return settle(removeInventoryNumber(ctx.deps, ctx.actor, number), (result) => ({
    channel: changeLine(ctx.actor.slackUserId, `removed ${code(result.number)} from the inventory.`),
  }));
}

export function plans(ctx: HandlerContext): Promise<Outcome> {
  return settle(plansOverview(ctx.deps, ctx.actor), (rows) => ephemeral(plansMessage(rows)));
}

export function plansSet(ctx: HandlerContext, plan: string, count: string): Promise<Outcome> {
  return settle(setPlanCount(ctx.deps, ctx.actor, plan, count), (result) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `set *${escapeText(result.plan)}* to ${result.inventory} owned (${result.used} in use).`,
    ),
  }));
}

export function reserved(ctx: HandlerContext): Promise<Outcome> {
  return settle(reservedOverview(ctx.deps, ctx.actor), (rows) => ephemeral(reservedMessage(rows)));
}

export function reservedAdd(ctx: HandlerContext, extension: string): Promise<Outcome> {
  return settle(reserveExtension(ctx.deps, ctx.actor, extension), (r) => ({
    channel: changeLine(
      ctx.actor.slackUserId,
      `reserved extension ${code(r.extension)}: it will never be assigned.`,
    ),
  }));
}

export function reservedRemove(ctx: HandlerContext, extension: string): Promise<Outcome> {
  return settle(unreserveExtension(ctx.deps, ctx.actor, extension), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `released the reservation of extension ${code(r.extension)}.`),
  }));
}

export function adminList(ctx: HandlerContext): Promise<Outcome> {
  return settle(admins(ctx.deps, ctx.actor), (rows) => ephemeral(adminsMessage(rows)));
}

/** Admins are chat accounts, so only a mention names one. */
function slackIdOf(user: UserRef): string | undefined {
  return user.kind === 'slack' ? user.id : undefined;
}

/** Checked after the admin check, so that a non-admin is refused (and audited) like for any other change. */
function mentionNeeded(ctx: HandlerContext, action: 'admins add' | 'admins remove'): Promise<Outcome> {
  return settle(requireAdmin(ctx.deps, ctx.actor, action), () =>
    ephemeral(textMessage(`:warning: Name the admin with a mention, e.g. \`/phone ${action} @ada\`.`)),
  );
}

export async function adminAdd(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  const id = slackIdOf(user);
  if (!id) return mentionNeeded(ctx, 'admins add');
  return settle(grantAdmin(ctx.deps, ctx.actor, id), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `made ${mention(r.slackUserId)} a phone admin.`),
  }));
}

export async function adminRemove(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  const id = slackIdOf(user);
  if (!id) return mentionNeeded(ctx, 'admins remove');
  return settle(revokeAdmin(ctx.deps, ctx.actor, id), (r) => ({
    channel: changeLine(ctx.actor.slackUserId, `removed ${mention(r.slackUserId)} from the phone admins.`),
  }));
}
