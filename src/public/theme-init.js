// Applies the remembered theme before first paint (a classic script in <head>, same-origin as the
// CSP requires). The same key and rules as src/ui/theme.ts, which takes over once the app loads.
(function () {
  const page = globalThis;
  let preference = 'system';
  try {
    const stored = page.localStorage.getItem('casefile.theme');
    if (stored === 'light' || stored === 'dark') preference = stored;
  } catch {
    // Storage refused: follow the OS.
  }
  const dark =
    preference === 'dark' ||
    (preference === 'system' &&
      typeof page.matchMedia === 'function' &&
      page.matchMedia('(prefers-color-scheme: dark)').matches);
  page.document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  page.document.documentElement.dataset.themePreference = preference;
})();
