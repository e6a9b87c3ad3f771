/** Who may answer whose calls: `assistantId` answers the calls of `ownerId`. */
export type DelegationEdge = { ownerId: number; assistantId: number };

/**
 * Whether letting `assistantId` answer the calls of `ownerId` would close a circle: the owner already answers
 * the assistant's calls, directly or through others (A assists B, B assists C, and now C would assist A), so a
 * call handed on from one to the next could come back to where it started. Returns the chain that exists today,
 * from the would-be assistant round to the owner, each answering the calls of the one before; undefined when
 * there is none. `edges` are the delegations reachable from the assistant (more do no harm).
 */
export function delegationCycle(
  edges: readonly DelegationEdge[],
  ownerId: number,
  assistantId: number,
): number[] | undefined {
  const assistantsOf = new Map<number, number[]>();
  for (const edge of edges) {
    assistantsOf.set(edge.ownerId, [...(assistantsOf.get(edge.ownerId) ?? []), edge.assistantId]);
  }
  const cameFrom = new Map<number, number>();
  const queue = [assistantId];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const at = queue.shift() as number;
    if (at === ownerId) {
      const chain = [at];
      for (let step = at; step !== assistantId; ) {
        step = cameFrom.get(step) as number;
        chain.unshift(step);
      }
      return chain;
    }
    for (const next of assistantsOf.get(at) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      cameFrom.set(next, at);
      queue.push(next);
    }
  }
  return undefined;
}
