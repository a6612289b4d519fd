/* 全文检索: the search page, on Pagefind.
 *
 * Runs the query from the URL on load and again as the reader types. A query that is a
 * document number (any brackets, full-width digits, spaces, with or without 号) is
 * turned into the hidden token the generator puts on that document's page, so the
 * document itself comes first and the documents citing it next; then the full-text
 * results follow. Filters: year, issue, section, organ; sort by relevance or date.
 */

/* The page's elements, found once the page is parsed (see start). */
let form;
let input;
let results;
let status;
let selects;
let sortSelect;
const FILTERS = ["year", "issue", "section", "organ", "status"];

function findElements() {
  form = document.getElementById("gz-search-form");
  input = document.getElementById("gz-q");
  results = document.getElementById("search-results");
  status = document.getElementById("gz-search-status");
  selects = {};
  /* 效力状态 is offered only when some document has a status. */
  for (const name of FILTERS) {
    const select = document.getElementById(`gz-${name}`);
    if (select) selects[name] = select;
  }
  sortSelect = document.getElementById("gz-sort");
}

/* The site's base path: this page lives at <base>search/. */
const basePath = new URL("../", window.location.href).pathname;

let generation = 0;
const PAGE = 10;

/* The engine: the phrase index (generator/search/phrases.py), started by a script at the
 * top of the page's content (templates/_search_engine.j2), which fetches the address's
 * query's part of the index while the page loads. Pagefind answers what it cannot (a lone
 * Han character, as in 第5号) and is loaded only then. */
const phrases = window.gzPhrases;
let pagefindLoading = null;

function pagefind() {
  if (!pagefindLoading) {
    pagefindLoading = import(`${basePath}pagefind/pagefind.js`).then(async (pf) => {
      await pf.options({ baseUrl: basePath, excerptLength: 36 });
      await pf.init();
      return pf;
    });
    pagefindLoading.catch(() => { pagefindLoading = null; });
  }
  return pagefindLoading;
}

/* Results of the phrase index, or null when it cannot answer (or could not be loaded). */
async function phraseSearch(query, options) {
  if (!phrases) return null;
  try {
    return await phrases.search(query, options);
  } catch (error) {
    console.warn("phrase index:", error.message);
    return null;
  }
}

/* { results } from the phrase index, else from Pagefind. */
async function find(term, options) {
  const results = await phraseSearch(term, options);
  if (results) return { results };
  return (await pagefind()).search(term, options);
}

/* -- document numbers ----------------------------------------------------------------- */

const OPEN = "〔[［(（【﹝";
const CLOSE = "〕]］)）】﹞";
/* 石大政办发〔2021〕5号 in every spelling readers type: any brackets, or none before 年
 * (石大政办发2021年5号), 第5号, without 号, full-width digits, spaces. */
const DOCNUM = new RegExp(
  "^(\\p{Script=Han}{1,12}?)(?:[" + escapeClass(OPEN) + "](\\d{4})[" + escapeClass(CLOSE) + "]|(\\d{4})年)" +
    "第?(\\d{1,4})号?$",
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
  return { code: match[1], year: Number(match[2] || match[3]), serial: Number(match[4]) };
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
    const own = await find(docNumberToken(number, "gzdn"), options);
    add(await verified(own.results, (meta) => meta.docnum === printed), "exact");
    const citing = await find(docNumberToken(number, "gzct"), options);
    add(await verified(citing.results, (meta) => (meta.cites || "").split("|").includes(printed)), "cites");
    /* A document number found: the document and the documents citing it are the answer. */
    if (ordered.length) return ordered;
  }
  add(await textSearch(query, options), "text");
  return ordered;
}

/* What the phrase index cannot answer (a lone Han character, as in 第5号 or 3月) is searched
 * in Pagefind's word index. That index was cut into words by one segmenter (at build time), the query is cut by the
 * browser's (Intl.Segmenter), and the two can disagree on names: 大武口区 may be 大武|口区
 * in the index and 大|武口|区 in the query, so an exact AND of the query's words misses
 * pages. A query of several words is therefore also searched word by word; pages that
 * contain more of the words come first, then pages matching the whole query, then the
 * sum of Pagefind's scores. Pagefind cuts the whole query with the same segmenter and
 * ANDs the pieces, so when no piece is a single character (those are left out of the
 * words) the whole-query search finds exactly the pages found by every word, and is not
 * run: it is the slowest of the searches. */
let wordSegmenter;

