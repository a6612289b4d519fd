/* 全文检索: the search page, on Pagefind.
 *
 * Runs the query from the URL on load and again as the reader types. A query that is a
 * document number (any brackets, full-width digits, spaces, with or without 号) is
 * turned into the hidden token the generator puts on that document's page, so the
 * document itself comes first and the documents citing it next; then the full-text
 * results follow. Filters: year, issue, section, organ; sort by relevance or date.
 */

const form = document.getElementById("gz-search-form");
const input = document.getElementById("gz-q");
const results = document.getElementById("search-results");
const status = document.getElementById("gz-search-status");
const selects = {
  year: document.getElementById("gz-year"),
  issue: document.getElementById("gz-issue"),
  section: document.getElementById("gz-section"),
  organ: document.getElementById("gz-organ"),
};
/* 效力状态 is offered only when some document has a status. */
if (document.getElementById("gz-status")) selects.status = document.getElementById("gz-status");
const sortSelect = document.getElementById("gz-sort");

/* The site's base path: this page lives at <base>search/. */
const basePath = new URL("../", window.location.href).pathname;

let generation = 0;
const PAGE = 10;

/* The engine is fetched while the page loads, before the reader types. */
const pagefindReady = (async () => {
  const pf = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
  await pf.options({ baseUrl: basePath, excerptLength: 36 });
  await pf.init();
  return pf;
})();

/* -- document numbers ----------------------------------------------------------------- */

const OPEN = "〔[［(（【﹝";
const CLOSE = "〕]］)）】﹞";
const DOCNUM = new RegExp(
  "^(\\p{Script=Han}{1,12})[" + escapeClass(OPEN) + "](\\d{4})[" + escapeClass(CLOSE) + "](\\d{1,4})号?$",
  "u",
);

function escapeClass(chars) {
  return chars.replace(/[\]\[\\^-]/g, "\\$&");
}

export function parseDocNumber(query) {
  const flat = query
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "");
  const match = flat.match(DOCNUM);
  if (!match) return null;
  return { code: match[1], year: Number(match[2]), serial: Number(match[3]) };
}

/* Hexadecimal written with the letters a-p: Pagefind splits words where letters meet digits. */
function letters(value) {
  return value.toString(16).replace(/[0-9a-f]/g, (d) => String.fromCharCode(97 + parseInt(d, 16)));
}

/* "z" ends the token, so the token of 〔2021〕5号 is not a prefix of another number's. */
export function docNumberToken(number, prefix) {
  const code = Array.from(number.code, (c) => letters(c.codePointAt(0))).join("");
  return `${prefix}${code}x${letters(number.year)}x${letters(number.serial)}z`;
}

/* -- searching ------------------------------------------------------------------------- */

function currentFilters() {
  const filters = {};
  for (const [name, select] of Object.entries(selects)) {
    if (select.value) filters[name] = select.value;
  }
  return filters;
}

function currentSort() {
  return sortSelect.value === "date" ? { date: "desc" } : undefined;
}

export function formatDocNumber(number) {
  return `${number.code}〔${number.year}〕${number.serial}号`;
}

/* Pagefind falls back to similar words when a token is unknown: the results of a token
 * search count only if the first one really carries the number (then the token exists
 * and every result has it). */
async function verified(results, accept) {
  if (!results.length) return [];
  const data = await results[0].data();
  if (!accept(data.meta || {})) return [];
  return [{ result: results[0], data }, ...results.slice(1).map((result) => ({ result }))];
}

