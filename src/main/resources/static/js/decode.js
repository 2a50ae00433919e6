// The decoder page without a page reload: the form is posted in the background and the
// results the server rendered take the place of the old ones, so the page reads the same
// with script on and off. Without this file the form simply posts.
//
// The text and whether it was decoded are kept for the tab (sessionStorage), so a reload,
// Back or the language switch shows the same text, decoded again in the page's language.
(function () {
  'use strict';

  var form = document.getElementById('decode-form');
  var textarea = document.getElementById('decode-text');
  if (!form || !textarea || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }

  function replace(id, fresh, place) {
    var old = document.getElementById(id);
    if (old) { old.remove(); }
    if (fresh) {
      var node = document.importNode(fresh, true);
      place(node);
      return node;
    }
    return null;
  }

  function show(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    replace('decode-too-large', page.getElementById('decode-too-large'), function (node) { form.before(node); });
    var results = replace('decode-results', page.getElementById('decode-results'), function (node) {
      form.closest('main').appendChild(node);
    });
    if (results) { results.focus(); }
  }

  var KEPT = 'decode.text';
  var DECODED = 'decode.decoded';

  function keep(decoded) {
    try {
      sessionStorage.setItem(KEPT, textarea.value);
      if (decoded && textarea.value.trim()) { sessionStorage.setItem(DECODED, '1'); }
      else { sessionStorage.removeItem(DECODED); }
    } catch (e) {
      // Storage full or refused: the page still works, it only forgets on reload.
    }
  }

  function decode(event) {
    if (event) { event.preventDefault(); }
    keep(true);
    var body = new URLSearchParams();
    body.set('text', textarea.value);
    form.setAttribute('aria-busy', 'true');
    fetch(form.action, { method: 'POST', body: body, headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(show)
      // When the background post fails, post the form the ordinary way.
      .catch(function () { form.submit(); })
      .finally(function () { form.removeAttribute('aria-busy'); });
  }

  form.addEventListener('submit', decode);
  textarea.addEventListener('input', function () { keep(false); });
  // A page the server rendered with results (the form posted without script) shows
  // them already; otherwise what this tab last had comes back.
  var kept = null;
  try { kept = sessionStorage.getItem(KEPT); } catch (e) { kept = null; }
  if (kept !== null && !document.getElementById('decode-results') && !textarea.value) {
    textarea.value = kept;
    var wasDecoded = false;
    try { wasDecoded = sessionStorage.getItem(DECODED) === '1'; } catch (e) { wasDecoded = false; }
    if (wasDecoded && kept.trim()) { decode(null); }
  }
  document.querySelectorAll('form.decode-example').forEach(function (example) {
    example.addEventListener('submit', function (event) {
      textarea.value = example.elements.text.value;
      decode(event);
    });
  });
})();
