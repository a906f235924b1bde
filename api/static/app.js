// Trip Genius chat page: plain JS, no build step. Streams POST /chat (SSE over fetch),
// labels each answer with its expert and model, shows an emergency banner on safety events,
// and keeps the thread id in localStorage so a reload continues the conversation.
"use strict";

const $ = (id) => document.getElementById(id);
const store = {
  get thread() { return localStorage.getItem("tg.threadId"); },
  set thread(id) { id ? localStorage.setItem("tg.threadId", id) : localStorage.removeItem("tg.threadId"); },
  get key() { return localStorage.getItem("tg.apiKey") || ""; },
  set key(k) { localStorage.setItem("tg.apiKey", k); },
};

function headers(extra = {}) {
  const h = { ...extra };
  if (store.key) h.Authorization = `Bearer ${store.key}`;
  return h;
}

function status(text) { $("status").textContent = text || ""; }
function showThread() { $("thread-label").textContent = store.thread ? `thread ${store.thread}` : "new thread"; }

function bubble(role, text = "", label = "") {
  const div = document.createElement("div");
  div.className = `msg ${role}`;
  if (role === "assistant") {
    const tag = document.createElement("span");
    tag.className = "expert-label";
    tag.textContent = label;
    div.appendChild(tag);
  }
  const content = document.createElement("span");
  content.className = "content";
  content.textContent = text;
  div.appendChild(content);
  $("messages").appendChild(div);
  div.scrollIntoView({ block: "end" });
  return div;
}

const labelOf = (expert, model) =>
  [expert, model && model !== "none" && `(${model})`].filter(Boolean).join(" ");

function showBanner(data) {
  const banner = $("banner");
  const text = data.message || data.text || data.reason || "";
  banner.textContent = `⚠ 紧急情况 Emergency — ${text || "请立即拨打 120（中国大陆）或 112/911 / call your local emergency number now."}`;
  banner.hidden = false;
}

async function errorText(resp) {
  try { const body = await resp.json(); return `${body.error.type}: ${body.error.message}`; }
  catch { return `HTTP ${resp.status}`; }
}

// Minimal SSE parser over a fetch body: blocks separated by a blank line; ':' lines are pings.
async function* sseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        const val = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "event") event = val;
        else if (field === "data") data += (data ? "\n" : "") + val;
      }
      if (data) yield { event, data: JSON.parse(data) };
    }
  }
}

async function send(message) {
  bubble("user", message);
  const answers = new Map(); // langgraph node -> bubble
  let pending = bubble("assistant", "", "…");
  $("send").disabled = true;
  status("thinking…");
  try {
    const body = { message };
    if (store.thread) body.thread_id = store.thread;
    const resp = await fetch("/chat", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
      body: JSON.stringify(body),
    });
    if (!resp.ok) {
      if (resp.status === 404 && store.thread) store.thread = null; // thread gone: start afresh
      pending.querySelector(".content").textContent = "";
      pending.insertAdjacentHTML("beforeend", '<span class="error"></span>');
      pending.querySelector(".error").textContent = await errorText(resp);
      return;
    }
    for await (const { event, data } of sseEvents(resp.body)) {
      if (event === "metadata") { store.thread = data.thread_id; showThread(); }
      else if (event === "custom" && data.type === "route") {
        const experts = data.experts || [];
        pending.querySelector(".expert-label").textContent =
          experts.map((e) => labelOf(e.name, e.model)).join(" + ");
        status("answering…");
      } else if (event === "custom" && data.type === "safety") showBanner(data);
      else if (event === "messages") {
        const [chunk, labels] = data;
        const node = labels.langgraph_node || labels.expert || "answer";
        let div = answers.get(node);
        if (!div) {
          div = answers.size === 0 ? pending : bubble("assistant");
          div.querySelector(".expert-label").textContent = labelOf(labels.expert, labels.model);
          answers.set(node, div);
        }
        if (typeof chunk.content === "string") div.querySelector(".content").textContent += chunk.content;
        div.scrollIntoView({ block: "end" });
      } else if (event === "error") {
        const last = [...answers.values()].pop() || pending;
        last.classList.add("incomplete");
        last.insertAdjacentHTML("beforeend", '<span class="error"></span>');
        last.querySelector(".error").textContent = `${data.error}: ${data.message}`;
      }
    }
  } catch (err) {
    pending.insertAdjacentHTML("beforeend", '<span class="error"></span>');
    pending.querySelector(".error").textContent = `connection lost: ${err.message}`;
  } finally {
    $("send").disabled = false;
    status("");
  }
}

async function loadHistory() {
  showThread();
  if (!store.thread) return;
  const resp = await fetch(`/threads/${encodeURIComponent(store.thread)}`, { headers: headers() });
  if (resp.status === 404) { store.thread = null; showThread(); return; }
  if (!resp.ok) { status(await errorText(resp)); return; }
  const body = await resp.json();
  for (const m of body.messages) {
    const div = bubble(m.role, m.content, labelOf(m.expert, m.model));
    if (m.incomplete) div.classList.add("incomplete");
  }
}

function newChat() {
  store.thread = null;
  $("messages").replaceChildren();
  $("banner").hidden = true;
  showThread();
  $("input").focus();
}

$("api-key").value = store.key;
$("api-key").addEventListener("change", (e) => { store.key = e.target.value.trim(); newChat(); loadHistory(); });
$("new-chat").addEventListener("click", newChat);
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("input").value.trim();
  if (!text || $("send").disabled) return;
  $("input").value = "";
  send(text);
});
$("input").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("composer").requestSubmit(); }
});
loadHistory();