async function runSearch(query, filters, sort) {
  const pf = await pagefindReady;
  const options = { filters };
  if (sort) options.sort = sort;
  const ordered = [];
  const seen = new Set();
  const add = (list, reason) => {
    for (const entry of list) {
      if (!seen.has(entry.result.id)) {
        seen.add(entry.result.id);
        ordered.push({ ...entry, reason });
      }
    }
  };
  const number = parseDocNumber(query);
  if (number) {
    const printed = formatDocNumber(number);
    const own = await pf.search(docNumberToken(number, "gzdn"), options);
    add(await verified(own.results, (meta) => meta.docnum === printed), "exact");
    const citing = await pf.search(docNumberToken(number, "gzct"), options);
    add(await verified(citing.results, (meta) => (meta.cites || "").split("|").includes(printed)), "cites");
    /* A document number found: the document and the documents citing it are the answer. */
    if (ordered.length) return ordered;
  }
  add(await textSearch(pf, query, options), "text");
  return ordered;
}

/* The index was cut into words by one segmenter (at build time), the query is cut by the
 * browser's (Intl.Segmenter), and the two can disagree on names: 大武口区 may be 大武|口区
 * in the index and 大|武口|区 in the query, so an exact AND of the query's words misses
 * pages. A query of several words is therefore also searched word by word; pages that
 * contain more of the words come first, then pages matching the whole query, then the
 * sum of Pagefind's scores. Pagefind cuts the whole query with the same segmenter and
 * ANDs the pieces, so when no piece is a single character (those are left out of the
 * words) the whole-query search finds exactly the pages found by every word, and is not
 * run: it is the slowest of the searches. */
const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

function queryWords(query) {
  const words = new Set();
  let dropped = false;
  for (const part of query.split(/\s+/)) {
    if (!part) continue;
    const pieces = segmenter ? [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => s.segment) : [part];
    for (const piece of pieces) {
      if (piece.length >= 2) words.add(piece);
      else dropped = true;
    }
  }
  return { words: [...words], dropped };
}

async function textSearch(pf, query, options) {
  const { words, dropped } = query ? queryWords(query) : { words: [], dropped: false };
  if (words.length < 2) return (await pf.search(query || null, options)).results.map((result) => ({ result }));
  const terms = dropped ? [...words, query] : words;
  const searches = await Promise.all(terms.map((term) => pf.search(term, options)));
  const pages = new Map();
  const note = (result, field) => {
    const entry = pages.get(result.id) || { result, words: 0, whole: 0, score: 0 };
    entry[field] += 1;
    entry.score += result.score;
    pages.set(result.id, entry);
  };
  searches.slice(0, words.length).forEach((search) => search.results.forEach((result) => note(result, "words")));
  /* Without the whole-query search, a page with every word is the whole-query match. */
  if (dropped) searches[words.length].results.forEach((result) => note(result, "whole"));
  const needed = Math.ceil(words.length / 2);
  const ranked = [...pages.values()]
    .filter((entry) => entry.whole || entry.words >= needed)
    .sort((a, b) => b.words - a.words || b.whole - a.whole || b.score - a.score)
    .map(({ result }) => ({ result }));
  return titleFirst(ranked, query, words);
}

/* Among the first results (whose text is fetched for display anyway), a page whose title
 * holds the whole query, or more of its words, comes first. Long queries look deeper:
 * they are usually a title copied from somewhere. */
async function titleFirst(ranked, query, words) {
  const depth = words.length >= 4 ? 2 * PAGE : PAGE;
  const head = ranked.slice(0, depth);
  await Promise.all(head.map(async (entry) => { entry.data = await entry.result.data(); }));
  const flat = query.replace(/\s+/g, "");
  const inTitle = (entry) => {
    const title = (entry.data.meta.title || "").replace(/\s+/g, "");
    return (title.includes(flat) ? words.length + 1 : 0) + words.filter((word) => title.includes(word)).length;
  };
  head.sort((a, b) => inTitle(b) - inTitle(a));
  return [...head, ...ranked.slice(depth)];
}

/* -- rendering ------------------------------------------------------------------------- */

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function html(tag, attrs, markup) {
  const node = element(tag, attrs);
  node.innerHTML = markup; /* Pagefind excerpts: text with <mark> only */
  return node;
}

