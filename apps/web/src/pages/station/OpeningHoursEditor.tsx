import { Button, Input, Space, Typography } from 'antd';
import type { Weekday } from '../../gql/graphql';
import { WEEKDAY } from '../../format';

export interface Slot {
  weekday: Weekday;
  opens: string;
  closes: string;
}

export const WEEKDAYS = Object.keys(WEEKDAY) as Weekday[];

/** Problems a person can fix before saving (the server checks the same and more). */
export function slotProblems(slots: Slot[]): string[] {
  const out: string[] = [];
  for (const day of WEEKDAYS) {
    const mine = slots.filter((s) => s.weekday === day).sort((a, b) => a.opens.localeCompare(b.opens));
    mine.forEach((s, i) => {
      if (!s.opens || !s.closes || s.opens >= s.closes)
        out.push(`${WEEKDAY[day]} ${s.opens || '?'}–${s.closes || '?'}：开始应早于结束`);
      else if (i > 0 && s.opens < mine[i - 1].closes)
        out.push(`${WEEKDAY[day]} ${mine[i - 1].opens}–${mine[i - 1].closes} 与 ${s.opens}–${s.closes} 重叠`);
    });
  }
  return out;
}

/** The weekly opening hours: any number of slots per weekday, native time inputs (phones too). */
export function OpeningHoursEditor({ value = [], onChange }: { value?: Slot[]; onChange?: (v: Slot[]) => void }) {
  const set = (next: Slot[]) => onChange?.(next);
  const problems = slotProblems(value);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="opening-hours">
      {WEEKDAYS.map((day) => {
        const indexed = value.map((s, i) => ({ s, i })).filter(({ s }) => s.weekday === day);
        return (
          <Space key={day} wrap align="start">
            <Typography.Text strong style={{ display: 'inline-block', width: 40 }}>
              {WEEKDAY[day]}
            </Typography.Text>
            {indexed.length === 0 && <Typography.Text type="secondary">不开放</Typography.Text>}
            {indexed.map(({ s, i }) => (
              <Space.Compact key={i}>
                <Input
                  type="time"
                  aria-label={`${WEEKDAY[day]}开始`}
                  value={s.opens}
                  style={{ width: 110 }}
                  onChange={(e) => set(value.map((x, j) => (j === i ? { ...x, opens: e.target.value } : x)))}
                />
                <Input
                  type="time"
                  aria-label={`${WEEKDAY[day]}结束`}
                  value={s.closes}
                  style={{ width: 110 }}
                  onChange={(e) => set(value.map((x, j) => (j === i ? { ...x, closes: e.target.value } : x)))}
                />
                <Button aria-label={`删除${WEEKDAY[day]}时段`} onClick={() => set(value.filter((_, j) => j !== i))}>
                  删除
                </Button>
              </Space.Compact>
            ))}
            <Button type="dashed" onClick={() => set([...value, { weekday: day, opens: '09:00', closes: '17:00' }])}>
              添加时段
            </Button>
          </Space>
        );
      })}
      {problems.map((p) => (
        <Typography.Text key={p} type="danger">
          {p}
        </Typography.Text>
      ))}
    </Space>
  );
}
