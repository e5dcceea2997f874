// Small child-process helpers shared by scripts/ensure-infra.mjs and scripts/dev.mjs.
// Node built-ins only.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Run a command to completion.
 * - stdio 'pipe' (default): output is captured and returned.
 * - stdio 'inherit': output goes straight to our terminal (stdin is never inherited,
 *   so nothing can block waiting for input in CI).
 * Never rejects for a non-zero exit; check `code`. Rejects only if `timeoutMs` elapses
 * (the child is killed) — spawn errors (ENOENT) are reported as code 127.
 */
export function run(cmd, args = [], opts = {}) {
  const { input, env, cwd, timeoutMs, stdio = 'pipe' } = opts;
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(cmd, args, {
        cwd,
        env: env ?? process.env,
        stdio: [input === undefined ? 'ignore' : 'pipe', stdio, stdio],
      });
    } catch (err) {
      resolve({ code: 127, stdout: '', stderr: String(err?.message ?? err) });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timer;
    let settled = false;
    const finish = (fn) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', (err) =>
      finish(() =>
        resolve({
          code: 127,
          stdout,
          stderr: stderr + String(err?.message ?? err),
        }),
      ),
    );
    child.on('close', (code, signal) => finish(() => resolve({ code: code ?? 128, signal, stdout, stderr })));
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // child may exit before reading everything
      child.stdin.end(input);
    }
    if (timeoutMs) {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() =>
          reject(new Error(`${path.basename(cmd)} ${args.join(' ')} timed out after ${Math.round(timeoutMs / 1000)}s`)),
        );
      }, timeoutMs);
    }
  });
}

/** Absolute path of an executable found on PATH (plus the usual sbin dirs), or null. */
export function which(bin) {
  if (bin.includes('/')) return isExecutable(bin) ? bin : null;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const extra of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!dirs.includes(extra)) dirs.push(extra);
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, bin);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Last `n` non-empty lines of some command output, for error messages. */
export function tail(text, n = 20) {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
