/* Proof-of-work check (ALTCHA v1 challenge), solved with Web Crypto SHA-256.
   Finds the number n such that SHA-256(salt + n) == challenge, then puts the
   base64 JSON payload in the hidden "altcha" field. No image, no third party.
   The status is announced through the aria-live region of the widget. */
(function () {
  "use strict";

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return out;
  }

  function solve(challenge) {
    var encoder = new TextEncoder();
    var batch = 500;
    function tryFrom(start) {
      var end = Math.min(start + batch, challenge.maxNumber + 1);
      var jobs = [];
      for (var n = start; n < end; n++) {
        jobs.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n)));
      }
      return Promise.all(jobs).then(function (digests) {
        for (var i = 0; i < digests.length; i++) {
          if (hex(digests[i]) === challenge.challenge) { return start + i; }
        }
        if (end > challenge.maxNumber) { return null; }
        return tryFrom(end);
      });
    }
    return tryFrom(0);
  }

  function payload(challenge, number) {
    return btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
      salt: challenge.salt, signature: challenge.signature
    }));
  }

  function start(widget) {
    var status = widget.querySelector("[role=status]");
    var input = widget.querySelector("input[name=altcha]");
    var form = widget.closest("form");
    var state = { done: false, submitWhenDone: false };
    var challenge;
    try { challenge = JSON.parse(widget.getAttribute("data-altcha-challenge")); }
    catch (e) { challenge = null; }
    if (!challenge || !window.crypto || !crypto.subtle) {
      status.textContent = widget.getAttribute("data-msg-failed");
      return;
    }
    status.textContent = widget.getAttribute("data-msg-working");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (state.done) { return; }
        event.preventDefault();
        state.submitWhenDone = true;
        status.textContent = widget.getAttribute("data-msg-wait");
      });
    }
    solve(challenge).then(function (number) {
      if (number === null) {
        status.textContent = widget.getAttribute("data-msg-failed");
        return;
      }
      input.value = payload(challenge, number);
      state.done = true;
      widget.setAttribute("data-altcha-state", "verified");
      status.textContent = widget.getAttribute("data-msg-done");
      if (state.submitWhenDone && form) {
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
    }, function () {
      status.textContent = widget.getAttribute("data-msg-failed");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var widgets = document.querySelectorAll("[data-altcha-challenge]");
    for (var i = 0; i < widgets.length; i++) { start(widgets[i]); }
  });
})();
