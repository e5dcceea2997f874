import { EventEmitter } from 'node:events';
import { createRedis, type LiveMessage, type Logger } from '@leifeng/kit';

export type { LiveMessage };
import type { Redis } from 'ioredis';

/** One Redis subscription per gateway process, fanned out to every local subscriber. */
export class LiveEventSource {
  private readonly emitter = new EventEmitter();
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
    this.redis = createRedis(redisUrl, 'worker');
    this.redis.on('error', (err) => logger.warn({ err: err.message }, 'live events: redis error'));
    this.redis.on('message', (ch: string, raw: string) => {
      if (ch !== this.channel) return;
      try {
        this.emitter.emit('event', JSON.parse(raw) as LiveMessage);
      } catch {
        this.logger.warn('live events: unreadable message skipped');
      }
    });
  }

  async start(): Promise<void> {
    await this.redis.subscribe(this.channel);
  }

  listen(fn: (m: LiveMessage) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }

  /** Subscribers listening now. */
  get listenerCount(): number {
    return this.emitter.listenerCount('event');
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.redis.quit().catch(() => undefined);
  }
}