/* Made when first needed: making it loads the browser's Chinese dictionary (tens of ms). */
function segmenter() {
  if (wordSegmenter === undefined) {
    wordSegmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  }
  return wordSegmenter;
}

function queryWords(query) {
  const words = new Set();
  let dropped = false;
  for (const part of query.split(/\s+/)) {
    if (!part) continue;
    const cut = segmenter();
    const pieces = cut ? [...cut.segment(part)].filter((s) => s.isWordLike).map((s) => s.segment) : [part];
    for (const piece of pieces) {
      if (piece.length >= 2) words.add(piece);
      else dropped = true;
    }
  }
  return { words: [...words], dropped };
}

async function textSearch(query, options) {
  const found = await phraseSearch(query, options);
  if (found) return found.map((result) => ({ result }));
  const pf = await pagefind();
  if (!query) return (await pf.search(null, options)).results.map((result) => ({ result }));
  const { words, dropped } = queryWords(query);
  const pages = new Map();
  const note = (result, field) => {
    const entry = pages.get(result.id) || { result, phrase: 0, words: 0, whole: 0, score: 0 };
    entry[field] += 1;
    entry.score += result.score;
    pages.set(result.id, entry);
  };
  const variants = phraseVariants(query);
  const wordTerms = words.length >= 2 ? (dropped ? [...words, query] : words) : [];
  const searches = await Promise.all([...variants, ...wordTerms].map((term) => pf.search(term, options)));
  searches.slice(0, variants.length).forEach((search) => search.results.forEach((result) => note(result, "phrase")));
  const byWord = searches.slice(variants.length);
  byWord.slice(0, words.length).forEach((search) => search.results.forEach((result) => note(result, "words")));
  /* Without the whole-query search, a page with every word is the whole-query match. */
  if (dropped && byWord.length > words.length) byWord[words.length].results.forEach((result) => note(result, "whole"));
  const needed = Math.ceil(words.length / 2);
  const ranked = [...pages.values()]
    .filter((entry) => entry.phrase || entry.whole || entry.words >= needed)
    .sort((a, b) => b.phrase - a.phrase || b.words - a.words || b.whole - a.whole || b.score - a.score)
    .map(({ result }) => ({ result }));
  if (options.sort) return inSortOrder(pf, ranked, options);
  return phraseFirst(ranked, query, words);
}

/* Sorted by date: the pages found, in the order of every page sorted by date. */
async function inSortOrder(pf, ranked, options) {
  const all = await pf.search(null, options);
  const position = new Map(all.results.map((result, index) => [result.id, index]));
  return ranked.sort((a, b) => (position.get(a.result.id) ?? Infinity) - (position.get(b.result.id) ?? Infinity));
}

/* Pagefind finds a page when every piece of the query begins a word of the page's index.
 * The index was cut into words at build time and the query is cut by the browser, so a
 * phrase whose first characters end a longer indexed word (欠 of 清欠, 区 of 大武口区), or
 * whose single characters the browser splits off, can find nothing as typed. A Chinese
 * phrase is therefore also searched with its single characters run together, and without
 * its first one or two characters: each page that contains the phrase is found by one of
 * these, and phraseFirst then puts the pages that really contain it first. */
function phraseVariants(query) {
  const phrase = query.replace(/\s+/g, "");
  const variants = [query];
  if (!segmenter() || !/^\p{Script=Han}{2,}$/u.test(phrase)) return variants;
  const add = (variant) => {
    if (variant && !variants.includes(variant)) variants.push(variant);
  };
  for (let drop = 0; drop <= 2 && phrase.length - drop >= 2; drop++) {
    const rest = phrase.slice(drop);
    add(rest);
    add(joinSingles(rest));
  }
  return variants;
}

/* 清|欠|工作 → "清欠 工作": single characters the browser split off, run together. */
function joinSingles(text) {
  const pieces = [];
  for (const { segment } of segmenter().segment(text)) {
    const last = pieces.length - 1;
    if (last >= 0 && segment.length === 1 && pieces[last].single) pieces[last].text += segment;
    else pieces.push({ text: segment, single: segment.length === 1 });
  }
  return pieces.map((piece) => piece.text).join(" ");
}

/* Among the first results (whose text is fetched for display anyway), pages that contain
 * the query as typed come first: a title that holds it, then more occurrences; then pages
 * whose title holds more of its words. Long queries look deeper: they are usually a title
 * copied from somewhere. */
