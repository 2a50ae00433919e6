// Appends the lines of a sandbox session as they happen (server-sent events), and
// replaces the accepted messages with the server's rendering of them when one comes.
// Without script the page still works: it says it does not update by itself, and the
// reader follows the refresh link.
(function () {
  'use strict';
  var list = document.getElementById('sandbox-lines');
  if (!list || !window.EventSource) {
    return;
  }
  var state = document.getElementById('sandbox-state');
  var wasOpen = !!state && state.textContent !== state.getAttribute('data-closed');
  var shown = parseInt(list.getAttribute('data-count'), 10) || 0;
  var labels = {
    C: list.getAttribute('data-label-c'),
    S: list.getAttribute('data-label-s'),
    N: list.getAttribute('data-label-n')
  };

  function span(className, text) {
    var element = document.createElement('span');
    if (className) {
      element.className = className;
    }
    element.textContent = text;
    return element;
  }

  function link(path, text) {
    // Only the site's own entries are linked.
    if (typeof path !== 'string' || path.charAt(0) !== '/' || path.charAt(1) === '/') {
      return span('', text);
    }
    var anchor = document.createElement('a');
    anchor.href = path;
    anchor.textContent = text;
    return anchor;
  }

  function append(row) {
    if (typeof row.index !== 'number' || row.index < shown) {
      return;
    }
    shown = row.index + 1;
    var direction = labels.hasOwnProperty(row.direction) ? row.direction : 'N';
    var item = document.createElement('li');
    item.className = 'sandbox-line sandbox-' + direction;
    item.appendChild(span('sandbox-time', row.time));
    item.appendChild(document.createTextNode(' '));
    item.appendChild(span('sandbox-who', labels[direction]));
    item.appendChild(document.createTextNode(' '));
    var text = document.createElement('code');
    text.className = 'sandbox-text';
    if (row.code) {
      text.appendChild(row.codePath ? link(row.codePath, row.code) : span('', row.code));
      text.appendChild(span('', row.separator));
      if (row.enhanced) {
        text.appendChild(row.enhancedPath ? link(row.enhancedPath, row.enhanced) : span('', row.enhanced));
      }
    }
    text.appendChild(span('', row.rest));
    item.appendChild(text);
    if (typeof row.meaning === 'string' && row.meaning) {
      var meaning = span('sandbox-meaning', '');
      meaning.appendChild(link(row.meaningPath, row.meaning));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(meaning);
    }
    list.appendChild(item);
  }

  // The messages section as the server renders it (escaped, HTML parts in sandboxed
  // frames): fetched from the same origin and swapped in whole.
  var loading = false;
  var again = false;
  function refreshMessages() {
    var section = document.getElementById('sandbox-messages');
    if (!section || !window.fetch || !window.DOMParser) {
      return;
    }
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    fetch(section.getAttribute('data-source'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var parsed = new DOMParser().parseFromString(html, 'text/html');
        var fresh = parsed.getElementById('sandbox-messages');
        var current = document.getElementById('sandbox-messages');
        if (fresh && current) {
          current.replaceWith(document.importNode(fresh, true));
        }
      })
      .catch(function () {
        // The refresh link still shows the messages.
      })
      .then(function () {
        loading = false;
        if (again) {
          again = false;
          refreshMessages();
        }
      });
  }

  // The address carries the page's language (notes are said in it): add to its query.
  var events = list.getAttribute('data-events');
  var source = new EventSource(events + (events.indexOf('?') < 0 ? '?' : '&') + 'after=' + shown);
  source.addEventListener('line', function (event) {
    try {
      append(JSON.parse(event.data));
    } catch (ignored) {
      // A malformed event is skipped; the refresh link shows the whole transcript.
    }
  });
  source.addEventListener('open', function () {
    if (state && !closed) {
      state.textContent = state.getAttribute('data-live');
    }
  });
  var closed = false;
  source.addEventListener('delivery', function () {
    if (state) {
      state.textContent = state.getAttribute('data-delivery');
    }
    refreshMessages();
  });
  source.addEventListener('closed', function () {
    closed = true;
    if (state) {
      state.textContent = state.getAttribute('data-closed');
    }
    source.close();
    // A message accepted just before the stream began has no event of its own.
    if (wasOpen) {
      refreshMessages();
    }
  });
  // The site is stopping: this stream will not come back by itself on this server.
  source.addEventListener('stopping', function () {
    if (state) {
      state.textContent = state.getAttribute('data-stopping');
    }
    source.close();
  });
}());
