import { rateLabels } from './api/rate-labels.ts';
import type { ZoomApi } from './generate/operations.ts';
import type { RateLabel } from './rate-limits.ts';

/** A call's operation: `METHOD /path template` as in the documents, and its rate-limit label. */
export type Operation = { key: string; label: RateLabel };

type Matcher = Operation & { method: string; pattern: RegExp; params: number };

const matchers = Object.fromEntries(
  Object.entries(rateLabels).map(([api, table]) => [
    api,
    Object.entries(table)
      .map(([key, label]): Matcher => {
        const [method = '', template = ''] = key.split(' ');
        const parts = template.split(/\{[^}]+\}/);
        const pattern = new RegExp(
          `^${parts.map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`,
        );
        return { key, label, method, pattern, params: parts.length - 1 };
      })
      // `/phone/users/batch` is a path of its own, not a user called "batch": literal paths are tried first.
      .sort((a, b) => a.params - b.params),
  ]),
) as Record<ZoomApi, Matcher[]>;

/** The operation a request is, from its method and its path below the API base (`/phone/users/ada%40x.com`). */
export function operationOf(api: ZoomApi, method: string, path: string): Operation | undefined {
  const found = matchers[api].find((m) => m.method === method && m.pattern.test(path));
  return found && { key: found.key, label: found.label };
}
