// The service worker: keeps the pages a reader opens (and, on request, every page of their
// language) so they stay readable offline. Pages come from the network first and from the
// cache only when the network fails; versioned assets come from the cache first. The
// server writes VERSION above this line; a new deployment has a new one, so its pages go
// into a new cache and the old caches are removed.

var PREFIX = 'smtp-reference-';
var CACHE = PREFIX + VERSION;
// The reader's language, kept apart from the pages: the cookie that holds it is not
// readable here.
var SETTINGS = PREFIX + 'settings';
var LANGUAGE_KEY = '/offline-language';
var LANGUAGES = ['en', 'tr'];
var ASSET = /^\/(?:css|js|webjars)\/|^\/favicon\.svg$/;
var NEVER = /^\/(?:api|actuator|sandbox)\/|^\/sw\.js$|^\/offline\.json$|^\/manifest\.webmanifest$/;
var ASSET_LINK = /(?:src|href)="(\/(?:css|js|webjars)\/[^"?#]+)"/g;
var AT_ONCE = 4;

function language(tag) {
  tag = (tag || '').toLowerCase().split('-')[0];
  return LANGUAGES.indexOf(tag) >= 0 ? tag : null;
}

// A page is stored under its address with the language made explicit, whichever way the
// reader chose it: /commands/ehlo opened with the Turkish cookie is /commands/ehlo?lang=tr.
function keyFor(url, lang) {
  var key = new URL(url.pathname, self.location.origin);
  url.searchParams.forEach(function (value, name) {
    if (name !== 'lang') { key.searchParams.append(name, value); }
  });
  key.searchParams.append('lang', lang);
  return key.href;
}

function isHtml(response) {
  return response.status === 200 && response.type === 'basic'
    && (response.headers.get('Content-Type') || '').indexOf('text/html') === 0;
}

function remember(lang) {
  return caches.open(SETTINGS).then(function (cache) {
    return cache.put(LANGUAGE_KEY, new Response(lang, { headers: { 'Content-Type': 'text/plain' } }));
  });
}

// The languages to look in, the reader's own first.
function preferred() {
  return caches.open(SETTINGS).then(function (cache) {
    return cache.match(LANGUAGE_KEY);
  }).then(function (stored) {
    return stored ? stored.text() : null;
  }).then(function (stored) {
    var order = [];
    var wanted = [stored].concat(self.navigator.languages || []).concat(LANGUAGES);
    wanted.forEach(function (tag) {
      var lang = language(tag);
      if (lang && order.indexOf(lang) < 0) { order.push(lang); }
    });
    return order;
  });
}

function firstMatch(cache, keys) {
  if (!keys.length) { return Promise.resolve(undefined); }
  return cache.match(keys[0], { ignoreVary: true }).then(function (hit) {
    return hit || firstMatch(cache, keys.slice(1));
  });
}

function fromCache(url, explicit) {
  var langs = explicit ? Promise.resolve([explicit]) : preferred();
  return Promise.all([langs, caches.open(CACHE)]).then(function (both) {
    return firstMatch(both[1], both[0].map(function (lang) { return keyFor(url, lang); }));
  }).then(function (hit) {
    // A page not kept gets the offline page in the reader's language, not the
    // browser's own error.
    if (!hit) { return offlinePage(explicit); }
    // A language chosen offline with ?lang= is kept, as the cookie would keep it online.
    return (explicit ? remember(explicit) : Promise.resolve()).then(function () { return hit; });
  });
}

// The page that says a page was not kept, stored in every language at install.
var OFFLINE_PAGE = '/offline';

function offlinePage(explicit) {
  var langs = explicit ? Promise.resolve([explicit].concat(LANGUAGES)) : preferred();
  return Promise.all([langs, caches.open(CACHE)]).then(function (both) {
    var base = new URL(OFFLINE_PAGE, self.location.origin);
    return firstMatch(both[1], both[0].map(function (lang) { return keyFor(base, lang); }));
  }).then(function (hit) {
    return hit || Response.error();
  });
}

function page(event, url) {
  var explicit = language(url.searchParams.get('lang'));
  return fetch(event.request).then(function (response) {
    if (isHtml(response)) {
      var lang = language(response.headers.get('Content-Language')) || explicit;
      if (lang) {
        var copy = response.clone();
        event.waitUntil(Promise.all([remember(lang), caches.open(CACHE).then(function (cache) {
          return cache.put(keyFor(url, lang), copy);
        })]).catch(function () { /* a full disk leaves the page uncached */ }));
      }
    }
    return response;
  }, function () {
    return fromCache(url, explicit);
  });
}

