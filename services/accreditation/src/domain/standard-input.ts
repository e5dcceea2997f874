import { ValidationErrors } from '@leifeng/kit';
import { RULE_TYPES, TITLE_LEVELS, type Criterion, type Rule, type StandardSet } from './standards';

const KINDS = ['AUTOMATIC', 'EVIDENCE', 'INSPECTION'];

/** A standard set as a caller submits it: each criterion's rule is JSON, checked below. */
export interface StandardSetDraft extends Omit<StandardSet, 'id' | 'criteria' | 'source'> {
  criteria: (Omit<Criterion, 'description' | 'rule'> & {
    description?: string | null;
    rule?: unknown;
  })[];
  source?: string | null;
}

/** A new standard set is data: validated here, stored, evaluated by the same rule engine. */
export function validateStandardSet(input: StandardSetDraft): StandardSet {
  const errors = new ValidationErrors();
  if (!/^[a-z0-9-]{3,50}$/.test(input.code ?? ''))
    errors.add('INVALID_CODE', 'code', '标准代码只能包含小写字母、数字和连字符（3–50 位）');
  if (!Number.isInteger(input.version) || input.version < 1)
    errors.add('INVALID_NUMBER', 'version', '版本号应为正整数');
  if (!input.name?.trim() || input.name.length > 100)
    errors.add('INVALID_LENGTH', 'name', '标准名称不能为空且不超过 100 字');
  if (!input.levels?.length || input.levels.some((l) => !TITLE_LEVELS.includes(l)))
    errors.add('INVALID_LEVEL', 'levels', '适用级别不正确');
  const codes = new Set<string>();
  if (!input.criteria?.length) errors.add('INVALID_CRITERIA', 'criteria', '标准至少包含一项指标');
  const rules = (input.criteria ?? []).map((c) => c.rule as Rule | null | undefined);
  for (const [i, c] of (input.criteria ?? []).entries()) {
    const field = `criteria.${i}`;
    const rule = rules[i];
    if (!c.code || codes.has(c.code)) errors.add('INVALID_CRITERIA', field, `第 ${i + 1} 项指标代码为空或重复`);
    codes.add(c.code);
    if (!KINDS.includes(c.kind)) errors.add('INVALID_CRITERIA', field, `第 ${i + 1} 项指标类型不正确`);
    if (c.kind === 'AUTOMATIC' && !rule) errors.add('INVALID_CRITERIA', field, `第 ${i + 1} 项自动指标缺少判定规则`);
    if (rule && !RULE_TYPES.includes(rule.type))
      errors.add('INVALID_RULE', field, `第 ${i + 1} 项指标的规则类型“${rule.type}”不受支持`);
    if (rule?.type === 'NAME_PATTERN') {
      try {
        new RegExp(String(rule.params?.pattern), 'u');
      } catch {
        errors.add('INVALID_RULE', field, `第 ${i + 1} 项指标的名称规则不是合法的正则表达式`);
      }
    }
  }
  errors.throwIfAny();
  const criteria: Criterion[] = input.criteria.map((c, i) => {
    const rule = rules[i];
    return {
      code: c.code,
      name: c.name,
      kind: c.kind,
      description: c.description ?? '',
      ...(rule
        ? {
            rule: {
              type: rule.type,
              params: rule.params ?? {},
              ...(rule.byLevel ? { byLevel: rule.byLevel } : {}),
            },
          }
        : {}),
    };
  });
  return {
    ...input,
    id: `${input.code}@${input.version}`,
    name: input.name.trim(),
    criteria,
    source: input.source ?? null,
  };
}
