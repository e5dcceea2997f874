import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { createKeyRotation } from './jobs/key-rotation';
import { identityModule } from './module';

// Relays the identity outbox (sign-in codes and invitations to notifications) and rotates signing keys.
runMain(() =>
  startSubgraphWorker(identityModule, {
    handleSignals: true,
    extraWorkers: (deps) => [createKeyRotation(identityModule.services(deps), deps)],
  }),
);
