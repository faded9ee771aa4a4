/* Sign-up form: show only the section matching the account type and company choice.
   Progressive enhancement: without JavaScript every section stays visible. */
(function () {
  "use strict";

  function checked(form, name) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    return input ? input.value : "";
  }

  function update(form) {
    var kind = checked(form, "kind");
    var sections = form.querySelectorAll("[data-kind]");
    for (var i = 0; i < sections.length; i++) {
      sections[i].hidden = kind !== "" && sections[i].getAttribute("data-kind") !== kind;
    }
    var mode = checked(form, "company_mode") || "new";
    var parts = form.querySelectorAll("[data-company-mode]");
    for (var j = 0; j < parts.length; j++) {
      parts[j].hidden = parts[j].getAttribute("data-company-mode") !== mode;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-signup-form]");
    if (!form) { return; }
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
