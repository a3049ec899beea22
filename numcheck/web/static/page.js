// numcheck desk: what the page shows. The server renders and escapes every panel; this module
// puts that HTML in place, marks the rows and figures a check names, and leads from a claim to
// its figure in the article and back. Any other text it sets goes in as plain text.
"use strict";

export const $ = (sel, root) => (root || document).querySelector(sel);
export const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

export const state = {
  text: null,        // the claims file as the page holds it (the bytes a save writes)
  name: "claims.yaml",
  article: "",       // the article's text
  marks: {},         // claim id -> [start, end] of its figure in the article
  edited: false,     // changed since opened or saved
  home: null,        // the file of the served folder the text was opened from or saved to
  busy: 0,
};

// ---- talking to the server -------------------------------------------------------------

export function status(message, bad) {
  const el = $("#status");
  el.textContent = message || "";
  el.classList.toggle("bad", Boolean(bad));
}

export async function post(url, body) {
  const init = { method: "POST", headers: {} };
  if (body instanceof FormData) {
    init.body = body;
  } else {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  state.busy += 1;
  document.body.classList.add("busy");
  try {
    const response = await fetch(url, init);
    let data = {};
    try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
    if (!response.ok) {
      const error = new Error(data.error || ("request refused (" + response.status + ")"));
      error.status = response.status;
      throw error;
    }
    return data;
  } finally {
    state.busy -= 1;
    if (!state.busy) document.body.classList.remove("busy");
  }
}

// ---- showing what the server sent ---------------------------------------------------------

function focusKey(el) {
  // Where the focus is, in terms that survive a re-render: the row or item, and the field.
  const holder = el.closest("[data-claim],[data-quantity],[data-source]");
  if (!holder) return null;
  const attr = ["claim", "quantity", "source"].find((a) => holder.dataset[a] !== undefined);
  const field = el.name ? '[name="' + el.name + '"]' : el.classList.length ? "." + el.classList[0] : null;
  return field ? "[data-" + attr + '="' + CSS.escape(holder.dataset[attr]) + '"] ' + field : null;
}

function replace(el, html, keepFocus) {
  if (html === undefined) return;
  const active = document.activeElement;
  const inside = active && active !== document.body && el.contains(active);
  if (keepFocus && inside) return;
  const key = inside ? focusKey(active) : null;
  el.innerHTML = html;  // rendered and escaped by the server's templates
  const again = key ? el.querySelector(key) : null;
  if (again) again.focus({ preventScroll: true });
}

export function show(data, typedIn) {
  if (typeof data.text === "string") {
    state.text = data.text;
    const yaml = $("#yaml");
    if ($("#yaml-box").open && document.activeElement !== yaml) yaml.value = data.text;
  }
  replace($("#claims"), data.claims_html, typedIn === "claims");
  replace($("#side"), data.side_html, typedIn === "side");
  replace($("#result"), data.result_html, false);
  const pill = $("#verdict-pill");
  const verdict = data.verdict || "none";
  pill.className = "pill " + verdict;
  pill.textContent = {
    consistent: "consistent", inconsistent: "inconsistent", unknown: "unknown", error: "does not load",
  }[verdict] || "no claims yet";
  markProblems(data.problems || []);
  paintArticle();
  if (data.parsed === false && !$("#yaml-box").open) $("#yaml-box").open = true;  // the text is all there is
}

function markProblems(problems) {
  $$("#claims tr[data-claim]").forEach((row) => {
    row.classList.remove("bad", "warned");
    const msg = $(".row-msg", row);
    if (msg) msg.textContent = "";
  });
  problems.forEach((p) => {
    if (!p.claim) return;
    const row = $('#claims tr[data-claim="' + CSS.escape(p.claim) + '"]');
    if (!row) return;
    row.classList.add(p.warning ? "warned" : "bad");
    const msg = $(".row-msg", row);
    if (msg && !p.warning) msg.textContent = p.text;
  });
}

function conflictClaims() {
  const ids = new Set();
  $$("#result .conflict").forEach((c) => (c.dataset.claims || "").split(" ").forEach((id) => id && ids.add(id)));
  return ids;
}

function markFor(id) {
  // The figure a claim was drafted from; else the figure its quote starts in.
  const known = state.marks[id];
  const marks = $$("#article mark.fig[data-start]");
  let at = known ? known[0] : -1;
  if (at < 0) {
    const row = $('#claims tr[data-claim="' + CSS.escape(id) + '"]');
    const quote = row ? $('input[name="quote"]', row).value.trim() : "";
    at = quote && state.article ? state.article.indexOf(quote) : -1;
    if (at < 0) return null;
    const end = at + quote.length;
    return marks.find((m) => {
      const start = Number(m.dataset.start);
      return start >= at && start < end;
    }) || null;
  }
  return marks.find((m) => Number(m.dataset.start) === at) || null;
}

function paintArticle() {
  const inConflict = conflictClaims();
  $$("#article mark.fig[data-m]").forEach((m) => m.classList.remove("confirmed", "conflict"));
  $$("#claims tr[data-claim]").forEach((row) => {
    const mark = markFor(row.dataset.claim);
    if (!mark) return;
    if ($(".confirm", row).checked) mark.classList.add("confirmed");
    if (inConflict.has(row.dataset.claim)) mark.classList.add("conflict");
    mark.dataset.claim = row.dataset.claim;
  });
}

export function showClaim(id) {
  $$(".current").forEach((el) => el.classList.remove("current"));
  const row = $('#claims tr[data-claim="' + CSS.escape(id) + '"]');
  if (row) row.classList.add("current");
  const mark = markFor(id);
  if (mark) {
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    status("");
  } else if (row) {
    row.scrollIntoView({ block: "center" });
    status("claim " + id + " has no figure in the article; its row is marked");
  }
}

export function showRow(id) {
  // From a figure in the article (or an error) to its claim's row, ready to edit.
  const row = $('#claims tr[data-claim="' + CSS.escape(id) + '"]');
  if (!row) return;
  $$(".current").forEach((el) => el.classList.remove("current"));
  row.classList.add("current");
  row.scrollIntoView({ block: "center" });
  const value = $("input[name=value]", row);
  if (value) value.focus({ preventScroll: true });
}

export function showLine(n) {
  const box = $("#yaml-box");
  const yaml = $("#yaml");
  box.open = true;
  const lines = yaml.value.split("\n");
  const start = lines.slice(0, n - 1).join("\n").length + (n > 1 ? 1 : 0);
  yaml.focus();
  yaml.setSelectionRange(start, start + (lines[n - 1] || "").length);
  const height = yaml.scrollHeight / Math.max(lines.length, 1);
  yaml.scrollTop = Math.max(0, (n - 4) * height);
}
