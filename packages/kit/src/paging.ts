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
