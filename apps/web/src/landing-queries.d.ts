/** Built by build/landing-queries.ts: operation name → query text (as Apollo Client sends it). */
declare module 'virtual:landing-queries' {
  const texts: Record<string, string>;
  export default texts;
}
