import { isZoomError, type ZoomError, zoomErrors } from '../errors.ts';
import type { BlockedRule, PhoneUser } from '../model.ts';
import { paginate } from '../pagination.ts';
import { noContent, ok, type Route, type RouteContext } from './route.ts';

function extensionOf(ctx: RouteContext): PhoneUser | ZoomError {
  const id = String(ctx.params.extensionId);
  return ctx.account.findByExtensionId(id) ?? zoomErrors.extensionPathNotFound(id);
}

const view = (r: BlockedRule) => ({
  id: r.id,
  match_type: r.matchType,
  blocked_number: r.blockedNumber,
  type: r.type,
  ...(r.country === undefined ? {} : { country: r.country }),
});

/** Inbound block rules of one extension: numbers or prefixes whose calls never ring it. */
export const blockedRuleRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/extension/{extensionId}/inbound_blocked/rules',
    handle: (ctx) => {
      const p = extensionOf(ctx);
      if (isZoomError(p)) return p;
      const { params } = ctx;
      const all = p.blockedRules.filter(
        (r) =>
          (params.match_type === undefined || r.matchType === params.match_type) &&
          (params.type === undefined || r.type === params.type) &&
          (typeof params.keyword !== 'string' || r.blockedNumber.includes(params.keyword)),
      );
      const query = JSON.stringify([params.match_type, params.type, params.keyword]);
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, query);
      if (isZoomError(page)) return page;
      return ok({
        extension_blocked_rules: page.items.map(view),
        next_page_token: page.next_page_token,
        // The answer's documented page_size stops at 100 although the request may ask for 300.
        page_size: Math.min(page.page_size, 100),
      });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/extension/{extensionId}/inbound_blocked/rules',
    handle: (ctx) => {
      const p = extensionOf(ctx);
      if (isZoomError(p)) return p;
      const { match_type, blocked_number, type, country } = ctx.body;
      if (typeof blocked_number !== 'string' || blocked_number === '')
        return zoomErrors.invalidField('blocked_number', 'blocked_number is required.');
      if (p.blockedRules.some((r) => r.matchType === match_type && r.blockedNumber === blocked_number))
        return zoomErrors.blockedRuleExists();
      const rule: BlockedRule = {
        id: ctx.account.newId('br'),
        matchType: match_type,
        blockedNumber: blocked_number,
        type,
        ...(typeof country === 'string' ? { country } : {}),
      };
      p.blockedRules.push(rule);
      return ok({ id: rule.id }, 201);
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/extension/{extensionId}/inbound_blocked/rules',
    handle: (ctx) => {
      const p = extensionOf(ctx);
      if (isZoomError(p)) return p;
      const id = String(ctx.params.blocked_rule_id);
      if (!p.blockedRules.some((r) => r.id === id)) return zoomErrors.blockedRuleNotFound(id);
      p.blockedRules = p.blockedRules.filter((r) => r.id !== id);
      return noContent();
    },
  },
];
