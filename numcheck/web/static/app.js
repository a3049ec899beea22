// numcheck desk: the page's own small script (ES modules, no framework, no build step).
//
// The page holds one claims file as text (state.text). Every change is sent to the server as
// an edit operation with that text; the server answers with the new text and the panels to
// show (page.js puts them in place). Edits go out one request at a time, in order; typing in a
// cell is sent after a short pause, so the check follows the typing within a second.
"use strict";

import { $, $$, post, show, showClaim, showLine, showRow, state, status } from "./page.js";

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
  state.home = null;
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
    state.home = name;
    status("opened " + name);
  }
}

async function save(overwrite) {
  if (state.text === null) return;
  const name = $("#save-name").value.trim();
  // The file this text came from, or was last saved to, is replaced without asking.
  const mine = name === state.home;
  try {
    const data = await post("/api/save", { name: name, text: state.text, overwrite: Boolean(overwrite || mine) });
    state.name = state.home = data.saved;
    state.edited = false;
    listFiles(data.files || []);
    status("saved " + data.saved + " (" + data.bytes + " bytes)");
  } catch (error) {
    if (error.status === 409 && window.confirm(name + " exists already. Replace it?")) return save(true);
    status(error.message, true);
  }
}

function listFiles(files) {
  const select = $("#folder-files");
  const first = select.options[0];
  select.replaceChildren(first, ...files.map((f) => {
    const option = document.createElement("option");
    option.value = option.textContent = f;
    return option;
  }));
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
      if (link.matches(".claim-link")) showClaim(link.dataset.claim);
      else showRow(link.dataset.claim);
      return;
    }
    const line = event.target.closest(".show-line");
    if (line) showLine(Number(line.dataset.line));
  });
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
