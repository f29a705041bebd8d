/* Sortable tables: click (or Enter on) a header of a table.gd-sortable to sort its body rows.
   A cell's data-sort attribute, when present, is the value sorted on; empty values (missing
   data) always go last. Numbers sort largest first on the first click, text in pinyin order. */
(function () {
  "use strict";

  var collator = new Intl.Collator("zh-Hans-CN", { numeric: true });

  function valueOf(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return (v === null ? cell.textContent : v).trim();
  }

  function isNumber(v) {
    return v !== "" && !isNaN(Number(v.replace(/,/g, "").replace(/%$/, "")));
  }

  function toNumber(v) {
    return Number(v.replace(/,/g, "").replace(/%$/, ""));
  }

  function sortBy(table, th) {
    var index = th.cellIndex;
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var values = rows.map(function (r) { return valueOf(r, index); });
    var numeric = values.every(function (v) { return v === "" || isNumber(v); });
    var current = th.getAttribute("aria-sort");
    var dir;
    if (current === "descending") dir = "ascending";
    else if (current === "ascending") dir = "descending";
    else dir = numeric ? "descending" : "ascending";
    var sign = dir === "ascending" ? 1 : -1;
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var va = values[a], vb = values[b];
      if (va === "" || vb === "") {
        if (va === vb) return a - b;
        return va === "" ? 1 : -1;
      }
      var c = numeric ? toNumber(va) - toNumber(vb) : collator.compare(va, vb);
      return c === 0 ? a - b : sign * c;
    });
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(rows[i]); });
    body.appendChild(frag);
    Array.prototype.forEach.call(th.parentNode.cells, function (h) {
      if (h !== th) h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
  }

  function init(root) {
    var tables = root.querySelectorAll("table.gd-sortable");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.getAttribute("data-gd-sortable") === "1" || !table.tHead) return;
      table.setAttribute("data-gd-sortable", "1");
      var head = table.tHead.rows[table.tHead.rows.length - 1];
      Array.prototype.forEach.call(head.cells, function (th) {
        th.tabIndex = 0;
        th.title = (th.title ? th.title + "。" : "") + "点击排序";
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(table, th); }
        });
      });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { init(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
