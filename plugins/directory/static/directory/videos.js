// Videos load only when asked: the link to the video's page becomes a button that
// puts the privacy-enhanced player in place (no request to the video site before).
(function () {
  "use strict";
  document.querySelectorAll(".dir-video[data-embed]").forEach(function (item) {
    var link = item.querySelector("a");
    if (!link) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var box = document.createElement("div");
      box.className = "dir-player";
      var frame = document.createElement("iframe");
      frame.src = item.getAttribute("data-embed");
      frame.title = item.getAttribute("data-title") || "Video";
      frame.allow = "fullscreen; picture-in-picture; autoplay";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.appendChild(frame);
      item.replaceChild(box, link);
      frame.focus();
    });
  });
})();
