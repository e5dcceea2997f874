import { useMemo } from 'react';
import { Chart } from '../../components/Chart';
import { fmtHours } from '../../format';

export interface MonthHours {
  month: string;
  verifiedHours: number;
}

/** The chart's title (also on its placeholder while the region's query has not answered). */
export const hoursByMonthTitle = (year: number) => `每月服务时长（小时）：${year} 年与 ${year - 1} 年`;

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Verified hours by month, this year against last (months after the current one are left out). */
export function HoursByMonth({ series, year, thisMonth }: { series: MonthHours[]; year: number; thisMonth: string }) {
  const chart = useMemo(() => {
    const hours = (y: number) =>
      MONTHS.map((m) => {
        const key = `${y}-${m}`;
        if (y === year && key > thisMonth) return null;
        return series.find((s) => s.month === key)?.verifiedHours ?? 0;
      });
    const now = hours(year);
    const last = hours(year - 1);
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 16, bottom: 32, top: 32 },
        xAxis: { type: 'category', data: MONTHS.map((m) => `${Number(m)}月`) },
        yAxis: { type: 'value', name: '小时' },
        series: [
          { type: 'line', name: `${year} 年`, data: now },
          {
            type: 'line',
            name: `${year - 1} 年`,
            data: last,
            lineStyle: { type: 'dashed' },
          },
        ],
      },
      table: {
        columns: ['月份', `${year} 年（小时）`, `${year - 1} 年（小时）`],
        rows: MONTHS.map((m, i) => [`${Number(m)}月`, now[i] === null ? '—' : fmtHours(now[i]), fmtHours(last[i])]),
      },
    };
  }, [series, year, thisMonth]);
  return <Chart title={hoursByMonthTitle(year)} option={chart.option} table={chart.table} testId="chart-hours-month" />;
}
