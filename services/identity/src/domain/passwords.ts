/**
 * Password rules (OWASP ASVS 4 §2.1): at least 12 characters, up to 128, any characters (no composition
 * rules, spaces allowed, nothing truncated), and not one of the passwords everyone tries first.
 */
const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The commonest choices in Chinese leaks and worldwide lists that are long enough to pass the length rule.
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  'qwertyuiopas',
  'qwerty123456',
  'password1234',
  'password123456',
  '1q2w3e4r5t6y',
  'a123456789012',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '5201314520131',
  'woaini1314520',
  'iloveyou1234',
  'admin1234567',
  'administrator',
  'leifeng12345',
  'leifeng123456',
  'xueleifeng123',
]);

/** Why the password is refused (Chinese, for the person), or null when it is acceptable. */
export function passwordProblem(password: string, phone?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 个字符`;
  if (length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 个字符`;
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password)) return '密码过于常见，请换一个';
  if (phone && password.includes(phone)) return '密码不能包含手机号';
  return null;
}
