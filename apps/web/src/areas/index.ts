import type { ConsoleArea } from './area';
import { campaignArea } from './campaign';
import { importsArea } from './imports';
import { officerArea } from './officer';
import { peopleArea } from './people';
import { stationArea } from './station';

/** The console's areas in menu order. */
export const consoleAreas: ConsoleArea[] = [officerArea, peopleArea, campaignArea, stationArea, importsArea];
