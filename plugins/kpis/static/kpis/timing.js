// Cookie-less load-time measure: the page's route (given by the server) and its
// load time from the Navigation Timing API, sent once; nothing else.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.performance || !navigator.sendBeacon) { return; }
  var path = script.getAttribute("data-path");
  var url = script.getAttribute("data-url");
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      var entry = performance.getEntriesByType("navigation")[0];
      if (!entry || !entry.loadEventEnd) { return; }
      var data = new FormData();
      data.append("path", path);
      data.append("ms", Math.round(entry.loadEventEnd - entry.startTime));
      navigator.sendBeacon(url, data);
    }, 0);
  });
}());
