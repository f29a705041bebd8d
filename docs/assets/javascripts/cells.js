/* Report tables: a plain cell carries its place in the source as data attributes (data-l line,
   data-p page, data-t "table.row.col"); write the tooltip in the words of Source.describe()
   ("原文第57行", "原文第2页表1第5行第3列") and mark non-zero figures. Kept out of the HTML to
   keep body pages small. */
(function () {
  "use strict";
  function describe(td) {
    var s = "", p = td.getAttribute("data-p"), t = td.getAttribute("data-t"),
        l = td.getAttribute("data-l");
    if (p) s += "第" + p + "页";
    if (t) {
      var a = t.split(".");
      s += "表" + a[0];
      if (a.length > 1) s += "第" + a[1] + "行";
      if (a.length > 2) s += "第" + a[2] + "列";
    } else if (l) {
      s += "第" + l + "行";
    }
    return "原文" + s;
  }
  function enhance() {
    var cells = document.querySelectorAll("td[data-l], td[data-p], td[data-t]");
    for (var i = 0; i < cells.length; i++) {
      var td = cells[i];
      if (!td.title) td.title = describe(td);
      if (td.textContent.trim() !== "0") td.classList.add("nz");
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
