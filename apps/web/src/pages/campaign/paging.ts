import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router';

const SIZES = [10, 20, 50, 100];

/**
 * Server-side paging of a list (the graph's `first` / `offset`), with the page and its size in the URL so a
 * page can be shared; `pagination(total)` is what the Ant Design table's pager takes.
 */
export function useServerPage(defaultSize = 20) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('size'));
  const size = SIZES.includes(sizeParam) ? sizeParam : defaultSize;
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize: size,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: SIZES,
    showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条`,
    hideOnSinglePage: false,
    onChange: (p, s) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        const resized = s !== size;
        next.set('page', String(resized ? 1 : p));
        next.set('size', String(s));
        return next;
      }),
  });
  return { first: size, offset: (page - 1) * size, pagination };
}
