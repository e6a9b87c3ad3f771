import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which committed requests marked people for the phone system while a piece of work ran: the Slack layer wraps a
 * command in `trackingChanges` so its reply can follow those people's sync, without every service returning
 * its request ids.
 */
const scope = new AsyncLocalStorage<{ requests: string[] }>();

export async function trackingChanges<T>(work: () => Promise<T>): Promise<{ value: T; requests: string[] }> {
  const tracked = { requests: [] as string[] };
  const value = await scope.run(tracked, work);
  return { value, requests: tracked.requests };
}

/** Called once a request that marked people has committed. */
export function noteMarkedRequest(requestId: string): void {
  scope.getStore()?.requests.push(requestId);
}
