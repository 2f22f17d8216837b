// Paging and filtering of the coded segments. Without script every segment is shown.
(function () {
  "use strict";
  var PAGE = 20;
  var box = document.getElementById("filter");
  if (!box) return;
  var shown = document.getElementById("shown");
  var groups = Array.prototype.map.call(
    document.querySelectorAll(".code-segments"),
    function (section) {
      var items = Array.prototype.slice.call(section.querySelectorAll(".segment"));
      var more = document.createElement("button");
      more.type = "button";
      more.className = "more";
      var details = section.querySelector("details");
      details.appendChild(more);
      var group = {
        section: section,
        code: comparable(section.querySelector(".path").textContent),
        items: items,
        texts: null,
        limit: PAGE,
        matching: items,
        details: details,
        opened: false,  // whether the filter opened the fold (clearing it folds it again)
        more: more
      };
      more.addEventListener("click", function () {
        group.limit += PAGE;
        draw(group);
        var next = group.matching[group.limit - PAGE];
        if (next) { next.setAttribute("tabindex", "-1"); next.focus(); }
      });
      return group;
    }
  );
  var total = groups.reduce(function (n, g) { return n + g.items.length; }, 0);

  // Text as the filter compares it: one Unicode form (what a keyboard types), lower case.
  function comparable(text) {
    return text.normalize("NFC").toLowerCase();
  }

  // What a segment is found by: its text in context, source, kind, cases and coders
  // (the fields marked "f"), not the page's own words ("case:", the place).
  function searched(item) {
    return comparable(Array.prototype.map.call(item.querySelectorAll(".f"), function (field) {
      return field.querySelector(".none") ? "" : field.textContent;  // "(no text)" is ours
    }).join("\n"));
  }

  function draw(group) {
    var limit = group.limit;
    group.items.forEach(function (item) { item.hidden = true; });
    group.matching.forEach(function (item, n) { item.hidden = n >= limit; });
    var left = group.matching.length - limit;
    group.more.hidden = left <= 0;
    group.more.textContent = "Show " + Math.min(PAGE, left) + " more (" + left + " not shown)";
    group.section.hidden = group.matching.length === 0;
  }

  function filter() {
    // Words, or "phrases in quotation marks", each of which a segment must contain.
    var terms = (comparable(box.value).match(/"[^"]+"|[^\s"]+/g) || []).map(function (t) {
      return t.replace(/"/g, "");
    });
    var count = 0;
    groups.forEach(function (group) {
      if (terms.length && !group.texts) {
        group.texts = group.items.map(searched);
      }
      group.matching = terms.length ? group.items.filter(function (item, n) {
        return terms.every(function (term) {
          return group.code.indexOf(term) >= 0 || group.texts[n].indexOf(term) >= 0;
        });
      }) : group.items;
      group.limit = PAGE;
      count += group.matching.length;
      if (terms.length && group.matching.length && !group.details.open) {
        group.details.open = group.opened = true;
      } else if (group.opened && !(terms.length && group.matching.length)) {
        // opened by the filter, which no longer finds it (cleared, or narrowed as typed)
        group.details.open = group.opened = false;
      }
      draw(group);
    });
    shown.textContent = count + " of " + total + " segments shown";
    box.setAttribute("data-applied", box.value);  // what the list shows now
  }

  var timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(filter, total > 2000 ? 200 : 0);
  });
  groups.forEach(draw);

  // Printing shows every segment, whatever is folded or paged on screen.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
  });
})();
