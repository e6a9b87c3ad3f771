import type { Line } from '../../../domain/desired-line.ts';
import { addBlockedRule, removeBlockedRule, type ZoomCall } from './calls.ts';
import type { ZoomBlockedRule } from './snapshot.ts';

const MATCH_TYPE = { number: 'phoneNumber', prefix: 'prefix' } as const;

/** "+1 900" and "+1900" are the same rule; a prefix with and without its `+` are not. */
const sameValue = (a: string, b: string) => a.replace(/[^\d+]/g, '') === b.replace(/[^\d+]/g, '');

/**
 * The line's blocked numbers as inbound block rules on its extension. Switchboard holds the whole list, so a rule
 * it does not name is removed; removals come first so that an entry changed from a number to a prefix never
 * stands twice.
 */
export function blockedCalls(
  line: Line,
  extensionId: string | null,
  rules: ZoomBlockedRule[],
): {
  calls: ZoomCall[];
  notes: string[];
} {
  const matches = (rule: ZoomBlockedRule, entry: Line['blocked'][number]) =>
    rule.matchType === MATCH_TYPE[entry.kind] && sameValue(rule.value, entry.value);
  const extra = rules.filter((rule) => !line.blocked.some((entry) => matches(rule, entry)));
  const missing = line.blocked.filter((entry) => !rules.some((rule) => matches(rule, entry)));
  if (extra.length === 0 && missing.length === 0) return { calls: [], notes: [] };
  if (extensionId === null) {
    return {
      calls: [],
      notes: ['Blocked numbers were not changed: Zoom Phone did not say which extension the line has.'],
    };
  }
  return {
    calls: [
      ...extra.map((rule) => removeBlockedRule(extensionId, rule)),
      ...missing.map((entry) => addBlockedRule(extensionId, entry)),
    ],
    notes: [],
  };
}
