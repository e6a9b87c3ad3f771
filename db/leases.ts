import postgres from 'postgres';

/**
 * A lease is held by one running process until it lets go or dies. An import being applied holds one from
 * before it is marked `applying` until its outcome is written, so any instance can tell an import whose applier
 * died (its lease is free) from one still being applied (its lease is held), without clocks or heartbeats.
 */
export type Leases = {
  /** Takes the lease on `key`, or returns undefined when another holder has it. */
  take(key: LeaseKey): Promise<(() => Promise<void>) | undefined>;
  /** Whether anyone, in this process or another, holds the lease on `key`. */
  held(key: LeaseKey): Promise<boolean>;
};

/** What a lease is on: a kind of thing (a 32-bit namespace) and its id. */
export type LeaseKey = { space: number; id: number };

/** The namespace of the leases on imports being applied. */
export const IMPORT_LEASES = 7246;

/** The namespace of the lease a drift check holds while it reads the phone system: one at a time, on any instance. */
export const DRIFT_LEASES = 7247;

/**
 * On PostgreSQL a lease is a session-level advisory lock held by a connection of its own, opened for it: the
 * server releases the lock when that session ends, which it does when the process dies however it dies, and
 * letting go is closing the connection, which cannot fail even if the server restarted meanwhile.
 */
export function advisoryLeases(url: string, client: postgres.Sql): Leases {
  return {
    async take({ space, id }) {
      const session = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
      let got = false;
      try {
        const [row] = await session<{ got: boolean }[]>`select pg_try_advisory_lock(${space}, ${id}) as got`;
        got = row?.got === true;
      } finally {
        if (!got) await session.end({ timeout: 5 });
      }
      return got ? () => session.end({ timeout: 5 }) : undefined;
    },
    async held({ space, id }) {
      // One statement, so the probe takes and gives back the lock on the same session.
      const [row] = await client<{ free: boolean }[]>`
        select case when pg_try_advisory_lock(${space}, ${id}) then pg_advisory_unlock(${space}, ${id})
                    else false end as free`;
      return !row?.free;
    },
  };
}

/** An embedded database belongs to one process, so the process's own memory knows every holder. */
export function processLeases(): Leases {
  const holding = new Set<string>();
  const name = ({ space, id }: LeaseKey) => `${space}:${id}`;
  return {
    async take(key) {
      if (holding.has(name(key))) return undefined;
      holding.add(name(key));
      return async () => {
        holding.delete(name(key));
      };
    },
    async held(key) {
      return holding.has(name(key));
    },
  };
}
