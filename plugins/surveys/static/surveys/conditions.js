// Progressive enhancement: hide a question whose condition on an earlier answer
// is not met. Without this script every question shows its condition in words
// and the server ignores answers whose condition is not met.
(function () {
  "use strict";
  var form = document.querySelector("article.survey form");
  if (!form) { return; }
  var dependent = form.querySelectorAll("[data-cond-question]");
  function refresh() {
    dependent.forEach(function (field) {
      var name = field.getAttribute("data-cond-question");
      var wanted = field.getAttribute("data-cond-values").split(",");
      var given = Array.prototype.map.call(
        form.querySelectorAll("[name='" + name + "']:checked"), function (input) { return input.value; });
      var typed = form.querySelector("input[type=text][name='" + name + "']");
      if (typed && typed.value) { given.push(typed.value); }
      var shown = given.some(function (value) { return wanted.indexOf(value) !== -1; });
      field.hidden = !shown;
    });
  }
  form.addEventListener("change", refresh);
  refresh();
}());
