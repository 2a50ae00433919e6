// Runs before the first paint: choose the stored theme, or the system's, and mark the page
// as scripted.
(function () {
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch (e) { /* storage may be blocked */ }
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  var theme = (stored === 'light' || stored === 'dark') ? stored : (dark ? 'dark' : 'light');
  document.documentElement.setAttribute('data-bs-theme', theme);
  // Script runs: the CSS folds the phone menu now, before the first paint, so the header
  // never jumps when site.js sets the menu button up (no layout shift).
  document.documentElement.classList.add('js');
  // Copy buttons work where the clipboard does (secure pages): the CSS shows them now, so
  // the code blocks have their final size at the first paint.
  if (navigator.clipboard) { document.documentElement.classList.add('clip'); }
})();
