/** The browser globals the page scripts of these tests read (the tests compile without the DOM lib). */
export interface BrowserGlobals {
  sessionStorage: {
    setItem(key: string, value: string): void;
    getItem(key: string): string | null;
  };
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}
