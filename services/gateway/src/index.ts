import { runMain } from '@leifeng/kit';
import { startGateway } from './server';

runMain(() => startGateway({ handleSignals: true }));
