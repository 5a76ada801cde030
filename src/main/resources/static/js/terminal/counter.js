// The counter of the merchant app: scan or type a card, earn, redeem, reverse, and queue earnings made offline.
// Texts come from the page (a JSON island rendered from the message bundles); nothing here is in one language.
(() => {
  'use strict';
  const main = document.querySelector('main.counter');
  if (!main || !document.getElementById('counter-app')) {
    return;
  }
  const T = JSON.parse(document.getElementById('counter-texts').textContent);
  const t = (key, vars) => (T[key] || key).replace(/\{(\w+)\}/g, (all, name) => (vars && name in vars ? vars[name] : all));
  const $ = (id) => document.getElementById(id);
  const slug = main.dataset.slug;
  const api = main.dataset.api;
  const currency = main.dataset.currency || 'EUR';
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const storageKey = 'lep.device.' + slug;
  const AMOUNT = /^\d{1,8}([.,]\d{1,2})?$/;
  const money = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency });
  const show = (amount) => (amount === null || amount === undefined ? '—' : money.format(Number(amount)));
  let credential = localStorage.getItem(storageKey);
  let current = null;   // the card looked up (or, offline, typed)
  let pending = null;   // the movement on the confirmation screen, with its idempotency key
  let lastReceipt = null;
  let recentScope = 'device';

  // Installable: the manifest link and the service worker (the page works without either).
  const manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = main.dataset.manifest;
  document.head.appendChild(manifest);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(main.dataset.sw, { scope: main.dataset.scope }).catch(() => {});
  }

  function announce(text) {
    $('counter-status').textContent = text;
  }

  async function call(method, path, body, key) {
    const headers = { Accept: 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    if (credential) headers['X-Device-Credential'] = credential;
    if (body) headers['Content-Type'] = 'application/json';
    if (key) headers['Idempotency-Key'] = key;
    const response = await fetch(api + path, {
      method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, ok: response.ok, data };
  }

  const problemText = (r) => (r.data && (r.data.detail || r.data.title)) || t('error');

  // ---- screens -------------------------------------------------------------------------------------------------
  const screens = ['card-result', 'confirm', 'receipt'];
  function screen(id, heading) {
    screens.forEach((s) => { $(s).hidden = s !== id; });
    $('scan').hidden = id !== null;
    if (heading) $(heading).focus();
  }

  function newScan() {
    current = null;
    pending = null;
    screen(null);
    $('scan').hidden = false;
    $('card-number').value = '';
    $('card-number').focus();
  }
  document.querySelectorAll('.counter-new').forEach((b) => b.addEventListener('click', newScan));

  // ---- device ----------------------------------------------------------------------------------------------------
  async function start() {
    if (!credential) {
      deviceSetup();
      return;
    }
    try {
      const r = await call('GET', '/device');
      if (r.status === 401) {
        localStorage.removeItem(storageKey);
        credential = null;
        deviceSetup();
        return;
      }
      if (!r.ok) {
        deviceSetup(problemText(r));
        return;
      }
    } catch (e) {
      // Offline: the stored credential is used as it is; earnings queue until the connection returns.
    }
    openApp();
  }

  function deviceSetup(message) {
    const setup = $('device-setup');
    if (!setup) return;
    setup.hidden = false;
    $('counter-app').hidden = true;
    if (message) announce(message);
    else announce(t('deviceMissing'));
  }

  const deviceForm = $('device-form');
  if (deviceForm) {
    deviceForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = $('device-name').value.trim();
      const error = $('device-name-error');
      if (!name || name.length > 100) {
        error.hidden = false;
        $('device-name').setAttribute('aria-invalid', 'true');
        $('device-name').focus();
        return;
      }
      error.hidden = true;
      $('device-name').removeAttribute('aria-invalid');
      try {
        const r = await call('POST', '/devices', { name });
        if (!r.ok) {
          announce(problemText(r));
          return;
        }
        credential = r.data.credential;
        localStorage.setItem(storageKey, credential);
        $('device-setup').hidden = true;
        announce(t('deviceRegistered', { name: r.data.name }));
        openApp();
      } catch (e) {
        announce(t('network'));
      }
    });
  }

  function openApp() {
    $('counter-app').hidden = false;
    connection();
    renderQueue();
    sync();
    recent();
    $('card-number').focus();
  }

  // ---- connection ------------------------------------------------------------------------------------------------
  function connection() {
    const offline = !navigator.onLine;
    $('counter-connection').hidden = !offline;
    $('redeem-submit').disabled = offline;
    $('redeem-offline').hidden = !offline;
  }
  window.addEventListener('online', () => { connection(); announce(t('online')); sync(); });
  window.addEventListener('offline', () => { connection(); announce(t('offline')); });

  // ---- card lookup -----------------------------------------------------------------------------------------------
  const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  // The printed number's check character (Luhn mod 32), so that a typo is caught even offline.
  function validNumber(compact) {
    if (!/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{9}$/.test(compact)) return false;
    let factor = 2;
    let sum = 0;
    for (let i = 7; i >= 0; i--) {
      const addend = factor * ALPHABET.indexOf(compact[i]);
      factor = factor === 2 ? 1 : 2;
      sum += Math.floor(addend / 32) + (addend % 32);
    }
    return ALPHABET[(32 - (sum % 32)) % 32] === compact[8];
  }
  const compactNumber = (typed) => typed.replace(/[\s.\-]/g, '').toUpperCase();
  const formatted = (c) => c.slice(0, 3) + '-' + c.slice(3, 6) + '-' + c.slice(6);

  /** A QR code holds the card's URL (…/t/{slug}/c/{token}); the token is what the server verifies. */
  function referenceOf(text) {
    const match = /\/c\/([A-Za-z0-9_-]{38})\/?(?:[?#].*)?$/.exec(text.trim());
    return match ? match[1] : compactNumber(text);
  }

  $('lookup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = $('card-number').value;
    const compact = compactNumber(typed);
    const error = $('card-number-error');
    if (!validNumber(compact)) {
      error.hidden = false;
      $('card-number').setAttribute('aria-invalid', 'true');
      $('card-number').focus();
      return;
    }
    error.hidden = true;
    $('card-number').removeAttribute('aria-invalid');
    lookup(compact, formatted(compact));
  });

  async function lookup(reference, label) {
    announce(t('looking'));
    try {
      const r = await call('GET', '/cards/' + encodeURIComponent(reference));
      if (!r.ok) {
        current = null;
        showCard({ number: label || '', problem: problemText(r) });
        return;
      }
      current = Object.assign({ reference }, r.data);
      showCard(current);
    } catch (e) {
      // No connection: only a typed (checked) number can be queued, and only for earning.
      if (!label) {
        announce(t('network'));
        return;
      }
      current = { reference, number: label, offline: true };
      showCard(current);
    }
  }

  function showCard(card) {
    $('card-title-number').textContent = card.number || '';
    const refusals = $('card-refusals');
    refusals.replaceChildren();
    const validity = $('card-validity');
    $('earn-form').hidden = true;
    $('redeem-form').hidden = true;
    ['card-phase', 'card-credit', 'card-remaining', 'card-voucher'].forEach((id) => { $(id).textContent = '—'; });
    $('card-remaining').hidden = false;
    $('card-remaining-label').hidden = false;
    if (card.problem) {
      validity.textContent = t('invalid');
      validity.className = 'badge badge-refused';
      addLine(refusals, card.problem);
    } else if (card.offline) {
      validity.textContent = t('offline');
      validity.className = 'badge';
      addLine(refusals, t('offlineCard'));
      $('earn-form').hidden = false;
    } else {
      const usable = card.earn.allowed || card.redeem.allowed;
      validity.textContent = usable ? t('valid') + ' · ' + t('status.' + card.status) : t('status.' + card.status);
      validity.className = usable ? 'badge badge-ok' : 'badge badge-refused';
      $('card-phase').textContent = t('phase.' + card.phase);
      $('card-credit').textContent = show(card.credit);
      $('card-remaining').textContent = show(card.remainingCap);
      // What the card can still save only matters while purchases earn credit.
      $('card-remaining').hidden = card.phase !== 'EARN';
      $('card-remaining-label').hidden = card.phase !== 'EARN';
      $('card-voucher').textContent = show(card.voucher);
      $('earn-form').hidden = !card.earn.allowed;
      $('redeem-form').hidden = !card.redeem.allowed;
      const reasons = new Set();
      if (!card.earn.allowed && card.phase === 'EARN') reasons.add(card.earn.message);
      if (!card.redeem.allowed && card.phase === 'SPEND') reasons.add(card.redeem.message);
      if (!usable && reasons.size === 0) reasons.add(card.earn.message);
      reasons.forEach((reason) => addLine(refusals, reason));
    }
    $('purchase').value = '';
    $('redeem-amount').value = '';
    connection();
    screen('card-result', 'card-title');
    announce(validity.textContent);
  }

  function addLine(list, text) {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  }

  function fieldError(input, errorId, message) {
    const error = $(errorId);
    if (message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    }
    return !message;
  }

  const normalised = (typed) => typed.trim().replace(',', '.');

  // ---- earn --------------------------------------------------------------------------------------------------------
  $('earn-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('purchase');
    const typed = input.value.trim();
    if (!AMOUNT.test(typed) || Number(normalised(typed)) <= 0) {
      fieldError(input, 'purchase-error', t('amountInvalid'));
      return;
    }
    const purchase = normalised(typed);
    if (current.maxPurchase && Number(purchase) > Number(current.maxPurchase)) {
      fieldError(input, 'purchase-error', t('amountTooHigh', { max: show(current.maxPurchase) }));
      return;
    }
    fieldError(input, 'purchase-error', null);
    // The key is made once, before the first attempt, and kept on every retry of this movement.
    pending = { kind: 'EARN', card: current.reference, number: current.number, amount: purchase, key: crypto.randomUUID() };
    let effect = t('earnQueued');
    let note = '';
    if (!current.offline) {
      try {
        const r = await call('GET', '/cards/' + encodeURIComponent(current.reference) + '/earning-preview?purchase=' + purchase);
        if (r.ok) {
          effect = show(r.data.credit);
          note = r.data.capped ? t('capped') : '';
        } else {
          fieldError(input, 'purchase-error', problemText(r));
          return;
        }
      } catch (e) {
        pending.offline = true;
      }
    } else {
      pending.offline = true;
    }
    confirm(t('confirmPurchase'), show(purchase), t('confirmCredit'), effect, note);
  });

  // ---- redeem ------------------------------------------------------------------------------------------------------
  $('redeem-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!navigator.onLine) {
      connection();
      return;
    }
    const input = $('redeem-amount');
    const typed = input.value.trim();
    if (!AMOUNT.test(typed) || Number(normalised(typed)) <= 0) {
      fieldError(input, 'redeem-error', t('amountInvalid'));
      return;
    }
    const amount = normalised(typed);
    if (Math.round(Number(amount) * 100) > Math.round(Number(current.voucher) * 100)) {
      fieldError(input, 'redeem-error', t('amountAboveVoucher', { voucher: show(current.voucher) }));
      return;
    }
    fieldError(input, 'redeem-error', null);
    pending = { kind: 'REDEEM', card: current.reference, number: current.number, amount, key: crypto.randomUUID() };
    const left = (Math.round(Number(current.voucher) * 100) - Math.round(Number(amount) * 100)) / 100;
    confirm(t('confirmVoucher'), show(amount), t('voucherLeft'), show(left), t('restOtherMeans'));
  });

  function confirm(amountLabel, amount, effectLabel, effect, note) {
    $('confirm-card').textContent = pending.number;
    $('confirm-amount-label').textContent = amountLabel;
    $('confirm-amount').textContent = amount;
    $('confirm-effect-label').textContent = effectLabel;
    $('confirm-effect').textContent = effect;
    $('confirm-note').textContent = note;
    $('confirm-yes').disabled = false;
    screen('confirm', 'confirm-title');
  }

  $('confirm-no').addEventListener('click', () => {
    pending = null;
    screen('card-result', 'card-title');
  });

  $('confirm-yes').addEventListener('click', async () => {
    if (!pending) return;
    $('confirm-yes').disabled = true;
    const movement = pending;
    if (movement.kind === 'EARN' && (movement.offline || !navigator.onLine)) {
      await enqueue(movement);
      return;
    }
    try {
      const r = movement.kind === 'EARN'
        ? await call('POST', '/earnings', { card: movement.card, purchase: movement.amount }, movement.key)
        : await call('POST', '/redemptions', { card: movement.card, amount: movement.amount }, movement.key);
      if (r.ok) {
        pending = null;
        receipt(r.data);
        recent();
      } else if (r.status >= 500 && movement.kind === 'EARN') {
        await enqueue(movement);
      } else {
        $('confirm-yes').disabled = r.status >= 500 ? false : true;
        $('confirm-note').textContent = problemText(r);
        announce(problemText(r));
      }
    } catch (e) {
      if (movement.kind === 'EARN') {
        await enqueue(movement);
      } else {
        $('confirm-yes').disabled = false;
        $('confirm-note').textContent = t('redeemOffline');
        announce(t('redeemOffline'));
      }
    }
  });

  function receipt(r) {
    lastReceipt = r;
    const facts = $('receipt-facts');
    facts.replaceChildren();
    const fact = (label, value) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      facts.append(dt, dd);
    };
    fact(t('confirmCard'), r.card);
    let title;
    let note = '';
    if (r.kind === 'EARN') {
      title = t('receiptEarn', { amount: show(r.amount) });
      fact(t('confirmPurchase'), show(r.purchase));
      fact(t('confirmCredit'), show(r.amount));
      fact(t('creditAfter'), show(r.creditAfter));
      note = r.capped ? t('capped') : '';
    } else if (r.kind === 'REDEEM') {
      title = t('receiptRedeem', { amount: show(r.amount) });
      fact(t('confirmVoucher'), show(r.amount));
      fact(t('voucherLeft'), show(r.voucherAfter));
      note = t('restOtherMeans');
    } else {
      title = t('reversed', { amount: show(r.amount) });
      fact(t('creditAfter'), show(r.creditAfter));
      fact(t('voucherLeft'), show(r.voucherAfter));
    }
    $('receipt-title').textContent = title;
    $('receipt-note').textContent = note;
    $('receipt-reverse').hidden = !(r.kind === 'EARN' || r.kind === 'REDEEM');
    $('receipt-reverse').disabled = false;
    screen('receipt', 'receipt-title');
    announce(title);
  }

  async function reverse(transactionId, button) {
    if (button) button.disabled = true;
    try {
      const r = await call('POST', '/transactions/' + transactionId + '/reversal', null,
        button && button.dataset.key ? button.dataset.key : crypto.randomUUID());
      if (r.ok) {
        receipt(r.data);
        recent();
      } else {
        announce(problemText(r));
        if (button) button.disabled = false;
      }
    } catch (e) {
      announce(t('network'));
      if (button) button.disabled = false;
    }
  }
  $('receipt-reverse').addEventListener('click', (event) => {
    if (lastReceipt) {
      // One key per reversal attempt of this receipt, kept across retries.
      event.target.dataset.key = event.target.dataset.key || crypto.randomUUID();
      reverse(lastReceipt.transactionId, event.target);
    }
  });

  // ---- offline queue (IndexedDB) ---------------------------------------------------------------------------------
  let database = null;
  function db() {
    if (database) return database;
    database = new Promise((resolve, reject) => {
      const request = indexedDB.open('lep-counter-' + slug, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('earnings', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return database;
  }
  async function store(mode, work) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const tx = d.transaction('earnings', mode);
      const result = work(tx.objectStore('earnings'));
      tx.oncomplete = () => resolve(result.result !== undefined ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }
  const allQueued = () => store('readonly', (s) => s.getAll());
  const put = (entry) => store('readwrite', (s) => s.put(entry));

  async function enqueue(movement) {
    await put({ key: movement.key, card: movement.card, number: movement.number, purchase: movement.amount,
      queuedAt: new Date().toISOString(), state: 'queued' });
    pending = null;
    announce(t('queuedOne', { card: movement.number, amount: show(movement.amount) }));
    await renderQueue();
    newScan();
    announce(t('queuedOne', { card: movement.number, amount: show(movement.amount) }));
  }

  async function renderQueue() {
    const entries = (await allQueued()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    const list = $('queue-list');
    list.replaceChildren();
    entries.forEach((e) => {
      const li = document.createElement('li');
      li.className = 'queue-' + e.state;
      li.dataset.state = e.state;
      const what = document.createElement('span');
      what.textContent = e.number + ' · ' + show(e.purchase);
      const state = document.createElement('strong');
      state.className = 'badge ' + (e.state === 'refused' ? 'badge-refused' : e.state === 'synced' ? 'badge-ok' : '');
      state.textContent = t('state.' + e.state);
      li.append(what, ' ', state);
      if (e.reason) {
        li.append(' ', document.createTextNode(e.reason));
      }
      list.appendChild(li);
    });
    $('queue').hidden = entries.length === 0;
  }

  let syncing = false;
  async function sync() {
    if (syncing || !navigator.onLine || !credential) return;
    syncing = true;
    let changed = false;
    try {
      for (const entry of await allQueued()) {
        if (entry.state !== 'queued') continue;
        let r;
        try {
          r = await call('POST', '/earnings', { card: entry.card, purchase: entry.purchase }, entry.key);
        } catch (e) {
          break; // still offline: the next online event or the periodic retry tries again
        }
        if (r.ok) {
          Object.assign(entry, { state: 'synced', credit: r.data.amount });
        } else if (r.status >= 400 && r.status < 500 && ![401, 403, 408, 429].includes(r.status)) {
          // A business refusal does not change by retrying: shown with its reason, not sent again.
          Object.assign(entry, { state: 'refused', reason: problemText(r) });
        } else {
          continue; // 5xx, an expired session or throttling: kept for a later attempt
        }
        await put(entry);
        changed = true;
      }
    } finally {
      syncing = false;
    }
    if (changed) {
      await renderQueue();
      announce(t('syncedAll'));
      recent();
    }
  }
  setInterval(sync, 15000);

  // ---- recent transactions ---------------------------------------------------------------------------------------
  document.querySelectorAll('.recent-scope').forEach((button) => button.addEventListener('click', () => {
    recentScope = button.dataset.scope;
    document.querySelectorAll('.recent-scope').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    recent();
  }));

  async function recent() {
    if (!navigator.onLine) return;
    let r;
    try {
      r = await call('GET', '/transactions?scope=' + recentScope + '&limit=20');
    } catch (e) {
      return;
    }
    if (!r.ok) return;
    const list = $('recent-list');
    list.replaceChildren();
    if (r.data.length === 0) {
      addLine(list, t('noTransactions'));
      return;
    }
    const time = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'short', timeStyle: 'short' });
    r.data.forEach((line) => {
      const li = document.createElement('li');
      li.textContent = time.format(new Date(line.at)) + ' · ' + t('kind.' + line.kind) + ' · ' + line.card + ' · '
        + show(line.amount) + (line.purchase ? ' (' + show(line.purchase) + ')' : '');
      if ((line.kind === 'EARN' || line.kind === 'REDEEM') && Number(line.compensated || 0) === 0) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'linklike';
        button.textContent = t('reverse');
        button.dataset.key = crypto.randomUUID();
        button.addEventListener('click', () => reverse(line.id, button));
        li.append(' ', button);
      }
      list.appendChild(li);
    });
  }

  // ---- camera ------------------------------------------------------------------------------------------------------
  let stream = null;
  let timer = null;
  $('scan-start').addEventListener('click', async () => {
    if (!navigator.mediaDevices || typeof window.jsQR !== 'function') {
      announce(t('cameraUnavailable'));
      return;
    }
    announce(t('cameraStarting'));
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      announce(t('cameraUnavailable'));
      return;
    }
    const video = $('scan-video');
    video.srcObject = stream;
    video.hidden = false;
    $('scan-start').hidden = true;
    $('scan-stop').hidden = false;
    await video.play();
    announce(t('cameraScanning'));
    const canvas = $('scan-canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    timer = setInterval(() => {
      if (video.readyState < 2 || !video.videoWidth) return;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code && code.data) {
        stopCamera();
        const reference = referenceOf(code.data);
        lookup(reference, validNumber(reference) ? formatted(reference) : null);
      }
    }, 200);
  });
  function stopCamera() {
    clearInterval(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    $('scan-video').hidden = true;
    $('scan-start').hidden = false;
    $('scan-stop').hidden = true;
  }
  $('scan-stop').addEventListener('click', stopCamera);

  start();
})();