async function phraseFirst(ranked, query, words, depth = words.length >= 4 ? 2 * PAGE : PAGE + PAGE / 2) {
  const head = ranked.slice(0, depth);
  await Promise.all(head.map(async (entry) => { entry.data = await entry.result.data(); }));
  const flat = query.replace(/\s+/g, "");
  const rank = (entry) => {
    const title = (entry.data.meta.title || "").replace(/\s+/g, "");
    const text = pageText(entry.data.content || "", entry.data.meta.title).replace(/\s+/g, "");
    const count = flat ? text.split(flat).length - 1 + (title.includes(flat) ? 1 : 0) : 0;
    return { found: count > 0, title: title.includes(flat), count, words: words.filter((w) => title.includes(w)).length };
  };
  const ranks = new Map(head.map((entry) => [entry, rank(entry)]));
  const order = new Map(head.map((entry, index) => [entry, index]));
  head.sort((a, b) => {
    const x = ranks.get(a);
    const y = ranks.get(b);
    return y.found - x.found || y.title - x.title || y.count - x.count || y.words - x.words || order.get(a) - order.get(b);
  });
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

/* -- excerpts ---------------------------------------------------------------------------- */

/* Pagefind keeps each page's text with U+200B between the words it cut and ". " between
 * blocks, and its own excerpts can land on the hidden document-number tokens. The excerpt
 * is therefore cut here from the page's text: tokens out, blocks joined as printed, the
 * query highlighted as one span where it occurs as one, "…" where the text is cut. */
const TOKEN = /\bgz(?:dn|ct)[a-p]+x[a-p]+x[a-p]+z\b/g;
const CJK_END = /[。！？；：，、）》”」』】〕]$/;
const EXCERPT_BEFORE = 20;
const EXCERPT_LENGTH = 72;

export function pageText(content, title) {
  const blocks = content.replace(TOKEN, "").replace(/\u200b/g, "").split(/\.\s+|\.$/);
  let text = "";
  for (const raw of blocks) {
    const block = raw.trim();
    if (!block) continue;
    text += text && !CJK_END.test(text) ? `　${block}` : block;
  }
  const flatTitle = (title || "").replace(/\s+/g, "");
  return flatTitle && text.replace(/\s+/g, "").startsWith(flatTitle) ? text.slice(skipTitle(text, flatTitle)).trimStart() : text;
}

function skipTitle(text, flatTitle) {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text[i])) seen += 1;
    if (seen === flatTitle.length) return i + 1;
  }
  return 0;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/* Where the query occurs as one piece, else where most of its words are. */
