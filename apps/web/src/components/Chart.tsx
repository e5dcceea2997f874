/**
 * ECharts through its tree-shakable core: only the charts and components the console draws. Imported
 * only by chart pages (React.lazy), so the initial bundle carries none of it. Every chart has a title,
 * units in its axis names, and a data table toggle for screen readers and exact figures.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Empty, Table } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

/**
 * Charts are set up one per task, in the order they mount: the first is drawn (and painted) before the next one's
 * layout starts, instead of every chart of a page being laid out in one long task before any of them shows.
 */
const queue: (() => void)[] = [];
let draining = false;
function inTurn(setUp: () => void): () => void {
  let cancelled = false;
  queue.push(() => cancelled || setUp());
  if (!draining) {
    draining = true;
    const next = () => {
      queue.shift()?.();
      // After the next paint: the chart just set up shows before the next one's layout.
      if (queue.length) requestAnimationFrame(() => setTimeout(next, 0));
      else draining = false;
    };
    next();
  }
  return () => {
    cancelled = true;
  };
}

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export function Chart({
  title,
  option,
  table,
  height = 300,
  testId,
}: {
  title: string;
  option: EChartsCoreOption;
  table: ChartTable;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || showTable || table.rows.length === 0) return;
    let chart: echarts.ECharts | undefined;
    let ro: ResizeObserver | undefined;
    const cancel = inTurn(() => {
      chart = echarts.init(el, undefined, { renderer: 'canvas' });
      // No entry animation: it would keep the main thread busy for a second while the other charts are set up.
      chart.setOption({ aria: { enabled: true }, animation: false, ...option });
      let { clientWidth: w, clientHeight: h } = el;
      ro = new ResizeObserver(() => {
        // observe() reports the current size at once: only a real change needs a new layout.
        if (el.clientWidth === w && el.clientHeight === h) return;
        ({ clientWidth: w, clientHeight: h } = el);
        chart?.resize();
      });
      ro.observe(el);
    });
    return () => {
      cancel();
      ro?.disconnect();
      chart?.dispose();
    };
  }, [option, showTable, table.rows.length]);
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        <Button size="small" type="link" onClick={() => setShowTable((v) => !v)}>
          {showTable ? '查看图表' : '查看数据表'}
        </Button>
      }
    >
      {table.rows.length === 0 ? (
        <Empty description="暂无数据" style={{ height: height - 48, paddingTop: 48 }} />
      ) : showTable ? (
        <Table
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowKey={(_, i) => String(i)}
          columns={table.columns.map((c, i) => ({
            title: c,
            dataIndex: i,
            key: i,
          }))}
          dataSource={table.rows.map((r) => Object.fromEntries(r.map((v, i) => [i, v])))}
        />
      ) : (
        <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={title} />
      )}
    </Card>
  );
}
