/** Where the session (access token and its claims) is kept in sessionStorage; no imports (src/landing.ts reads it first). */
export const SESSION_KEY = 'leifeng.session';
