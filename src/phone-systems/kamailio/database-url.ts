/** The PostgreSQL URL in the form Kamailio's driver reads (no query string), and its password apart. */
export function kamailioDatabaseUrl(databaseUrl: string): {
  url: string;
  password: string | undefined;
  notes: string[];
} {
  const parsed = new URL(databaseUrl.replace(/^postgresql:/, 'postgres:'));
  const notes: string[] = [];
  if (parsed.search)
    notes.push(`the SIP server ignores the URL's options (${parsed.search}): libpq's defaults apply`);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const user = parsed.username ? decodeURIComponent(parsed.username) : 'postgres';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
  const port = parsed.port ? `:${parsed.port}` : '';
  return { url: `postgres://${user}@${parsed.hostname}${port}/${database}`, password, notes };
}
