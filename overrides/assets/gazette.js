/* 大武口区人民政府公报: small behaviours shared by every page. */
(function () {
  "use strict";

  /* Quick find (header search): keep the "search the full text" link in step with the query. */
  function syncFulltextLink() {
    var input = document.querySelector(".md-search__input");
    var link = document.querySelector(".gz-fulltext-link");
    if (!input || !link) return;
    var update = function () {
      var q = input.value.trim();
      var base = link.getAttribute("data-base");
      link.href = q ? base + "?q=" + encodeURIComponent(q) : base;
      link.textContent = q ? "在全文检索中查找“" + q + "”" : "在全文检索中查找";
    };
    ["input", "keyup", "change", "compositionend", "focus"].forEach(function (type) {
      input.addEventListener(type, update);
    });
    update();
  }

  /* Quick find lists every page that has any word of the query, the others struck through
   * with "缺少: …". When some pages have every word (a document number typed in full), only
   * those are shown. */
  function showCompleteMatchesOnly() {
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!list || !meta) return;
    var update = function () {
      var items = Array.prototype.slice.call(list.children);
      var complete = items.filter(function (item) { return !item.querySelector(".md-search-result__terms"); });
      if (!complete.length || complete.length === items.length) return;
      items.forEach(function (item) { item.hidden = complete.indexOf(item) < 0; });
      var text = complete.length === 1 ? "找到 1 个完全匹配的结果" : "找到 " + complete.length + " 个完全匹配的结果";
      if (meta.textContent !== text) meta.textContent = text;
    };
    new MutationObserver(update).observe(list, { childList: true });
  }

  /* Copy buttons (citation lines). */
  function setupCopy() {
    document.querySelectorAll("button.gz-copy[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        var text = source.textContent.trim();
        var done = function () {
          button.textContent = "已复制";
          setTimeout(function () { button.textContent = "复制"; }, 2000);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, function () {});
        } else {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
      });
    });
  }

  /* Reading options: 大字 and 高对比度, one class each on <html>, remembered in localStorage
     (main.html applies them before the first paint). */
  function setupPrefs() {
    var root = document.documentElement;
    document.querySelectorAll("button.gz-pref[data-gz-pref]").forEach(function (button) {
      var name = "gz-" + button.getAttribute("data-gz-pref");
      var show = function () {
        button.setAttribute("aria-pressed", root.classList.contains(name) ? "true" : "false");
      };
      button.addEventListener("click", function () {
        var on = root.classList.toggle(name);
        try {
          if (on) localStorage.setItem(name, "1"); else localStorage.removeItem(name);
        } catch (e) { /* private mode: the choice lasts for this page only */ }
        show();
        markWideTables();
      });
      show();
    });
  }

  /* Light or dark (the button in the header): the reader's choice, remembered in
     localStorage; without one, the system's, followed when it changes. The script in
     partials/javascripts/palette.html applies it before the first paint. */
  function setupScheme() {
    var button = document.querySelector("button.gz-scheme");
    if (!button) return;
    var light = button.getAttribute("data-gz-light");
    var dark = button.getAttribute("data-gz-dark");
    var body = document.body;
    var show = function () {
      var on = body.getAttribute("data-md-color-scheme") === dark;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    };
    var stored = function () {
      try { return localStorage.getItem("gz-scheme"); } catch (e) { return null; }
    };
    button.addEventListener("click", function () {
      var next = body.getAttribute("data-md-color-scheme") === dark ? light : dark;
      body.setAttribute("data-md-color-scheme", next);
      try { localStorage.setItem("gz-scheme", next); } catch (e) { /* this page only */ }
      show();
    });
    var system = window.matchMedia("(prefers-color-scheme: dark)");
    system.addEventListener("change", function () {
      var choice = stored();
      if (choice === light || choice === dark) return;
      body.setAttribute("data-md-color-scheme", system.matches ? dark : light);
      show();
    });
    show();
  }

  /* Tables wider than their box say that they scroll sideways. */
  function markWide(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var hint = box.previousElementSibling;
    var has = hint && hint.classList.contains("gz-table-hint");
    if (wide && !has) {
      hint = document.createElement("p");
      hint.className = "gz-table-hint";
      hint.textContent = "表格较宽，可左右滑动查看全部各列 →";
      box.parentNode.insertBefore(hint, box);
    } else if (!wide && has) {
      hint.remove();
    }
  }

  function markWideTables() {
    document.querySelectorAll(".gz-table").forEach(markWide);
  }

  /* Each box is measured after the browser has laid it out (a ResizeObserver: first when
     the page is shown, then whenever its width changes), never by forcing a layout of the
     whole page while it loads. Boxes further down are laid out only when they come near the
     screen (content-visibility), and are measured then. */
  function watchWideTables() {
    var boxes = document.querySelectorAll(".gz-table");
    if (!boxes.length) return;
    var measure = function (entries) {
      entries.forEach(function (entry) { markWide(entry.target); });
    };
    if (typeof ResizeObserver === "function") {
      var observer = new ResizeObserver(measure);
      boxes.forEach(function (box) { observer.observe(box); });
    } else {
      markWideTables();
    }
    boxes.forEach(function (box) {
      box.addEventListener("contentvisibilityautostatechange", function (event) {
        if (!event.skipped) markWide(box);
      });
    });
  }

  function start() {
    syncFulltextLink();
    showCompleteMatchesOnly();
    setupCopy();
    setupPrefs();
    setupScheme();
    watchWideTables();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