export function makeExcerpt(text, query, words) {
  const phrase = query.replace(/\s+/g, "");
  const lower = text.toLowerCase();
  const terms = phrase && lower.includes(phrase.toLowerCase()) ? [phrase] : words.filter((w) => lower.includes(w.toLowerCase()));
  const first = terms.length ? Math.min(...terms.map((term) => lower.indexOf(term.toLowerCase()))) : 0;
  let start = Math.max(0, first - EXCERPT_BEFORE);
  const sentence = Math.max(text.lastIndexOf("。", first), text.lastIndexOf("；", first));
  if (sentence >= start && sentence < first) start = sentence + 1;
  const end = Math.min(text.length, start + EXCERPT_LENGTH);
  let piece = text.slice(start, end).replace(/^[，、。；：\s]+/, "");
  let markup = escapeHtml(piece);
  if (terms.length) {
    const pattern = new RegExp(terms.map((t) => escapeHtml(t).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
    markup = markup.replace(pattern, (found) => `<mark>${found}</mark>`);
  }
  return (start > 0 ? "…" : "") + markup + (end < text.length ? "…" : "");
}

/* The words of the query to mark where it does not occur as one: its pieces, and the
 * character pairs and words the index found them by. */
function excerptWords(query) {
  const words = new Set();
  for (const piece of query.split(/\s+/)) {
    if (!piece) continue;
    words.add(piece);
    for (const want of (phrases && phrases.plan(piece)) || []) words.add(want.token);
  }
  return [...words];
}

/* The chronicle day a result is about: the one Pagefind names, else the day whose
 * heading comes last before the first place the query occurs. */
function chronicleDay(data, text, query) {
  const best = bestSubResult(data);
  if (best) return best;
  const lower = text.toLowerCase();
  const hits = excerptWords(query).map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  if (!hits.length) return null;
  const hit = Math.min(...hits);
  let day = null;
  for (const anchor of data.anchors || []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(anchor.id)) continue;
    const at = text.indexOf(anchor.text);
    if (at >= 0 && at <= hit && (!day || at >= day.at)) day = { at, url: `${data.url}#${anchor.id}`, title: anchor.text };
  }
  return day;
}

function renderResult(data, reason, query, partial) {
  const meta = data.meta || {};
  const isChronicle = data.url.includes("/chronicle/");
  const text = pageText(data.content || "", meta.title);
  const sub = isChronicle ? chronicleDay(data, text, query || "") : null;
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
  if (partial) line.append(element("span", { class: "gz-result__why" }, "只含部分检索词"));
  item.append(line);
  const source = sub ? chronicleDayText(text, data, sub) : text;
  item.append(html("p", { class: "gz-result__excerpt" }, query ? makeExcerpt(source, query, excerptWords(query)) : ""));
  return item;
}

/* The text of one chronicle day: from its heading to the next day's. */
function chronicleDayText(text, data, sub) {
  const days = (data.anchors || []).filter((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.id));
  const mine = days.find((a) => sub.url.endsWith(`#${a.id}`));
  const from = mine ? text.indexOf(mine.text) : -1;
  if (from < 0) return text;
  const after = from + mine.text.length;
  const next = days.map((a) => text.indexOf(a.text, after)).filter((i) => i >= 0);
  return text.slice(after, next.length ? Math.min(...next) : text.length);
}

function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const QUERY_LIMIT = 100;
let currentQuery = "";

async function show(rawQuery) {
  const mine = ++generation;
  /* A pasted paragraph is cut to its start; a query of punctuation alone is no query. */
  const query = rawQuery.slice(0, QUERY_LIMIT);
  currentQuery = query;
  if (query && !/[\p{L}\p{N}]/u.test(query)) {
    results.replaceChildren();
    results.setAttribute("data-query", query);
    status.textContent = "请输入文字、人名或文号。";
    return;
  }
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
  const key = searchKey(query, filters, sort);
  const pending = early && early.key === key ? early.found : runSearch(query, filters, sort);
  early = null;
  let found;
  try {
    found = await pending;
  } catch (error) {
    if (mine !== generation) return;
    results.replaceChildren();
    status.textContent = "全文检索暂时无法使用（检索索引未能加载），请稍后再试。";
    throw error;
  }
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

/* Results arrive in pages of ten: each result's text is fetched only when it is shown. The
 * first result's text is fetched alone, so it is on screen as soon as it can be; the
 * others are then fetched together, each shown as soon as it and those before it are in.
 * Results whose text is in already (fetched to rank them) are shown at once. */
async function renderMore(found, start, mine) {
  const page = found.slice(start, start + PAGE);
  results.querySelector(".gz-more")?.remove();
  const text = (entry) => (entry.data ? Promise.resolve(entry.data) : entry.result.data());
  let pending = [];
  for (let i = 0; i < page.length; i++) {
    if (i === 1) pending = page.slice(1).map(text);
    const data = i === 0 ? await text(page[0]) : await pending[i - 1];
    if (mine !== generation) return;
    results.append(renderResult(data, page[i].reason, currentQuery, page[i].result.partial));
    if (i === 0 && start === 0) performance.mark("gz-first-result");
  }
  const shown = start + page.length;
  const partial = found.filter((entry) => entry.result.partial).length;
  const apart = partial ? `（其中 ${partial} 条只含部分检索词）` : "";
  status.textContent = `找到 ${found.length} 条结果${apart}${found.length > shown ? `，显示前 ${shown} 条` : ""}。`;
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

/* The query in the address is searched as soon as this script runs, while the page is
 * still being read and the theme's own scripts run: the engine works in its own thread
 * (Pagefind's web worker), so the results are ready about when the page is. */
function searchFromAddress() {
  const params = new URLSearchParams(window.location.search);
  const query = (params.get("q") || "").trim().slice(0, QUERY_LIMIT);
  if (!query || !/[\p{L}\p{N}]/u.test(query)) return null;
  const filters = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  const sort = params.get("sort") === "date" ? { date: "desc" } : undefined;
  const found = runSearch(query, filters, sort);
  found.catch(() => {}); /* reported by show(), if the page still wants these results */
  return { key: searchKey(query, filters, sort), found };
}

/* The page uses the early search's results only for the same query, filters and sort: a
 * filter value the page does not offer is dropped by its select, and searched again. */
function searchKey(query, filters, sort) {
  return JSON.stringify([query, Object.entries(filters).sort(), sort || null]);
}

function start() {
  findElements();
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

let early = searchFromAddress();
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
