import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { sites } from '../../db/schema/index.ts';

export type Site = typeof sites.$inferSelect;

export async function listSites(db: Executor): Promise<Site[]> {
  return db.select().from(sites).orderBy(asc(sites.id));
}

export async function findSiteByName(db: Executor, name: string): Promise<Site | undefined> {
  const [row] = await db.select().from(sites).where(sql`lower(${sites.name}) = lower(${name.trim()})`);
  return row;
}

export async function findSiteById(db: Executor, id: number): Promise<Site | undefined> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id));
  return row;
}

/** The site new phone users join when none is named: the oldest one ("Main" on a fresh account). */
export async function defaultSite(db: Executor): Promise<Site> {
  const [row] = await db.select().from(sites).orderBy(asc(sites.id)).limit(1);
  if (!row) throw new Error('the account has no site: migrations have not run');
  return row;
}

export async function insertSite(
  tx: Executor,
  values: { name: string; siteCode: string | null; firstExtension: string | null; country?: string | null },
): Promise<Site> {
  const [row] = await tx.insert(sites).values(values).returning();
  if (!row) throw new Error('insert into sites returned nothing');
  return row;
}

export async function updateSite(
  tx: Executor,
  id: number,
  values: { siteCode?: string | null; firstExtension?: string | null; country?: string | null },
): Promise<Site> {
  const [row] = await tx.update(sites).set(values).where(eq(sites.id, id)).returning();
  if (!row) throw new Error(`site ${id} vanished inside its own transaction`);
  return row;
}

/** The country a site's numbers are read in when typed without +; null: the account's default. */
export async function siteCountry(db: Executor, id: number): Promise<string | null> {
  const [row] = await db.select({ country: sites.country }).from(sites).where(eq(sites.id, id));
  return row?.country ?? null;
}
