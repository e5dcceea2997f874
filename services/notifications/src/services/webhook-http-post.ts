import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

export interface PostResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  excerpt: string;
  latencyMs: number;
}

export class PostTimeout extends Error {
  constructor(readonly latencyMs: number) {
    super('timed out');
  }
}

/**
 * POSTs to the URL while connecting only to the address already checked (no second DNS lookup, so
 * no rebinding). Redirects are never followed: the 3xx status is returned as is.
 */
export function postPinned(
  url: URL,
  pinned: { address: string; family: number },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  const started = Date.now();
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as (err: null, addresses: LookupAddress[]) => void)(null, [
        { address: pinned.address, family: pinned.family },
      ]);
    else cb(null, pinned.address, pinned.family);
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup,
        timeout: timeoutMs,
        servername: url.hostname,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 2048) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            excerpt: Buffer.concat(chunks).toString('utf8').slice(0, 500),
            latencyMs: Date.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    // The whole exchange (connect, headers, body) must finish within the limit.
    const timer = setTimeout(() => req.destroy(new PostTimeout(Date.now() - started)), timeoutMs);
    req.on('timeout', () => req.destroy(new PostTimeout(Date.now() - started)));
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
