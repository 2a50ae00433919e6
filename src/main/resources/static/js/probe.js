// The probe page with its steps arriving as they happen: the form starts the probe through
// the JSON API, then the result the server renders at /probe/{id} is fetched again until it
// says it is done. Without this file the form posts and the page waits for the whole probe.
(function () {
  'use strict';

  var form = document.getElementById('probe-form');
  if (!form || !window.fetch || !window.DOMParser) { return; }
  var lang = document.documentElement.lang || 'en';
  var live = document.getElementById('probe-live');
  var error = document.getElementById('probe-error');

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  function poll(id, first) {
    fetch('/probe/' + encodeURIComponent(id) + '?lang=' + encodeURIComponent(lang), { headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('probe-live');
        if (!fresh) { return; }
        live.replaceChildren.apply(live, Array.prototype.map.call(fresh.childNodes, function (node) {
          return document.importNode(node, true);
        }));
        var results = document.getElementById('probe-results');
        if (first && results) { results.focus(); }
        if (results && results.getAttribute('data-done') !== 'true') {
          setTimeout(function () { poll(id, false); }, 700);
        } else {
          form.removeAttribute('aria-busy');
        }
      })
      .catch(function () { form.removeAttribute('aria-busy'); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var port = parseInt(form.elements.port.value, 10);
    var body = {
      host: form.elements.host.value,
      port: isNaN(port) ? -1 : port,
      mode: form.elements.mode.value,
      sender: form.elements.sender.value,
      recipient: form.elements.recipient.value
    };
    form.setAttribute('aria-busy', 'true');
    fetch('/api/v1/probe?lang=' + encodeURIComponent(lang), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    })
      .then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      })
      .then(function (answer) {
        if (answer.status === 202 && answer.json.id) {
          poll(answer.json.id, true);
        } else {
          form.removeAttribute('aria-busy');
          showError(answer.json.detail || answer.json.title || String(answer.status));
        }
      })
      // When the background start fails, post the form the ordinary way.
      .catch(function () { form.submit(); });
  });
})();
