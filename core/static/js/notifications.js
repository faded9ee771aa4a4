/* Progressive enhancement: refresh the header's unread count every minute.
   Without this file the count is the one rendered with the page. */
(function () {
  "use strict";
  var REFRESH_MS = 60000;
  function refresh(link) {
    var counter = link.querySelector("[data-notification-count]");
    if (!counter || !window.fetch) { return; }
    fetch(link.getAttribute("data-count-url"), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && typeof data.unread === "number") {
        counter.textContent = String(data.unread);
      }
    }).catch(function () { /* keep the last count */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.querySelector(".notification-badge[data-count-url]");
    if (!link) { return; }
    window.setInterval(function () { refresh(link); }, REFRESH_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { refresh(link); }
    });
  });
})();
