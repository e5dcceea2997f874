import { decodeCursor, encodeCursor, isUuid, MAX_PAGE_SIZE, pageSize } from '../src';

describe('paging', () => {
  it('accepts page sizes within bounds and refuses the rest with INVALID_PAGE_SIZE (message in Chinese)', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(500);
    expect(pageSize(200, 200, 1)).toBe(200);
    for (const [first, max, min] of [
      [501, 500, 0],
      [-1, 500, 0],
      [0, 200, 1],
      [2.5, 500, 0],
      [Number.NaN, 500, 0],
    ]) {
      expect(() => pageSize(first, max, min)).toThrow(
        expect.objectContaining({
          code: 'INVALID_PAGE_SIZE',
          message: `每页数量应为 ${min}–${max}`,
        }),
      );
    }
  });

  it('round-trips keyset cursors and refuses cursors that do not fit the list', () => {
    const id = '3f0c1f9e-6a51-4c1e-9a0b-2c6b8f1f4d7a';
    const at = new Date('2026-03-05T08:00:00.000Z').toISOString();
    const validDate = (t: string) => !Number.isNaN(Date.parse(t));
    expect(decodeCursor(encodeCursor([at, id]), [validDate, isUuid])).toEqual([at, id]);
    for (const bad of ['', 'bm9wZQ', encodeCursor([id]), encodeCursor([at, 'x']), encodeCursor([at, id, id])]) {
      expect(() => decodeCursor(bad, [validDate, isUuid])).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });

  it('recognises canonical uuids only', () => {
    expect(isUuid('3F0C1F9E-6A51-4C1E-9A0B-2C6B8F1F4D7A')).toBe(true);
    for (const v of ['', 'x', '3f0c1f9e6a514c1e9a0b2c6b8f1f4d7a', 42, null, undefined]) expect(isUuid(v)).toBe(false);
  });
});
