import { DomainError, requireUser, type AuthUser } from '@leifeng/kit';

export const SOURCE = 'volunteers';

/** Who acts, and the request that carries it (for the outbox). */
export interface Actor {
  user?: AuthUser;
  requestId?: string;
}

export function actorSub(actor: Actor): string {
  return requireUser(actor.user).sub;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && (!constraint || name === constraint);
}

/** A trimmed string of 1..max characters (or absent when optional). */
export function text(value: string | null | undefined, field: string, label: string, max: number, opts: { optional?: boolean; min?: number } = {}): string | null {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) {
    if (opts.optional) return null;
    throw new DomainError('INVALID_LENGTH', `${label}不能为空`, { field });
  }
  if (v.length < (opts.min ?? 1) || v.length > max) throw new DomainError('INVALID_LENGTH', `${label}长度应为 ${opts.min ?? 1}–${max} 个字符`, { field });
  return v;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The Asia/Shanghai calendar date of an instant (UTC+8, no DST). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar date starts. */
export function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** TypeORM's postgres driver answers UPDATE/DELETE with [rows, rowCount]: the returned rows either way. */
export async function updateReturning<T = any>(m: { query(sql: string, params?: unknown[]): Promise<any> }, sql: string, params: unknown[]): Promise<T[]> {
  const res = await m.query(sql, params);
  return Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res;
}

/** A name masked to the family name for public display: 王芳 → 王*, 欧阳娜娜 → 欧***. */
export const maskName = (name: string) => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
