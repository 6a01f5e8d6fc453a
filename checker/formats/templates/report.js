(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }

  function checkedValues(name) {
    var values = new Set();
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      if (input.checked) { values.add(input.value); }
    });
    return values;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function update() {
    var families = checkedValues("family");
    var severities = checkedValues("severity");
    var shown = 0;
    var total = 0;
    document.querySelectorAll("li.finding").forEach(function (item) {
      var visible = families.has(item.dataset.family) && severities.has(item.dataset.severity);
      item.classList.toggle("is-filtered", !visible);
      total += 1;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll("section.article").forEach(function (section) {
      var all = section.querySelectorAll("li.finding").length;
      var visible = section.querySelectorAll("li.finding:not(.is-filtered)").length;
      section.querySelectorAll("[data-shown-count]").forEach(function (el) { el.textContent = String(visible); });
      var note = section.querySelector(".filtered-out-note");
      if (note) { note.hidden = !(all > 0 && visible === 0); }
    });
    document.querySelectorAll("[data-article-shown]").forEach(function (cell) {
      var section = document.getElementById(cell.getAttribute("data-article-shown"));
      if (section) { cell.textContent = String(section.querySelectorAll("li.finding:not(.is-filtered)").length); }
    });
    var status = document.getElementById("filter-status");
    if (status) { status.textContent = "Showing " + shown + " of " + plural(total, "finding") + "."; }
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
})();
