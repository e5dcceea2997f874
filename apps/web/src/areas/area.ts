import type { MenuProps } from 'antd';
import type { RouteObject } from 'react-router';
import type { SessionUser } from '../auth/session';

export type MenuItem = NonNullable<MenuProps['items']>[number];

/**
 * One part of the console: its pages (children of the signed-in layout) and the menu entries a user
 * sees for them. routes.tsx and the layout only list areas, so a new page touches its own area file.
 */
export interface ConsoleArea {
  routes: RouteObject[];
  menu(user: SessionUser): MenuItem[];
  /** The menu key to highlight for a path this area owns, when it is not the path's first two segments. */
  selectedKey?(pathname: string, user: SessionUser): string | undefined;
}
