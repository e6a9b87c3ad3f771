import { type ZoomError, zoomErrors } from './errors.ts';

const DEFAULT_PAGE_SIZE = 30;

export type Page<T> = { items: T[]; next_page_token: string; page_size: number; total_records: number };

/**
 * Zoom's cursor pages. The token holds the offset and the query it belongs to, so a token reused with other
 * filters is refused as Zoom refuses a stale one.
 */
export function paginate<T>(all: T[], pageSize: number, token: unknown, query: string): Page<T> | ZoomError {
  // The documents set no minimum; a page of nothing would never advance, so Zoom's default applies instead.
  const size = Number.isInteger(pageSize) && pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
  let offset = 0;
  if (typeof token === 'string' && token !== '') {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        o?: unknown;
        q?: unknown;
      };
      if (typeof parsed.o !== 'number' || parsed.q !== query || parsed.o > all.length)
        throw new Error('stale');
      offset = parsed.o;
    } catch {
      return zoomErrors.invalidPageToken();
    }
  }
  const end = offset + size;
  const next =
    end < all.length ? Buffer.from(JSON.stringify({ o: end, q: query })).toString('base64url') : '';
  return {
    items: all.slice(offset, end),
    next_page_token: next,
    page_size: size,
    total_records: all.length,
  };
}
