import { DomainError } from '../src/errors';
import {
  addDays,
  addYears,
  isCalendarDate,
  isoWeekdayOf,
  parseCalendarDate,
  parseInstant,
  shanghaiDate,
  shanghaiToday,
} from '../src/dates';
import { DateScalar, DateTimeScalar } from '../src/scalars';

const IMPOSSIBLE = [
  '2026-02-30',
  '2026-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '9999-99-99',
  '0000-01-01',
  'yesterday',
  '',
  '2026-2-3',
  '20260203',
  ' 2026-02-03',
  '2026-02-03\n',
];

describe('the one calendar-date parser', () => {
  it.each(IMPOSSIBLE)('refuses %j with INVALID_DATE naming the field', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    let err: unknown;
    try {
      parseCalendarDate(value, 'publishUntil');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'INVALID_DATE',
      details: { field: 'publishUntil' },
    });
  });

  it('accepts real dates, leap days included', () => {
    for (const d of ['2024-02-29', '2026-12-31', '2000-02-29', '1900-01-01']) expect(parseCalendarDate(d)).toBe(d);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('checks the date part of an instant (new Date alone rolls 2026-02-30 over to 2 March)', () => {
    for (const v of [
      '2026-02-30',
      '2026-02-30T10:00:00Z',
      '2026-13-01T00:00:00+08:00',
      '1',
      'March 3, 2026',
      '2026-03-01T24:30:00Z',
      '2026-03-01T10:61:00Z',
      '',
    ]) {
      expect(() => parseInstant(v, 'publishUntil')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    }
    expect(parseInstant('2026-03-01T10:00:00+08:00').toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(parseInstant('2026-03-01T02:00:00.123Z').toISOString()).toBe('2026-03-01T02:00:00.123Z');
    expect(parseInstant('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('computes Asia/Shanghai days from a clock or an instant', () => {
    const late = new Date('2026-03-01T16:30:00Z'); // 00:30 on 2 March in Shanghai
    expect(shanghaiDate(late)).toBe('2026-03-02');
    expect(shanghaiToday(late)).toBe('2026-03-02');
    expect(shanghaiToday({ now: () => late })).toBe('2026-03-02');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(isoWeekdayOf('2026-03-01')).toBe(7);
  });

  it('the Date and DateTime scalars use it and keep the code', () => {
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'INVALID_DATE' }),
      }),
    );
    expect(() => DateTimeScalar.parseValue('2026-02-30')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'INVALID_DATE' }),
      }),
    );
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
  });
});
