import type { ServiceDeps } from '@leifeng/kit';
import type { IdentityServices } from '../context';

/** Checks hourly whether the CURRENT signing key is older than SIGNING_KEY_ROTATION_DAYS, and rotates it. */
export function createKeyRotation(
  services: IdentityServices,
  deps: ServiceDeps,
  everyMs = 3600_000,
): { close(): Promise<void> } {
  const tick = () =>
    services.keys.rotateIfDue().then(
      (rotated) => rotated && deps.logger.info('signing key rotated'),
      (err: Error) => deps.logger.warn({ err: err.message }, 'signing key rotation check failed'),
    );
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return { close: async () => clearInterval(timer) };
}
