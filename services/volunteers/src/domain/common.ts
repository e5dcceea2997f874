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

/** A trimmed string of 1..max characters (or absent when optional). */
export function text(
  value: string | null | undefined,
  field: string,
  label: string,
  max: number,
  opts: { optional?: boolean; min?: number } = {},
): string | null {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) {
    if (opts.optional) return null;
    throw new DomainError('INVALID_LENGTH', `${label}不能为空`, { field });
  }
  if (v.length < (opts.min ?? 1) || v.length > max)
    throw new DomainError('INVALID_LENGTH', `${label}长度应为 ${opts.min ?? 1}–${max} 个字符`, { field });
  return v;
}

// Calendar dates are the kit's (one parser for every service); re-exported for this service's rules.
export { addDays, isCalendarDate, shanghaiDate } from '@leifeng/kit';

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** A name masked to the family name for public display: 王芳 → 王*, 欧阳娜娜 → 欧***. */
export const maskName = (name: string) => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;

/**
 * A name masked for confirming whom one means, keeping the first and last character: 张三明 → 张*明,
 * 欧阳娜娜 → 欧**娜, 王芳 → 王*.
 */
export function maskNameForConfirmation(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return maskName(name);
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
