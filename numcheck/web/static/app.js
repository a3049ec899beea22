// numcheck desk: the page's own small script (no framework, no build step).
//
// The page holds one claims file as text (state.text). Every change is sent to the server as
// an edit operation with that text; the server answers with the new text and the panels to
// show, rendered and escaped there. This script inserts only that server HTML, and sets any
// other text with textContent. Edits go out one request at a time, in order; typing in a cell
// is sent after a short pause, so the check follows the typing within a second.
"use strict";

(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  const state = {
    text: null,        // the claims file as the page holds it (the bytes a save writes)
    name: "claims.yaml",
    article: "",       // the article's text
    marks: {},         // claim id -> [start, end] of its figure in the article
    edited: false,     // changed since opened or saved
    busy: 0,
  };

  // ---- talking to the server -------------------------------------------------------------

  function status(message, bad) {
    const el = $("#status");
    el.textContent = message || "";
    el.classList.toggle("bad", Boolean(bad));
  }

  async function post(url, body) {
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

  function show(data, typedIn) {
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

  function showClaim(id) {
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

  // ---- edits: one request at a time, in order --------------------------------------------

  const pending = new Map();
  let timer = null;
  let sending = false;
  let serial = 0;

  function edit(op, key, delay, typedIn) {
    if (state.text === null) return;
    pending.set(key || ("op" + (serial += 1)), { op: op, typedIn: typedIn });
    clearTimeout(timer);
    timer = setTimeout(flush, delay || 0);
  }

  async function flush() {
    if (sending || !pending.size) return;
    const items = Array.from(pending.values());
    pending.clear();
    sending = true;
    const typedIn = items.every((i) => i.typedIn === items[0].typedIn) ? items[0].typedIn : null;
    try {
      // Typing in a panel keeps that panel as it is; a claim's value, date, quote or tick
      // changes nothing in the quantities and sources either.
      const cells = items.every((i) => i.op.op === "set" && i.op.field !== "quantity" && i.op.field !== "source");
      const skip = typedIn === "claims" ? (cells ? ["claims", "side"] : ["claims"]) : typedIn === "side" ? ["side"] : [];
      const data = await post("/api/edit", { text: state.text, name: state.name, ops: items.map((i) => i.op), skip: skip });
      state.edited = true;
      show(data, typedIn);
    } catch (error) {
      status(error.message, true);
    } finally {
      sending = false;
      if (pending.size) flush();
    }
  }

  // ---- opening, saving ----------------------------------------------------------------------

  function opened(data, name) {
    state.name = name || data.name || state.name;
    $("#save-name").value = state.name;
    state.edited = false;
    show(data);
  }

  async function findFigures(form) {
    const body = new FormData(form);
    const file = $("#article-file").files[0];
    if (!file) body.delete("file");
    return post("/api/article", body);
  }

  function articleShown(data) {
    state.article = data.article;
    state.marks = data.marks || {};
    $("#article").innerHTML = data.article_html;  // rendered and escaped by the server
    $("#article-box").open = false;
    opened(data, data.name);
    status(data.figures + " figures found; confirm them, name the quantities, join duplicates");
  }

  async function openFromFolder(name) {
    const body = new FormData();
    body.append("name", name);
    if (/\.(txt|md)$/i.test(name)) {
      $$("#article-form input[name=packs]:checked").forEach((p) => body.append("packs", p.value));
      body.append("source", $("#article-source").value);
      body.append("date", $("#article-date").value);
      body.append("lang", $("#article-lang").value);
      articleShown(await post("/api/article", body));
    } else {
      opened(await post("/api/open", body), name);
      status("opened " + name);
    }
  }

  async function save(overwrite) {
    if (state.text === null) return;
    const name = $("#save-name").value.trim();
    try {
      const data = await post("/api/save", { name: name, text: state.text, overwrite: Boolean(overwrite) });
      state.name = data.saved;
      state.edited = false;
      status("saved " + data.saved + " (" + data.bytes + " bytes)");
    } catch (error) {
      if (error.status === 409 && window.confirm(name + " exists already. Replace it?")) return save(true);
      status(error.message, true);
    }
  }

  function download() {
    if (state.text === null) return;
    const blob = new Blob([state.text], { type: "application/yaml" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = ($("#save-name").value.trim() || "claims.yaml").split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // ---- wiring -----------------------------------------------------------------------------

  function attempt(promise) {
    promise.catch((error) => status(error.message, true));
  }

  function wireClaims() {
    const claims = $("#claims");
    claims.addEventListener("input", (event) => {
      const input = event.target;
      const row = input.closest("tr[data-claim]");
      if (!row || !input.name || input.name === "quantity" || input.name === "source") return;
      edit({ op: "set", claim: row.dataset.claim, field: input.name, value: input.value },
        row.dataset.claim + "|" + input.name, 200, "claims");
    });
    claims.addEventListener("change", (event) => {
      const input = event.target;
      const row = input.closest("tr[data-claim]");
      if (!row) return;
      if (input.classList.contains("confirm")) {
        edit({ op: "set", claim: row.dataset.claim, field: "review", value: input.checked ? "false" : "true" },
          row.dataset.claim + "|review", 0, "claims");
      } else if (input.name === "quantity" || input.name === "source") {
        edit({ op: "set", claim: row.dataset.claim, field: input.name, value: input.value },
          row.dataset.claim + "|" + input.name, 0, null);
      }
    });
    claims.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const row = button.closest("tr[data-claim]");
      if (button.classList.contains("delete") && row) edit({ op: "delete", claim: row.dataset.claim });
    });
  }

  function wireSide() {
    const side = $("#side");
    side.addEventListener("change", (event) => {
      const input = event.target;
      const item = input.closest("[data-quantity]");
      if (input.classList.contains("q-name") && item) {
        edit({ op: "rename", quantity: item.dataset.quantity, to: input.value.trim() });
      } else if (input.classList.contains("q-unit") && item) {
        edit({ op: "unit", quantity: item.dataset.quantity, value: input.value }, null, 0, "side");
      } else if (input.classList.contains("pack")) {
        edit({ op: "packs", packs: $$("#side .pack:checked").map((p) => p.value) }, "packs");
      }
    });
    side.addEventListener("click", (event) => {
      if (!event.target.closest("#join")) return;
      const from = $("#join-from").value;
      const into = $("#join-into").value;
      if (!from || !into) status("choose the two quantities to join", true);
      else if (from === into) status("a quantity cannot be joined with itself", true);
      else edit({ op: "join", quantity: from, into: into });
    });
    side.addEventListener("input", (event) => {
      const input = event.target;
      const item = input.closest("[data-source]");
      if (!item) return;
      const field = input.classList.contains("s-name") ? "name" : input.classList.contains("s-date") ? "date" : null;
      if (field) {
        edit({ op: "source", source: item.dataset.source, field: field, value: input.value },
          item.dataset.source + "|" + field, 400, "side");
      }
    });
  }

  function wireResult() {
    document.addEventListener("click", (event) => {
      const link = event.target.closest(".claim-link, .claim-row, mark.fig[data-claim]");
      if (link) {
        if (link.matches(".claim-link, mark.fig")) showClaim(link.dataset.claim);
        else {
          const row = $('#claims tr[data-claim="' + CSS.escape(link.dataset.claim) + '"]');
          if (row) { row.scrollIntoView({ block: "center" }); const first = $("input[name=value]", row); if (first) first.focus(); }
        }
        return;
      }
      const line = event.target.closest(".show-line");
      if (line) showLine(Number(line.dataset.line));
    });
  }

  function showLine(n) {
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

  function wireYaml() {
    $("#yaml-box").addEventListener("toggle", () => {
      if ($("#yaml-box").open && state.text !== null) $("#yaml").value = state.text;
    });
    // The text typed here is the file from the first keystroke; the check waits for a pause,
    // and an answer that comes after a later one is dropped.
    let yamlTimer = null;
    let asked = 0;
    $("#yaml").addEventListener("input", (event) => {
      clearTimeout(yamlTimer);
      state.text = event.target.value;
      state.edited = true;
      yamlTimer = setTimeout(() => {
        const mine = (asked += 1);
        attempt(post("/api/check", { text: state.text, name: state.name }).then((data) => {
          if (mine === asked) show(data, "yaml");
        }));
      }, 400);
    });
  }

  function wireOpen() {
    $("#article-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (state.edited && !window.confirm("Replace the claims you edited with a new draft?")) return;
      attempt(findFigures(event.target).then(articleShown));
    });
    $("#claims-file").addEventListener("change", (event) => {
      const file = event.target.files[0];
      if (!file) return;
      const body = new FormData();
      body.append("file", file);
      attempt(post("/api/open", body).then((data) => { opened(data, file.name); status("opened " + file.name); }));
      event.target.value = "";
    });
    $("#folder-files").addEventListener("change", (event) => {
      const name = event.target.value;
      if (name) attempt(openFromFolder(name));
      event.target.value = "";
    });
    $("#save").addEventListener("click", () => save(false));
    $("#download").addEventListener("click", download);
    $("#add-claim").addEventListener("click", () => {
      if (state.text === null) {
        state.text = "numcheck: 1\nclaims: []\n";
      }
      edit({ op: "add" });
    });
    window.addEventListener("beforeunload", (event) => {
      if (state.edited) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    wireClaims();
    wireSide();
    wireResult();
    wireYaml();
    wireOpen();
  });
})();
