// Enhancements only: every page works without this file.
(function () {
  'use strict';

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* storage may be blocked */ }
  }

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  // Menu button: below 768 px the links, language switch and theme toggle fold behind it.
  // Only here is the page marked so the CSS folds them: without script they stay in view.
  function setupMenu() {
    var button = document.getElementById('menu-toggle');
    var menu = button && document.getElementById(button.getAttribute('aria-controls'));
    if (!menu) { return; }
    var header = button.closest('.site-header');
    function open(on) {
      button.setAttribute('aria-expanded', on ? 'true' : 'false');
      header.classList.toggle('menu-open', on);
    }
    open(false);
    button.hidden = false;
    button.addEventListener('click', function () {
      open(button.getAttribute('aria-expanded') !== 'true');
    });
    // Escape closes it from the button or a link in it; in the search box Escape clears the box.
    header.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true'
          || event.target.closest('.site-search') || !button.getClientRects().length) { return; }
      open(false);
      button.focus();
    });
  }

  // The tools' disclosure opens and closes by itself; here Escape closes it (focus back on
  // its summary, the phone menu staying open) and so does a click or focus elsewhere.
  function setupTools() {
    var details = document.querySelector('.nav-more');
    if (!details) { return; }
    var summary = details.querySelector('summary');
    details.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || !details.open) { return; }
      details.open = false;
      summary.focus();
      event.stopPropagation();
    });
    function closeUnlessInside(event) {
      if (details.open && !details.contains(event.target)) { details.open = false; }
    }
    document.addEventListener('click', closeUnlessInside);
    document.addEventListener('focusin', closeUnlessInside);
  }

  // Theme toggle: explicit choice wins over the system's and is remembered.
  function setupTheme() {
    var button = document.getElementById('theme-toggle');
    if (!button) { return; }
    var root = document.documentElement;
    // One name, "Dark theme", pressed or not; the icon shows the other theme's sun or moon.
    function label() {
      var dark = root.getAttribute('data-bs-theme') === 'dark';
      button.setAttribute('aria-pressed', dark ? 'true' : 'false');
    }
    label();
    button.addEventListener('click', function () {
      var next = root.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-bs-theme', next);
      store('theme', next);
      label();
    });
    if (window.matchMedia) {
      window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function (event) {
        if (!stored('theme')) {
          root.setAttribute('data-bs-theme', event.matches ? 'dark' : 'light');
          label();
        }
      });
    }
  }

  // Comments (only where Giscus is switched on): the widget follows the site's theme, at
  // load (this deferred file runs before the widget's deferred script) and on every change.
  function setupComments() {
    var script = document.getElementById('giscus-script');
    if (!script) { return; }
    var root = document.documentElement;
    function theme() { return root.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light'; }
    script.setAttribute('data-theme', theme());
    new MutationObserver(function () {
      var frame = document.querySelector('iframe.giscus-frame');
      if (frame && frame.contentWindow) {
        frame.contentWindow.postMessage({ giscus: { setConfig: { theme: theme() } } }, script.dataset.origin);
      }
    }).observe(root, { attributes: true, attributeFilter: ['data-bs-theme'] });
  }

  // Copy buttons copy the code block they sit in.
  function setupCopy() {
    document.querySelectorAll('.copy-button').forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      var original = button.textContent;
      button.addEventListener('click', function () {
        var code = button.parentElement.querySelector('pre');
        navigator.clipboard.writeText(code.innerText.replace(/\n$/, '')).then(function () {
          button.textContent = button.dataset.copied;
          setTimeout(function () { button.textContent = original; }, 1500);
        });
      });
    });
  }

  // "/" focuses the search box: the reference page's filter, or the header's.
  function setupSlashKey() {
    document.addEventListener('keydown', function (event) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) { return; }
      var target = event.target;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
      var box = document.getElementById('command-filter') || document.getElementById('search-page-q')
          || document.getElementById('site-search');
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  // The reference page's instant filter asks the same search the search page uses.
  function setupFilter() {
    var input = document.getElementById('command-filter');
    if (!input) { return; }
    var status = document.getElementById('filter-status');
    var more = document.getElementById('filter-more');
    var moreLink = document.getElementById('filter-more-link');
    var cards = Array.prototype.slice.call(document.querySelectorAll('.command-card'));
    var groups = Array.prototype.slice.call(document.querySelectorAll('.command-group'));
    var hint = status.textContent;
    var timer = null;
    var latest = 0;

    function show(slugs, query, total) {
      cards.forEach(function (card) {
        card.hidden = slugs !== null && slugs.indexOf(card.dataset.slug) < 0;
      });
      groups.forEach(function (group) {
        group.hidden = slugs !== null && !group.querySelector('.command-card:not([hidden])');
      });
      if (slugs === null) {
        status.textContent = hint;
        more.hidden = true;
        return;
      }
      status.textContent = slugs.length === 0
        ? status.dataset.empty
        : status.dataset.count.replace('{0}', String(slugs.length));
      more.hidden = total === 0;
      moreLink.href = '/search?q=' + encodeURIComponent(query);
    }

    function run() {
      var query = input.value.trim();
      if (!query) { show(null, '', 0); return; }
      var ticket = ++latest;
      fetch('/api/v1/search?q=' + encodeURIComponent(query) + '&lang=' + document.documentElement.lang, {
        headers: { 'Accept': 'application/json' }
      }).then(function (response) { return response.json(); }).then(function (body) {
        if (ticket !== latest) { return; }
        var slugs = body.hits.filter(function (hit) { return hit.kind === 'command'; })
          .map(function (hit) { return hit.url.substring(hit.url.lastIndexOf('/') + 1); });
        show(slugs, query, body.hits.length);
      }).catch(function () { show(null, '', 0); });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    if (input.value) { run(); }
  }

  // Tabs: with script, the samples become tabs; the choice is remembered across pages.
  function setupTabs() {
    document.querySelectorAll('[data-tabs]').forEach(function (container) {
      var key = 'tab-' + container.dataset.tabs;
      var list = container.querySelector('[role="tablist"]');
      var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
      var panels = Array.prototype.slice.call(container.querySelectorAll('.sample-panel'));
      if (!tabs.length) { return; }
      list.hidden = false;
      panels.forEach(function (panel) {
        panel.setAttribute('role', 'tabpanel');
        panel.setAttribute('aria-labelledby', 'tab-' + panel.dataset.tab);
        panel.setAttribute('tabindex', '0');
      });

      function select(id, focus) {
        var found = tabs.some(function (tab) { return tab.dataset.tab === id; });
        if (!found) { id = tabs[0].dataset.tab; }
        tabs.forEach(function (tab) {
          var on = tab.dataset.tab === id;
          tab.classList.toggle('active', on);
          tab.setAttribute('aria-selected', on ? 'true' : 'false');
          tab.tabIndex = on ? 0 : -1;
          if (on && focus) { tab.focus(); }
        });
        panels.forEach(function (panel) {
          panel.hidden = panel.dataset.tab !== id;
          if (!panel.hidden) { highlight(panel); }
        });
        store(key, id);
      }

      tabs.forEach(function (tab, index) {
        tab.addEventListener('click', function () { select(tab.dataset.tab, false); });
        tab.addEventListener('keydown', function (event) {
          var next = null;
          if (event.key === 'ArrowRight') { next = tabs[(index + 1) % tabs.length]; }
          if (event.key === 'ArrowLeft') { next = tabs[(index - 1 + tabs.length) % tabs.length]; }
          if (event.key === 'Home') { next = tabs[0]; }
          if (event.key === 'End') { next = tabs[tabs.length - 1]; }
          if (next) { event.preventDefault(); select(next.dataset.tab, true); }
        });
      });
      var fromHash = location.hash.indexOf('#sample-') === 0 ? location.hash.substring(8) : null;
      select(fromHash || stored(key), false);
      container.classList.add('tabs-ready');
    });
  }

  // Code is coloured where it shows: the visible blocks now, a tab's when it is chosen, so
  // no long task colours eleven samples at once.
  function highlight(root) {
    if (!window.hljs) { return; }
    root.querySelectorAll('pre code[class*="language-"]:not(.hljs)').forEach(function (block) {
      if (block.getClientRects().length) { window.hljs.highlightElement(block); }
    });
  }

  function setupHighlight() {
    highlight(document);
  }

  // Offline reading: the service worker keeps the pages the reader opens; on the About page
  // a button keeps every page of the reader's language, with the size said first. Without
  // script or service workers the page says the browser cannot do it.
  function setupOffline() {
    if (!('serviceWorker' in navigator) || !window.caches) { return; }
    var registered = navigator.serviceWorker.register('/sw.js');
    var box = document.getElementById('offline-keep');
    if (!box) {
      registered.catch(function () { /* pages work without it */ });
      return;
    }
    var lang = document.documentElement.lang;
    var size = document.getElementById('offline-size');
    var button = document.getElementById('offline-button');
    var bar = document.getElementById('offline-progress');
    var status = document.getElementById('offline-status');
    var pages = null;

    function fill(template, values) {
      return values.reduce(function (text, value, index) {
        return text.split('{' + index + '}').join(value);
      }, template);
    }

    // Right after the site starts the size may not be known yet (bytes null): the count is
    // said alone and the list asked for again a few times until the size is known.
    function describe(attempt) {
      return fetch('/offline.json?lang=' + encodeURIComponent(lang), { headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        }).then(function (body) {
          pages = body.pages;
          var known = typeof body.bytes === 'number';
          var megabytes = known ? Math.max(body.bytes / 1048576, 0.1).toLocaleString(lang, { maximumFractionDigits: 1 }) : '';
          size.textContent = fill(known ? size.dataset.template : size.dataset.unknown, [megabytes, String(body.count)]);
          document.getElementById('offline-unavailable').hidden = true;
          box.hidden = false;
          if (!known && attempt < 30) {
            setTimeout(function () { describe(attempt + 1).catch(function () { /* the count stays said */ }); }, 2000);
          }
        });
    }

    // Offered only once the worker is registered: a browser that refuses it cannot keep pages.
    registered.then(function () {
      return describe(0);
    }).catch(function () { /* the page keeps saying offline keeping is unavailable */ });

    button.addEventListener('click', function () {
      if (!pages) { return; }
      button.disabled = true;
      bar.hidden = false;
      bar.value = 0;
      bar.max = pages.length;
      status.textContent = fill(status.dataset.progress, ['0', String(pages.length)]);
      var reported = 0;
      navigator.serviceWorker.ready.then(function (registration) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var data = event.data;
          bar.value = data.done;
          if (data.finished) {
            button.disabled = false;
            status.textContent = data.failed
              ? fill(status.dataset.failed, [String(data.failed), String(data.total)])
              : fill(status.dataset.done, [String(data.total)]);
            box.dataset.state = data.failed ? 'failed' : 'done';
          } else if (data.done === data.total || data.done - reported >= Math.ceil(data.total / 10)) {
            // Screen readers hear every tenth, not every page.
            reported = data.done;
            status.textContent = fill(status.dataset.progress, [String(data.done), String(data.total)]);
          }
        };
        registration.active.postMessage({ type: 'keep', lang: lang, pages: pages }, [channel.port2]);
      }).catch(function () {
        button.disabled = false;
        status.textContent = status.dataset.error;
      });
    });
  }

  function start() {
    setupMenu();
    setupTools();
    setupTheme();
    setupComments();
    setupCopy();
    setupSlashKey();
    setupFilter();
    setupTabs();
    setupHighlight();
    setupOffline();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
