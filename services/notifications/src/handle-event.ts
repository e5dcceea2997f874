import type { EventHandler } from '@leifeng/kit';
import { logEvent } from './domain/event-log';

/** Every consumed event lands in the event log; channel fan-out hooks in here. */
export const handleEvent: EventHandler = async (event, manager) => {
  await logEvent(manager, event);
};
