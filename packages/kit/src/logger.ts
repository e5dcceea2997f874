import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets and personal data never reach the log sink. */
export function createLogger(service: string, level = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.phone', '*.password', '*.secret'],
      censor: '[redacted]',
    },
  });
}
