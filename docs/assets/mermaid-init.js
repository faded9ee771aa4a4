// Draw the ```mermaid blocks of a page with the bundled mermaid.min.js.
// The 3.5 MB renderer is loaded only on pages that have a diagram, from this
// folder: nothing is fetched from another site.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  document.addEventListener("DOMContentLoaded", function () {
    var blocks = document.querySelectorAll("pre > code.language-mermaid");
    if (!blocks.length || !here) {
      return;
    }
    blocks.forEach(function (code) {
      var diagram = document.createElement("div");
      diagram.className = "mermaid";
      diagram.textContent = code.textContent;
      code.parentNode.replaceWith(diagram);
    });
    var script = document.createElement("script");
    script.src = here.replace(/mermaid-init\.js(\?.*)?$/, "mermaid.min.js");
    script.onload = function () {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict",
                                  er: { useMaxWidth: false } });
      window.mermaid.run({ querySelector: "div.mermaid" });
    };
    document.head.appendChild(script);
  });
})();
