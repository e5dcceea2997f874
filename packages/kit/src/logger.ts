import pino, { Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Error fields that may carry the values of a statement: TypeORM's QueryFailedError `parameters` and
 * Postgres's `detail` ("Failing row contains (…)", "Key (…)=(…) already exists"). They can hold
 * personal data (phones, resident ID numbers, forms), so they never reach the log; the SQL text,
 * code and constraint name stay.
 */
const VALUE_FIELDS = ['parameters', 'detail'];

function scrubValues(err: Record<string, unknown>, depth = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object' || depth > 3) return err;
  for (const key of VALUE_FIELDS) if (key in err) delete err[key];
  for (const nested of ['driverError', 'cause', 'originalError']) {
    const v = err[nested];
    if (v && typeof v === 'object') scrubValues(v as Record<string, unknown>, depth + 1);
  }
  return err;
}

/** Structured JSON logs; secrets and personal data never reach the log sink. */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL || 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        err: pino.stdSerializers.wrapErrorSerializer((e) => scrubValues(e as never) as never),
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'phone',
          'idNumber',
          'leaderPhone',
          '*.phone',
          '*.idNumber',
          '*.leaderPhone',
          '*.password',
          '*.secret',
          // A phone proof carries the number (signed, not encrypted).
          'phoneProof',
          '*.phoneProof',
        ],
        censor: '[redacted]',
      },
    },
    destination as DestinationStream,
  );
}
