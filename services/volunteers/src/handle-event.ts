import type { EventHandler } from '@leifeng/kit';
import { applyStationEvent } from './services/station-ref';

/** Consumed events (routed by EVENT_ROUTES): station.* keep the station replica current. */
export const handleEvent: EventHandler = async (event, manager) => {
  if (event.type.startsWith('station.')) await applyStationEvent(manager, event);
};
