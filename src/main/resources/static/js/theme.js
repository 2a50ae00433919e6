// Runs before the first paint: choose the stored theme, or the system's.
(function () {
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch (e) { /* storage may be blocked */ }
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  var theme = (stored === 'light' || stored === 'dark') ? stored : (dark ? 'dark' : 'light');
  document.documentElement.setAttribute('data-bs-theme', theme);
})();