function asset(event) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(event.request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(event.request).then(function (response) {
        if (response.status === 200 && response.type === 'basic') {
          event.waitUntil(cache.put(event.request, response.clone()).catch(function () { /* not kept */ }));
        }
        return response;
      });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.test(url.pathname)) { return; }
  if (request.mode === 'navigate') {
    event.respondWith(page(event, url));
  } else if (ASSET.test(url.pathname)) {
    event.respondWith(asset(event));
  }
});

// Stores one page (and notes the assets it links to); answers whether it was stored.
function store(cache, address, assets, credentials) {
  var url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin) { return Promise.resolve(false); }
  return fetch(url.href, { credentials: credentials || 'same-origin' }).then(function (response) {
    if (!isHtml(response)) { return false; }
    var lang = language(response.headers.get('Content-Language')) || language(url.searchParams.get('lang'));
    if (!lang) { return false; }
    return response.clone().text().then(function (html) {
      var link;
      ASSET_LINK.lastIndex = 0;
      while ((link = ASSET_LINK.exec(html)) !== null) {
        if (assets.indexOf(link[1]) < 0) { assets.push(link[1]); }
      }
      return cache.put(keyFor(url, lang), response);
    }).then(function () { return true; });
  }).catch(function () { return false; });
}

function storeAssets(cache, assets) {
  return Promise.all(assets.map(function (path) {
    return cache.match(path).then(function (hit) {
      return hit || cache.add(path);
    }).catch(function () { /* the page still reads without it */ });
  }));
}

// Stores every address, a few at a time, reporting progress; answers how many failed.
function keep(addresses, progress) {
  var assets = ['/favicon.svg'];
  var next = 0;
  var done = 0;
  var failed = 0;
  return caches.open(CACHE).then(function (cache) {
    function worker() {
      if (next >= addresses.length) { return Promise.resolve(); }
      var address = addresses[next++];
      return store(cache, address, assets).then(function (stored) {
        done++;
        if (!stored) { failed++; }
        progress(done, addresses.length);
        return worker();
      });
    }
    var workers = [];
    for (var i = 0; i < AT_ONCE; i++) { workers.push(worker()); }
    return Promise.all(workers).then(function () {
      return storeAssets(cache, assets);
    });
  }).then(function () { return failed; });
}

self.addEventListener('message', function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  if (data.type !== 'keep' || !Array.isArray(data.pages) || !port) { return; }
  var pages = data.pages.filter(function (page) { return typeof page === 'string' && page.charAt(0) === '/'; });
  var lang = language(data.lang);
  event.waitUntil(keep(pages, function (done, total) {
    port.postMessage({ done: done, total: total });
  }).then(function (failed) {
    port.postMessage({ done: pages.length, total: pages.length, failed: failed, finished: true });
    return lang ? remember(lang) : undefined;
  }, function () {
    port.postMessage({ done: 0, total: pages.length, failed: pages.length, finished: true });
  }));
});

self.addEventListener('install', function (event) {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    var assets = ['/favicon.svg'];
    return Promise.all(LANGUAGES.map(function (lang) {
      // Without cookies: a ?lang= request sets the reader's language cookie, and the
      // reader chose no language here.
      return store(cache, OFFLINE_PAGE + '?lang=' + lang, assets, 'omit');
    })).then(function () { return storeAssets(cache, assets); });
  }).catch(function () { /* online the site still works; offline the browser says so */ }));
});

// The pages the old caches held, so that the new version can store them again.
function oldPages(names) {
  return Promise.all(names.map(function (name) {
    return caches.open(name).then(function (cache) { return cache.keys(); }).then(function (requests) {
      return requests.map(function (request) { return new URL(request.url); }).filter(function (url) {
        return url.origin === self.location.origin && !ASSET.test(url.pathname) && url.searchParams.has('lang');
      }).map(function (url) { return url.pathname + url.search; });
    });
  })).then(function (lists) {
    var all = [];
    lists.forEach(function (list) {
      list.forEach(function (page) { if (all.indexOf(page) < 0) { all.push(page); } });
    });
    return all;
  });
}

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE && name !== SETTINGS;
    });
    return oldPages(old).then(function (pages) {
      return Promise.all(old.map(function (name) { return caches.delete(name); })).then(function () {
        return self.clients.claim();
      }).then(function () {
        // The new deployment's pages replace the old ones, after activation so that no
        // page waits for them.
        if (pages.length) {
          keep(pages, function () { /* no one is watching */ });
        }
      });
    });
  }));
});
