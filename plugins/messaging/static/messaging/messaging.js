/* Progressive enhancement of the messaging pages (no inline script: strict CSP).
   - an open conversation asks its poll URL for messages newer than the last one
     shown and appends them; without this file, reloading shows them;
   - the header's "Messages" count is refreshed the same way. */
(function () {
  "use strict";
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; });
  }
  function setUnread(count) {
    var counter = document.querySelector("[data-messaging-unread]");
    if (counter && typeof count === "number") { counter.textContent = String(count); }
  }
  function pollConversation(list) {
    var url = list.getAttribute("data-poll-url");
    var last = list.getAttribute("data-last-id") || "0";
    return getJSON(url + "?after=" + encodeURIComponent(last)).then(function (data) {
      if (!data) { return; }
      data.messages.forEach(function (m) {
        if (document.getElementById("m" + m.id)) { return; }
        var holder = document.createElement("ol");
        holder.innerHTML = m.html; /* rendered and escaped by the server */
        if (holder.firstElementChild) { list.appendChild(holder.firstElementChild); }
        list.setAttribute("data-last-id", String(m.id));
      });
      setUnread(data.unread);
    }).catch(function () { /* keep the page as it is */ });
  }
  function pollHeader(link) {
    return getJSON(link.getAttribute("data-unread-url")).then(function (data) {
      if (data) { setUnread(data.unread); }
    }).catch(function () { /* keep the last count */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) { return; }
    var list = document.querySelector(".message-list[data-poll-url]");
    var link = document.querySelector(".messaging-badge[data-unread-url]");
    var source = list || link;
    if (!source) { return; }
    var seconds = parseInt(source.getAttribute("data-poll-seconds"), 10);
    var every = Math.max(seconds || 15, 2) * 1000;
    window.setInterval(function () {
      if (document.hidden) { return; }
      if (list) { pollConversation(list); } else if (link) { pollHeader(link); }
    }, every);
  });
})();
