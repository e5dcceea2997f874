import { Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';

/** Every lazily loaded page shows the same skeleton while its chunk loads. */
export const page = (el: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{el}</Suspense>;
