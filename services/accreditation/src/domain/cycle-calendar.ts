import { DomainError, ValidationErrors } from '@leifeng/kit';
import { isDate } from './dates';

/** Hunan 2012: 部署 (Apr), 准备 (May–Jun), 申报 (Jul), 培育 (Aug–Oct), 评审验收 (Oct), 命名 (Nov). */
export const PHASES = ['DEPLOYMENT', 'PREPARATION', 'APPLICATION', 'CULTIVATION', 'REVIEW', 'NAMING'] as const;
export type Phase = (typeof PHASES)[number];
const PHASE_NAMES: Record<Phase, string> = {
  DEPLOYMENT: '部署阶段',
  PREPARATION: '准备阶段',
  APPLICATION: '申报阶段',
  CULTIVATION: '培育阶段',
  REVIEW: '评审验收阶段',
  NAMING: '命名阶段',
};

export interface PhaseWindow {
  phase: Phase;
  startsOn: string;
  endsOn: string;
}

/** Which phases allow which action. */
const ACTION_PHASES = {
  apply: ['APPLICATION'],
  endorse: ['APPLICATION', 'CULTIVATION'],
  inspectForAcceptance: ['CULTIVATION', 'REVIEW'],
  publishNotice: ['REVIEW', 'NAMING'],
  name: ['NAMING'],
} satisfies Record<string, Phase[]>;
export type CycleAction = keyof typeof ACTION_PHASES;

/**
 * Phases in order, each with start ≤ end, not overlapping, and — given the cycle's year — inside it:
 * both sources run their whole campaign within one calendar year (Hunan 2012年4月–11月, Linyi
 * 2012年3月–12月), so nothing needs a phase in another year.
 */
export function validatePhases(phases: PhaseWindow[], year?: number): PhaseWindow[] {
  const errors = new ValidationErrors();
  const seen = new Set<string>();
  for (const p of phases) {
    if (!PHASES.includes(p.phase)) errors.add('INVALID_PHASE', 'phases', `未知阶段：${p.phase}`);
    if (seen.has(p.phase)) errors.add('INVALID_PHASE', 'phases', `阶段重复：${PHASE_NAMES[p.phase] ?? p.phase}`);
    seen.add(p.phase);
    if (!isDate(p.startsOn) || !isDate(p.endsOn) || p.startsOn > p.endsOn)
      errors.add('INVALID_PHASE', 'phases', `${PHASE_NAMES[p.phase] ?? p.phase}的起止日期不正确`);
    else if (year !== undefined && (!p.startsOn.startsWith(`${year}-`) || !p.endsOn.startsWith(`${year}-`))) {
      errors.add(
        'INVALID_PHASE',
        'phases',
        `${PHASE_NAMES[p.phase] ?? p.phase}（${p.startsOn}–${p.endsOn}）不在 ${year} 年度内`,
      );
    }
  }
  for (const required of ['APPLICATION', 'NAMING'] as Phase[]) {
    if (!seen.has(required)) errors.add('INVALID_PHASE', 'phases', `缺少${PHASE_NAMES[required]}`);
  }
  errors.throwIfAny();
  const sorted = [...phases].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].startsOn <= sorted[i - 1].endsOn) {
      throw new DomainError(
        'INVALID_PHASE',
        `${PHASE_NAMES[sorted[i].phase]}应在${PHASE_NAMES[sorted[i - 1].phase]}结束后开始`,
        { field: 'phases' },
      );
    }
  }
  return sorted;
}

export function phaseOn(phases: PhaseWindow[], date: string): Phase | null {
  return phases.find((p) => p.startsOn <= date && date <= p.endsOn)?.phase ?? null;
}

/** Refuses an action outside its phases with PHASE_CLOSED. */
export function assertPhase(phases: PhaseWindow[], action: CycleAction, today: string): Phase {
  const current = phaseOn(phases, today);
  const allowed: Phase[] = ACTION_PHASES[action];
  if (!current || !allowed.includes(current)) {
    throw new DomainError(
      'PHASE_CLOSED',
      `当前${current ? `处于${PHASE_NAMES[current]}` : '不在任何阶段'}，该操作只能在${allowed.map((p) => PHASE_NAMES[p]).join('或')}进行`,
      {
        currentPhase: current,
        allowedPhases: allowed,
      },
    );
  }
  return current;
}

/** The planned naming date: the first day of the naming phase. */
export function namingDate(phases: PhaseWindow[]): string {
  return phases.find((p) => p.phase === 'NAMING')!.startsOn;
}

/**
 * A calendar change on `today`: a phase that has ended stays as it was (PHASE_ENDED); a phase that has
 * started keeps its start; nothing is moved, added or ended into the past.
 */
export function assertCalendarChange(before: PhaseWindow[], after: PhaseWindow[], today: string): void {
  const next = new Map(after.map((p) => [p.phase, p]));
  for (const old of before) {
    const now = next.get(old.phase);
    const same = !!now && now.startsOn === old.startsOn && now.endsOn === old.endsOn;
    if (old.endsOn < today && !same) {
      throw new DomainError('PHASE_ENDED', `${PHASE_NAMES[old.phase]}已于 ${old.endsOn} 结束，不能再修改`, {
        phase: old.phase,
        startsOn: old.startsOn,
        endsOn: old.endsOn,
      });
    }
    if (now && !same && old.startsOn <= today && now.startsOn !== old.startsOn) {
      throw new DomainError('PHASE_ENDED', `${PHASE_NAMES[old.phase]}已于 ${old.startsOn} 开始，开始日期不能再修改`, {
        phase: old.phase,
        startsOn: old.startsOn,
      });
    }
  }
  const previous = new Map(before.map((p) => [p.phase, p]));
  for (const p of after) {
    const old = previous.get(p.phase);
    if (old && old.startsOn === p.startsOn && old.endsOn === p.endsOn) continue;
    if (p.endsOn < today || (!old && p.startsOn < today)) {
      throw new DomainError('INVALID_PHASE', `${PHASE_NAMES[p.phase]}不能改到已经过去的日期（今天是 ${today}）`, {
        field: 'phases',
        phase: p.phase,
      });
    }
  }
}
