// Connection-URL helpers for the dev/test infrastructure scripts. Node built-ins only.

export const DEFAULT_POSTGRES_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** POSTGRES_URL / REDIS_URL from the environment, falling back to the local defaults. */
export function infraUrls(env = process.env) {
  return {
    postgresUrl: nonEmpty(env.POSTGRES_URL) ?? DEFAULT_POSTGRES_URL,
    redisUrl: nonEmpty(env.REDIS_URL) ?? DEFAULT_REDIS_URL,
  };
}

function nonEmpty(v) {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Parse a URL, throwing an error that names the setting but never echoes the value (it may hold a password). */
export function parseUrl(value, settingName, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${settingName} is not a valid URL (expected e.g. ${protocols[0]}//host:port/…)`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(
      `${settingName} must start with ${protocols.map((p) => p + '//').join(' or ')} (got ${url.protocol}//…)`,
    );
  }
  return url;
}

/** Host part of a URL without brackets, decoded (a percent-encoded unix-socket directory decodes to /…). */
export function hostOf(url) {
  let h = url.hostname;
  try {
    h = decodeURIComponent(h);
  } catch {
    /* keep raw */
  }
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/** True for loopback hosts — the only ones we ever try to start/install anything for. */
export function isLocalHost(url) {
  const h = hostOf(url).toLowerCase();
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  if (h.startsWith('/')) return true; // unix socket directory
  return /^127(\.\d{1,3}){3}$/.test(h);
}

/** `host:port` for status lines; never includes credentials. */
export function describeEndpoint(url, defaultPort) {
  const port = url.port || String(defaultPort);
  return `${url.hostname || 'localhost'}:${port}`;
}

export function portOf(url, defaultPort) {
  return Number(url.port || defaultPort);
}

/** Same server (user, password, host, port, query) but a different database name. */
export function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = '/' + encodeURIComponent(database);
  return url.toString();
}
