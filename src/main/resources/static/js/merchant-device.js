// Merchant portal: "use this device as the counter". Stores the device credential just registered in this browser
// under lep.device.<tenant slug>, where the counter page (terminal) looks for it. Nothing leaves the browser.
(function () {
  'use strict';
  const button = document.getElementById('use-device');
  if (!button) {
    return;
  }
  button.addEventListener('click', function () {
    const input = document.getElementById(button.dataset.credentialInput);
    const slug = button.dataset.deviceSlug;
    if (!input || !slug || !input.value) {
      return;
    }
    try {
      localStorage.setItem('lep.device.' + slug, input.value);
    } catch (e) {
      // Private browsing without storage: the owner can still copy the credential by hand.
      return;
    }
    const done = document.getElementById('use-device-done');
    if (done) {
      done.hidden = false;
      done.focus();
    }
    button.disabled = true;
  });
  const input = document.getElementById(button.dataset.credentialInput);
  if (input) {
    input.addEventListener('focus', function () { input.select(); });
  }
})();
