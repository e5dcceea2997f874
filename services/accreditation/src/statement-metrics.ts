import { AsyncLocalStorage } from 'node:async_hooks';
import { Counter, type Registry } from '@leifeng/kit';
import type { Logger as TypeOrmLogger } from 'typeorm';

const scope = new AsyncLocalStorage<string>();

/** Runs `fn` with every SQL statement it sends (through its awaits) counted under `name`. */
export const withStatementScope = <T>(name: string, fn: () => Promise<T>): Promise<T> => scope.run(name, fn);

const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i;

/**
 * A TypeORM query logger that counts the statements this process sends to Postgres, by scope (the
 * re-review's vs everything else: outbox relay, event consumer) and kind (transaction control vs
 * the rest), as the Prometheus counter db_statements_total. Counted at the client, when TypeORM
 * hands the statement to pg: no pg_stat_statements needed.
 */
export class StatementMetrics implements TypeOrmLogger {
  private readonly counts = new Map<string, number>();
  private counter?: Counter<'scope' | 'kind'>;

  register(registry: Registry): void {
    const counts = this.counts;
    this.counter = new Counter({
      name: 'db_statements_total',
      help: 'SQL statements sent to Postgres by scope (review = the re-review runner) and kind (statement or transaction control)',
      labelNames: ['scope', 'kind'],
      registers: [registry],
    });
    // Statements sent before registration (the worker's start) are carried over.
    for (const [key, n] of counts) {
      const [s, kind] = key.split('|');
      this.counter.inc({ scope: s, kind }, n);
    }
  }

  logQuery(query: string): void {
    const s = scope.getStore() ?? 'other';
    const kind = CONTROL.test(query) ? 'transaction' : 'statement';
    if (this.counter) this.counter.inc({ scope: s, kind });
    else this.counts.set(`${s}|${kind}`, (this.counts.get(`${s}|${kind}`) ?? 0) + 1);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