/* The part of a page (a chronicle day) where the query words occur most. */
function bestSubResult(data) {
  const subs = (data.sub_results || []).filter((sub) => sub.url !== data.url && sub.url.includes("#"));
  let best = null;
  for (const sub of subs) {
    if (!best || (sub.locations || []).length > (best.locations || []).length) best = sub;
  }
  return best;
}

function renderResult(data, reason) {
  const meta = data.meta || {};
  const sub = bestSubResult(data);
  const isChronicle = data.url.includes("/chronicle/");
  const href = isChronicle && sub ? sub.url : data.url;
  const title = meta.title || data.url;
  const item = element("article", { class: "gz-result", "data-url": data.url });
  item.append(element("h2", { class: "gz-result__title" }, element("a", { href }, isChronicle && sub ? `${title} · ${sub.title}` : title)));
  const line = element("p", { class: "gz-item__meta" });
  if (meta.docnum) line.append(element("span", { class: "gz-docnum" }, meta.docnum));
  if (meta.date) line.append(element("span", {}, formatDate(meta.date)));
  if (meta.issue) line.append(element("span", {}, meta.issue));
  if (reason === "exact") line.append(element("span", { class: "gz-result__why" }, "文号完全匹配"));
  if (reason === "cites") line.append(element("span", { class: "gz-result__why" }, "正文引用此文号"));
  item.append(line);
  item.append(html("p", { class: "gz-result__excerpt" }, (sub && isChronicle ? sub.excerpt : data.excerpt) || ""));
  return item;
}

function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

async function show(query) {
  const mine = ++generation;
  results.removeAttribute("data-query");
  const filters = currentFilters();
  const sort = currentSort();
  if (!query && !Object.keys(filters).length) {
    results.replaceChildren();
    status.textContent = "输入检索词，或选择筛选条件。";
    return;
  }
  status.textContent = "正在检索…";
  performance.mark("gz-search-start");
  const found = await runSearch(query, filters, sort);
  performance.mark("gz-search-found");
  if (mine !== generation) return;
  results.replaceChildren();
  if (!found.length) {
    status.textContent = `没有找到与“${query}”相关的文件。`;
    results.setAttribute("data-query", query);
    return;
  }
  await renderMore(found, 0, mine);
  results.setAttribute("data-query", query);
  performance.mark("gz-search-shown");
}

/* Results arrive in pages of ten: each result's text is fetched only when it is shown. */
async function renderMore(found, start, mine) {
  const page = found.slice(start, start + PAGE);
  /* All ten are fetched at once; each is shown as soon as it and those before it are in. */
  const pending = page.map((entry) => (entry.data ? Promise.resolve(entry.data) : entry.result.data()));
  results.querySelector(".gz-more")?.remove();
  for (const [i, promise] of pending.entries()) {
    const data = await promise;
    if (mine !== generation) return;
    results.append(renderResult(data, page[i].reason));
    if (i === 0 && start === 0) performance.mark("gz-first-result");
  }
  const shown = start + page.length;
  status.textContent = `找到 ${found.length} 条结果${found.length > shown ? `，显示前 ${shown} 条` : ""}。`;
  if (found.length > shown) {
    const more = element("button", { type: "button", class: "gz-more" }, `显示更多结果（还有 ${found.length - shown} 条）`);
    more.addEventListener("click", () => renderMore(found, shown, mine));
    results.append(more);
  }
}

/* -- wiring ---------------------------------------------------------------------------- */

function syncUrl(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(currentFilters())) params.set(name, value);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  const next = params.toString();
  history.replaceState(null, "", next ? `?${next}` : window.location.pathname);
}

let timer = null;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const query = input.value.trim();
    syncUrl(query);
    show(query);
  }, 100);
}

function start() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const [name, select] of Object.entries(selects)) select.value = params.get(name) || "";
  sortSelect.value = params.get("sort") || "";
  for (const type of ["input", "keyup", "compositionend"]) input.addEventListener(type, schedule);
  for (const select of [...Object.values(selects), sortSelect]) select.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    schedule();
  });
  show(input.value.trim());
}

start();
