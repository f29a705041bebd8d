/* Search across the whole site, joined to Material's search box.

   Two sources, both loaded only when someone starts to search:
   - assets/data/names.json: every body and region name with its page. What was typed is
     matched as a substring; an exact name comes first, then names containing it, then pages
     whose region contains it (博爱县 -> the county page, then 博爱县许良镇人民政府, ...).
   - Pagefind (pagefind/pagefind.js, built after MkDocs): the report texts and every page.
     Its hits follow the names. (Pagefind alone splits an unknown name such as 许良镇 into
     single characters and may rank the right page far down.)

   Where results appear:
   - Material's header search box: names above Material's own results, full-text hits below;
     Material's duplicates of them are hidden.
   - Forms marked data-gd-search (home page, search page) list results as one types; the
     search page reads ?s= (not ?q=, which opens Material's own search).
   Result text is always inserted as text (textContent), never as HTML. */
(function () {
  "use strict";

  var FULLTEXT_DATA = 12; // Pagefind results whose data (title, excerpt) are loaded
  var names = null;
  var pagefind = null;

  function siteRoot() {
    var base = ".";
    var el = document.getElementById("__config");
    if (el) {
      try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function loadNames() {
    if (!names) {
      names = fetch(new URL("assets/data/names.json", siteRoot()).href)
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return names;
  }

  function loadPagefind() {
    if (!pagefind) {
      var root = siteRoot();
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: root.pathname, excerptLength: 24 }))
          .then(function () { return pf.init ? pf.init() : null; })
          .then(function () { return pf; });
      }).catch(function () { return null; });
    }
    return pagefind;
  }

  function norm(s) { return (s || "").replace(/[\s\u3000]+/g, "").toLowerCase(); }
  function terms(q) { return q.split(/[\s\u3000]+/).map(norm).filter(Boolean); }

  /* Names containing what was typed: [{title, url, meta}], best first. */
  function matchNames(data, query) {
    if (!data) return [];
    var ts = terms(query), q = ts.join(""), root = siteRoot(), out = [];
    data.items.forEach(function (it) {
      var title = norm(it[0]), region = norm(data.regions[it[2]]), short = norm(it[3]);
      var tier;
      if (title === q || short === q) tier = 0;
      else if (ts.every(function (t) { return title.indexOf(t) >= 0; })) tier = 1;
      else if (ts.every(function (t) { return (title + region).indexOf(t) >= 0; })) tier = 2;
      else return;
      out.push({ tier: tier, len: title.length, title: it[0], meta: data.regions[it[2]],
                 url: new URL(it[1], root).pathname });
    });
    out.sort(function (a, b) {
      return a.tier - b.tier || a.len - b.len || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
    });
    return out;
  }

  /* Glossary terms (about/#penalty …) that what was typed names or contains: [{title, url}].
     行政处罚 or 行政处罚决定 -> 行政处罚. Shown first on the search forms: the explanation, and a
     result at once while the full text of thousands of pages is searched. */
  function matchTerms(data, query) {
    if (!data || !data.terms) return [];
    var q = terms(query).join(""), root = siteRoot(), out = [];
    if (q.length < 2) return out;
    data.terms.forEach(function (t) {
      var term = norm(t[0]);
      if (term.indexOf(q) >= 0 || q.indexOf(term) >= 0) {
        var u = new URL(t[1], root);
        out.push({ title: t[0], url: u.pathname + u.hash, meta: "名词解释" });
      }
    });
    return out;
  }

  /* Full-text hits from Pagefind that contain every typed term as written (Pagefind matches
     single characters of an unknown word, so its hits are checked against the page text),
     without the pages already listed by name. Loads result data in batches until `want`
     hits or `maxLoad` results were looked at. */
  function fullText(query, skip, want, maxLoad, onBatch) {
    var ts = terms(query);
    return loadPagefind().then(function (pf) {
      if (!pf) return null;
      return pf.search(query).then(function (res) {
        var results = (res && res.results) || [];
        var items = [], i = 0;
        function next() {
          if (items.length >= want || i >= results.length || i >= maxLoad) {
            return { items: items, more: i < results.length };
          }
          var batch = results.slice(i, i + 12);
          i += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
            datas.forEach(function (d) {
              var text = norm(d.content);
              if (skip[new URL(d.url, location.href).pathname]) return;
              if (!ts.every(function (t) { return text.indexOf(t) >= 0; })) return;
              items.push({ title: (d.meta && d.meta.title) || d.url, url: d.url,
                           meta: d.meta && d.meta.region, content: d.content || "" });
            });
            if (onBatch && items.length) onBatch(items);
            return next();
          });
        }
        return next();
      });
    });
  }

  /* Both sources; onNames(names, terms) is called as soon as the names and glossary terms
     are matched, then the promise resolves to
     {names: [...], terms: [...], text: {items, more} | null, namesLoaded}. */
  function search(query, want, maxLoad, onNames, onText) {
    return loadNames().then(function (data) {
      var byName = matchNames(data, query), byTerm = matchTerms(data, query);
      if (onNames) onNames(byName, byTerm);
      var skip = {};
      byName.forEach(function (x) { skip[x.url] = true; });
      return fullText(query, skip, want, maxLoad, onText && function (items) {
        onText(byName, items);
      }).then(function (text) {
        return { names: byName, terms: byTerm, text: text, namesLoaded: !!data };
      });
    });
  }

  /* A stretch of the page text around the first term, terms marked; text nodes only. */
  function excerptNode(content, query) {
    var span = el("span", "gd-r-excerpt");
    var text = String(content || "").replace(/\s+/g, " ");
    var ts = terms(query).filter(function (t) { return t; });
    var lower = text.toLowerCase();
    var at = ts.length ? lower.indexOf(ts[0]) : -1;
    var from = Math.max(0, at - 30), to = Math.min(text.length, (at < 0 ? 0 : at) + 90);
    var piece = (from > 0 ? "…" : "") + text.slice(from, to) + (to < text.length ? "…" : "");
    var low = piece.toLowerCase(), pos = 0;
    while (pos < piece.length) {
      var best = -1, len = 0;
      ts.forEach(function (t) {
        var k = low.indexOf(t, pos);
        if (k >= 0 && (best < 0 || k < best)) { best = k; len = t.length; }
      });
      if (best < 0) { span.appendChild(document.createTextNode(piece.slice(pos))); break; }
      if (best > pos) span.appendChild(document.createTextNode(piece.slice(pos, best)));
      span.appendChild(el("mark", null, piece.slice(best, best + len)));
      pos = best + len;
    }
    return span;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function findUrl(query) {
    return new URL("find/?s=" + encodeURIComponent(query), siteRoot()).href;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  /* -- forms on the home and search pages -- */
  function bindForm(form) {
    if (form.getAttribute("data-gd-bound")) return;
    form.setAttribute("data-gd-bound", "1");
    var input = form.querySelector("input[type=search]");
    var out = form.querySelector(".gd-search-results");
    var limit = parseInt(form.getAttribute("data-gd-limit") || "8", 10);
    var onFindPage = form.hasAttribute("data-gd-page");
    var seq = 0;

    function list(items, query) {
      var ul = el("ul", "gd-results");
      items.forEach(function (d) {
        var li = el("li");
        var a = el("a", "gd-r-title", d.title);
        a.href = d.url;
        li.appendChild(a);
        if (d.meta) li.appendChild(el("span", "gd-r-meta", d.meta));
        if (query) li.appendChild(excerptNode(d.content, query));
        ul.appendChild(li);
      });
      return ul;
    }

    function run() {
      var q = input.value.trim();
      var mine = ++seq;
      if (onFindPage) {
        var u = new URL(location.href);
        if (q) u.searchParams.set("s", q); else u.searchParams.delete("s");
        history.replaceState(null, "", u.href);
      }
      out.textContent = "";
      if (!q) return;
      /* two parts that fill in independently: names as soon as they are matched, the full
         text batch by batch; a part once shown is never rebuilt under the reader's cursor */
      var termsPart = el("div", "gd-r-terms");
      var namesPart = el("div", "gd-r-names"), textPart = el("div", "gd-r-text");
      var status = el("p", "gd-search-status", "正在搜索……");
      out.appendChild(termsPart);
      out.appendChild(namesPart);
      out.appendChild(textPart);
      out.appendChild(status);
      var namesShown = false, termsShown = false, shownText = 0;
      function showTerms(found) {
        if (mine !== seq || termsShown || !found.length) return;
        termsShown = true;
        termsPart.appendChild(el("p", "gd-search-status", "名词解释："));
        termsPart.appendChild(list(found, null));
      }
      function showNames(names, found) {
        if (found) showTerms(found);
        if (mine !== seq || namesShown || !names.length) return;
        namesShown = true;
        namesPart.appendChild(el("p", "gd-search-status", "名称中含“" + q + "”的机关和地区：" +
          names.length + " 个"));
        namesPart.appendChild(list(names.slice(0, limit), null));
      }
      function showText(names, items, done, more) {
        if (mine !== seq) return;
        var n = Math.min(limit, items.length);
        if (n === shownText && !done) return;
        shownText = n;
        textPart.textContent = "";
        if (!n) return;
        textPart.appendChild(el("p", "gd-search-status", "报告正文等页面中提到“" + q + "”：" +
          (!done ? "（搜索中）" : more ? "最相关的 " + n + " 个页面" : items.length + " 个页面")));
        textPart.appendChild(list(items.slice(0, limit), q));
      }
      search(q, limit, onFindPage ? 240 : 48, showNames, function (names, items) {
        showText(names, items, false, false);
      }).then(function (res) {
        if (mine !== seq) return;
        status.remove();
        var text = res.text;
        if (!res.names.length && !res.terms.length && (!text || !text.items.length)) {
          out.appendChild(el("p", "gd-search-status", text === null && !res.namesLoaded
            ? "搜索索引尚未生成。" : "没有找到与“" + q + "”相关的页面。"));
          return;
        }
        showNames(res.names, res.terms);
        if (text && text.items.length) showText(res.names, text.items, true, text.more);
        if (!onFindPage && (res.names.length > limit || (text && text.more))) {
          var more = el("a", "gd-search-status", "查看全部结果 →");
          more.href = findUrl(q);
          out.appendChild(more);
        }
      });
    }

    input.addEventListener("input", debounce(run, 200));
    input.addEventListener("focus", function () { loadNames(); loadPagefind(); }, { once: true });
    form.addEventListener("submit", function (ev) {
      if (onFindPage) { ev.preventDefault(); run(); }
    });
    if (onFindPage) {
      var q0 = new URL(location.href).searchParams.get("s");
      if (q0) { input.value = q0; run(); }
    }
  }

  /* -- Material's header search box -- */
  function bindHeader() {
    var input = document.querySelector(".md-search__input");
    var result = document.querySelector(".md-search-result");
    if (!input || !result || input.getAttribute("data-gd-bound")) return;
    input.setAttribute("data-gd-bound", "1");
    var top = el("div", "gd-pf gd-pf-names");
    var bottom = el("div", "gd-pf gd-pf-text");
    top.hidden = bottom.hidden = true;
    result.insertBefore(top, result.firstChild);
    result.appendChild(bottom);
    var list = result.querySelector(".md-search-result__list");
    var shown = {};
    var seq = 0;

    function dedupe() {
      if (!list) return;
      var items = list.querySelectorAll("li.md-search-result__item"), hidden = 0;
      Array.prototype.forEach.call(items, function (li) {
        /* a whole page already listed above is hidden; its sections (#anchor) are more
           precise than the page and stay */
        var links = li.querySelectorAll("a[href]"), kept = 0;
        Array.prototype.forEach.call(links, function (a) {
          var url = new URL(a.getAttribute("href"), location.href);
          var dup = !url.hash && !!shown[url.pathname];
          a.style.display = dup ? "none" : "";
          if (!dup) kept++;
        });
        var dup = links.length > 0 && kept === 0;
        li.style.display = dup ? "none" : "";
        if (dup) hidden++;
      });
      result.classList.toggle("gd-all-dup", items.length > 0 && hidden === items.length);
    }
    if (list && window.MutationObserver) new MutationObserver(dedupe).observe(list, { childList: true });

    function fill(box, head, items, more) {
      box.textContent = "";
      box.hidden = !items.length;
      if (!items.length) return;
      box.appendChild(el("div", "gd-pf-head", head));
      items.forEach(function (d) {
        var a = el("a");
        a.href = d.url;
        a.appendChild(el("span", "t", d.title));
        if (d.meta) a.appendChild(el("span", "m", d.meta));
        box.appendChild(a);
        shown[new URL(d.url, location.href).pathname] = true;
      });
      if (more) box.appendChild(more);
    }

    var run = debounce(function () {
      var q = input.value.trim();
      var mine = ++seq;
      if (q.length < 2) {
        top.hidden = bottom.hidden = true;
        shown = {};
        dedupe();
        return;
      }
      search(q, 3, 24, function (byName) {
        if (mine !== seq) return;
        shown = {};
        fill(top, "名称中含“" + q + "”的机关和地区（" + byName.length + " 个）", byName.slice(0, 6), null);
        dedupe();
      }).then(function (res) {
        if (mine !== seq) return;
        shown = {};
        var text = res.text || { items: [], more: false };
        var more = null;
        if (res.names.length > 6 || text.more || text.items.length > 3) {
          more = el("a", "more", "查看全部结果 →");
          more.href = findUrl(q);
        }
        var texts = text.items.slice(0, 3);
        res.names.slice(0, 6).forEach(function (d) { shown[d.url] = true; });
        if (!texts.length && more && !top.hidden) top.appendChild(more);
        fill(bottom, "报告正文等页面中提到“" + q + "”", texts, more);
        dedupe();
      });
    }, 200);
    input.addEventListener("input", run);
    input.addEventListener("keyup", run);
    input.addEventListener("focus", function () { loadNames(); loadPagefind(); }, { once: true });
  }

  function init() {
    bindHeader();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-gd-search]"), bindForm);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
