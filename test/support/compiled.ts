import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The compiled entry point of a service (services/<name>/dist/<entry>.js), for scenarios that run it
 * as a real process (to kill it mid-work). `tsc -b` is incremental: after the CI build step it only
 * checks that dist/ is up to date; locally it compiles what changed since.
 */
export function compiledEntry(service: string, entry: string): string {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', `services/${service}`], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return join(ROOT, 'services', service, 'dist', `${entry}.js`);
}
