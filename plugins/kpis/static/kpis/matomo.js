// The operator's Matomo, loaded only after consent (the server adds this script then).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var url = script.getAttribute("data-url");
  var paq = window._paq = window._paq || [];
  paq.push(["disableCookies"]);
  paq.push(["trackPageView"]);
  paq.push(["enableLinkTracking"]);
  paq.push(["setTrackerUrl", url + "matomo.php"]);
  paq.push(["setSiteId", script.getAttribute("data-site")]);
  var tracker = document.createElement("script");
  tracker.async = true;
  tracker.src = url + "matomo.js";
  document.head.appendChild(tracker);
}());
