import { batchAddRoutes } from './batch-add.ts';
import { blockedRuleRoutes } from './blocked-rules.ts';
import { callHandlingRoutes } from './call-handling.ts';
import { callQueueRoutes } from './call-queues.ts';
import { callerIdRoutes } from './caller-ids.ts';
import { deviceRoutes } from './devices.ts';
import { emergencyAddressRoutes } from './emergency-addresses.ts';
import { numberRoutes } from './numbers.ts';
import { phoneUserRoutes } from './phone-users.ts';
import { planRoutes } from './plans.ts';
import type { Route } from './route.ts';
import { settingRoutes } from './settings.ts';
import { siteRoutes } from './sites.ts';
import { userRoutes } from './users.ts';

export type { Reply, Route, RouteContext } from './route.ts';

export type MatchedRoute = { route: Route; path: Record<string, string> };

const compiled = [
  ...userRoutes,
  ...phoneUserRoutes,
  ...planRoutes,
  ...numberRoutes,
  ...siteRoutes,
  ...settingRoutes,
  ...emergencyAddressRoutes,
  ...batchAddRoutes,
  ...deviceRoutes,
  ...blockedRuleRoutes,
  ...callHandlingRoutes,
  ...callerIdRoutes,
  ...callQueueRoutes,
]
  .map((route) => {
    const names: string[] = [];
    const source = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, pattern: new RegExp(`^${source}$`) };
  })
  // A literal segment wins over a parameter: `/phone/users/batch` is not a user called "batch".
  .sort((a, b) => a.names.length - b.names.length);

export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const { route, names, pattern } of compiled) {
    if (route.method !== method) continue;
    const found = pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    return { route, path: params };
  }
  return undefined;
}
