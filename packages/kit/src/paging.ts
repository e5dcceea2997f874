import { DomainError } from './errors';

/** Largest page any list in the graph returns. */
export const MAX_PAGE_SIZE = 500;

/** A list's `first`, checked: an integer within [min, max], else INVALID_PAGE_SIZE (nothing is read). */
export function pageSize(first: number, max: number = MAX_PAGE_SIZE, min = 0): number {
  if (!Number.isInteger(first) || first < min || first > max)
    throw new DomainError('INVALID_PAGE_SIZE', `每页数量应为 ${min}–${max}`, {
      field: 'first',
    });
  return first;
}

/** An opaque keyset cursor over the given key parts (none may contain '|'). */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join('|')).toString('base64url');
}

/**
 * The key parts of a cursor from `encodeCursor`, each checked by its validator; anything else (a
 * cursor from another list, edited by hand) is INVALID_CURSOR.
 */
export function decodeCursor(cursor: string, validators: readonly ((part: string) => boolean)[]): string[] {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== validators.length || !validators.every((ok, i) => ok(parts[i])))
    throw new DomainError('INVALID_CURSOR', '分页游标无效', { field: 'after' });
  return parts;
}

/** Where a page of a position-paged list starts and how many rows it reads (one more than `first`). */
export interface OffsetWindow {
  offset: number;
  first: number;
}

/**
 * A position-paged list (one page picked by number, as a table's pager does): `after` is an edge's
 * cursor (the position it stands at), `offset` a row number; both at once is INVALID_CURSOR.
 */
export function offsetWindow(
  args: { first?: number | null; after?: string | null; offset?: number | null },
  defaultFirst = 20,
  max = MAX_PAGE_SIZE,
): OffsetWindow {
  const first = pageSize(args.first ?? defaultFirst, max);
  if (args.after != null && args.offset != null)
    throw new DomainError('INVALID_CURSOR', '分页参数 after 与 offset 只能选一个', { field: 'offset' });
  if (args.after != null) {
    const [pos] = decodeCursor(args.after, [(p) => /^p\d{1,9}$/.test(p)]);
    return { offset: Number(pos.slice(1)) + 1, first };
  }
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > 1_000_000_000)
    throw new DomainError('INVALID_PAGE_SIZE', '分页起点应为非负整数', { field: 'offset' });
  return { offset, first };
}

/** One page of a position-paged list from `first + 1` rows read at the window's offset, with its total. */
export function offsetConnection<T>(rows: T[], w: OffsetWindow, totalCount: () => Promise<number>) {
  const nodes = rows.slice(0, w.first);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor([`p${w.offset + i}`]), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > w.first,
      endCursor: edges.at(-1)?.cursor ?? (w.offset > 0 ? encodeCursor([`p${w.offset - 1}`]) : null),
    },
    totalCount,
  };
}
