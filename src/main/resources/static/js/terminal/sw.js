// Service worker of the merchant app's counter: keeps the app shell so that the counter opens without a connection
// (earnings made offline are queued by the page in IndexedDB). Never caches the JSON API: money answers are live.
'use strict';
const CACHE = 'lep-counter-v1';
const scope = new URL(self.registration.scope);
const SHELL = [scope.pathname, '/css/app.css', '/js/app.js', '/js/terminal/counter.js', '/vendor/jsqr/jsQR.js',
  '/webjars/htmx.org/dist/htmx.min.js', '/img/terminal/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === scope.pathname || url.pathname === scope.pathname + '/') {
    // The page: fresh when online (new CSRF token, texts), the kept copy when not.
    event.respondWith(fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(scope.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(scope.pathname)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(event.request)));
  }
});
