/* Report tables: a plain cell carries its source line as data-l="57"; give it the tooltip
   "原文第57行" and mark non-zero figures (kept out of the HTML to keep body pages small). */
(function () {
  "use strict";
  function enhance() {
    var cells = document.querySelectorAll("td[data-l]");
    for (var i = 0; i < cells.length; i++) {
      var td = cells[i];
      if (!td.title) td.title = "原文第" + td.getAttribute("data-l") + "行";
      if (td.textContent.trim() !== "0") td.classList.add("nz");
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
