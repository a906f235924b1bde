// Trip Genius chat page: plain JS modules, no build step. Streams POST /chat (SSE over fetch)
// into one answer per turn with a labelled section per expert, and rebuilds the very same view
// from GET /threads/{id} after a reload (sections, incomplete marks, emergency banner). Model
// text is rendered as sanitised markdown (markdown.js); every failure is said in plain words
// (words.js). The thread id lives in localStorage so a reload continues the conversation.
import { renderMarkdown } from "./markdown.js";
import { sseEvents } from "./sse.js";
import * as words from "./words.js";

const $ = (id) => document.getElementById(id);
const store = {
  get thread() { return localStorage.getItem("tg.threadId"); },
  set thread(id) { id ? localStorage.setItem("tg.threadId", id) : localStorage.removeItem("tg.threadId"); },
  get key() { return localStorage.getItem("tg.apiKey") || ""; },
  set key(k) { localStorage.setItem("tg.apiKey", k); },
};
const titles = new Map(); // expert name -> title ("AI 皮肤科医生 Dermatology"), from GET /info
let running = null; // {thread} while a reply streams

function api(path, options = {}) {
  const h = { ...(options.headers || {}) };
  if (store.key) h.Authorization = `Bearer ${store.key}`;
  return fetch(path, { ...options, headers: h });
}

async function readError(resp) {
  let error = null;
  try { error = (await resp.json()).error; } catch { /* not the API's error shape */ }
  const retry = Number(resp.headers.get("Retry-After")) || null;
  return { status: resp.status, error, text: words.httpErrorText(resp.status, error, retry) };
}

function status(text) { $("status").textContent = text || ""; }
function showThread() {
  $("thread-label").textContent = store.thread ? `thread ${store.thread}` : "new thread";
  for (const li of $("thread-list").children) li.classList.toggle("current", li.dataset.thread === store.thread);
}

// level "urgent": the doctor answered under an urgent-care banner (call now only on warning signs);
// level "watch": heat exhaustion's first aid, which says when to call
const BANNER_HINTS = {
  urgent: "如出现危险信号请立即拨打急救电话 · Call now if warning signs appear",
  watch: "30分钟内没有好转或出现危险信号请立即拨打急救电话 · Call if no better in 30 minutes or warning signs appear",
  emergency: "紧急情况：请立即拨打急救电话 · Emergency: call now",
};

function showBanner(numbers, level) {
  $("banner").querySelector(".numbers").textContent = `☎ ${numbers || "120 / 112 / 911"}`;
  $("banner").querySelector(".hint").textContent = BANNER_HINTS[level] || BANNER_HINTS.emergency;
  $("banner").hidden = false;
}

// "AI 皮肤科医生 Dermatology · medical-expert": who answered, and with which model.
function setLabel(label, expert, model) {
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = titles.get(expert) || expert || "…";
  label.replaceChildren(who);
  if (model && model !== "none") {
    const m = document.createElement("span");
    m.className = "model";
    m.textContent = ` · ${model}`;
    label.appendChild(m);
  }
}

function userBubble(text) {
  const div = document.createElement("div");
  div.className = "msg user";
  const content = document.createElement("div");
  content.className = "content";
  content.textContent = text;
  div.appendChild(content);
  $("messages").appendChild(div);
  div.scrollIntoView({ block: "end" });
}

function note(parent, text, kind) {
  const p = document.createElement("p");
  p.className = `note ${kind}`;
  p.textContent = text;
  parent.appendChild(p);
  return p;
}

/** One assistant turn: a bubble with a labelled section per expert, rendered as markdown. */
class Answer {
  constructor() {
    this.el = document.createElement("div");
    this.el.className = "msg assistant";
    this.sections = new Map();
    this.dirty = new Set();
    $("messages").appendChild(this.el);
  }

  section(expert, model) {
    const key = expert || "answer";
    let s = this.sections.get(key);
    if (!s) {
      const el = document.createElement("section");
      el.className = "section";
      el.dataset.expert = key;
      const label = document.createElement("span");
      label.className = "expert-label";
      const content = document.createElement("div");
      content.className = "content";
      el.append(label, content);
      this.el.appendChild(el);
      s = { el, label, content, text: "" };
      this.sections.set(key, s);
      this.el.classList.toggle("multi", this.sections.size > 1);
    }
    setLabel(s.label, expert, model);
    return s;
  }

  routed(experts) {
    for (const e of experts) this.section(e.name, e.model);
  }

  append(labels, text) {
    const s = this.section(labels.expert || labels.langgraph_node, labels.model);
    s.text += text;
    this.dirty.add(s);
    if (this.dirty.size === 1) requestAnimationFrame(() => this.render());
  }

  render() {
    for (const s of this.dirty) renderMarkdown(s.content, s.text);
    this.dirty.clear();
    this.el.scrollIntoView({ block: "end" });
  }

  fill(expert, model, text, incomplete) {
    const s = this.section(expert, model);
    s.text = text;
    renderMarkdown(s.content, text);
    s.el.classList.toggle("incomplete", Boolean(incomplete));
  }

  /** The run ended early: keep what arrived (marked incomplete), drop empty sections. */
  stopped(text) {
    this.render();
    for (const [key, s] of this.sections) {
      if (s.text.trim()) s.el.classList.add("incomplete");
      else { s.el.remove(); this.sections.delete(key); }
    }
    return note(this.el, text, "error");
  }

  /** The run finished: a routed expert that had nothing for the turn sent no token
   * (agents/quiet_expert.py) and leaves no empty section, as the thread's history has none. */
  finished() {
    this.render();
    for (const [key, s] of this.sections) {
      if (!s.text.trim()) { s.el.remove(); this.sections.delete(key); }
    }
    this.el.classList.toggle("multi", this.sections.size > 1);
  }

  guarded(data) {
    const s = this.sections.get(data.expert);
    note(s ? s.el : this.el, words.GUARD, "guard").title = (data.tags || [data.tag]).join(", ");
  }
}

function setRunning(on) {
  running = on ? { thread: store.thread } : null;
  document.body.classList.toggle("running", on);
  $("send").hidden = on;
  $("stop").hidden = !on;
  $("stop").disabled = false;
}

function stopButton(thread, parent) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "inline-stop";
  b.textContent = "停止那条回答 Stop that reply";
  b.addEventListener("click", async () => {
    b.disabled = true;
    const resp = await api(`/threads/${encodeURIComponent(thread)}/cancel`, { method: "POST" });
    b.textContent = resp.ok || resp.status === 409
      ? "已停止，可以再发送了。Stopped — you can send again."
      : (await readError(resp)).text;
  });
  parent.appendChild(b);
}

async function send(message) {
  userBubble(message);
  const answer = new Answer();
  answer.section(null);
  setRunning(true);
  status("正在思考… Thinking…");
  try {
    const body = { message };
    if (store.thread) body.thread_id = store.thread;
    const resp = await api("/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
    });
    if (!resp.ok) {
      const err = await readError(resp);
      const busyThread = store.thread;
      if (resp.status === 404 && store.thread) { store.thread = null; showThread(); }
      const p = answer.stopped(err.text);
      if (err.error?.type === "thread_busy" && busyThread) stopButton(busyThread, p);
      return;
    }
    for await (const { event, data } of sseEvents(resp.body)) {
      if (event === "metadata") {
        store.thread = data.thread_id;
        running.thread = data.thread_id;
        showThread();
      } else if (event === "custom" && data.type === "route") {
        answer.sections.get("answer")?.el.remove();
        answer.sections.delete("answer");
        answer.routed(data.experts || []);
        status("正在回答… Answering…");
      } else if (event === "custom" && data.type === "safety") {
        showBanner(data.emergency_numbers, data.level);
      } else if (event === "custom" && data.type === "guard") {
        answer.guarded(data);
      } else if (event === "messages") {
        const [chunk, labels] = data;
        if (typeof chunk.content === "string" && chunk.content) answer.append(labels, chunk.content);
      } else if (event === "error") {
        answer.stopped(words.streamErrorText(data));
      }
    }
    answer.finished();
  } catch (err) {
    answer.stopped(words.LOST);
  } finally {
    setRunning(false);
    status("");
    refreshThreads();
  }
}

function clearChat() {
  $("messages").replaceChildren();
  $("banner").hidden = true;
  status("");
}

async function openThread(id) {
  store.thread = id;
  clearChat();
  showThread();
  const resp = await api(`/threads/${encodeURIComponent(id)}`);
  if (!resp.ok) {
    const err = await readError(resp);
    if (resp.status === 404) { store.thread = null; showThread(); }
    status(err.text);
    return;
  }
  const body = await resp.json();
  for (const m of body.messages) {
    if (m.role === "user") { userBubble(m.content); continue; }
    const answer = new Answer();
    const parts = m.sections?.length ? m.sections : [{ expert: m.expert, model: m.model, content: m.content }];
    for (const p of parts) answer.fill(p.expert, p.model, p.content, m.incomplete);
    if (m.safety) showBanner(m.safety.emergency_numbers, m.safety.level);
  }
  if (body.running) status("这个对话正在回答中… This conversation is still answering.");
  $("messages").lastElementChild?.scrollIntoView({ block: "end" });
}

function threadItem(t) {
  const li = document.createElement("li");
  li.dataset.thread = t.thread_id;
  li.classList.toggle("current", t.thread_id === store.thread);
  const open = document.createElement("button");
  open.type = "button";
  open.className = "open";
  open.textContent = t.title || "（无标题 untitled）";
  const when = document.createElement("small");
  when.textContent = t.updated_at ? new Date(t.updated_at).toLocaleString() : "";
  open.appendChild(when);
  open.addEventListener("click", () => { if (!running) openThread(t.thread_id); });
  const del = document.createElement("button");
  del.type = "button";
  del.className = "delete";
  del.textContent = "×";
  del.title = "删除 Delete";
  del.setAttribute("aria-label", `删除 Delete: ${t.title || t.thread_id}`);
  del.addEventListener("click", async () => {
    if (running || !confirm("删除这个对话？Delete this chat?")) return;
    const resp = await api(`/threads/${encodeURIComponent(t.thread_id)}`, { method: "DELETE" });
    if (!resp.ok && resp.status !== 404) { status((await readError(resp)).text); return; }
    if (t.thread_id === store.thread) newChat();
    refreshThreads();
  });
  li.append(open, del);
  return li;
}

async function refreshThreads() {
  const resp = await api("/threads");
  if (!resp.ok) {
    $("thread-list").replaceChildren();
    $("thread-list-note").textContent = (await readError(resp)).text;
    return;
  }
  const { threads } = await resp.json();
  $("thread-list").replaceChildren(...threads.map(threadItem));
  $("thread-list-note").textContent = threads.length ? "" : "还没有对话。No chats yet.";
}

async function loadInfo() {
  const resp = await api("/info");
  if (!resp.ok) return; // labels fall back to the expert ids
  for (const e of (await resp.json()).experts) titles.set(e.name, e.title);
}

function newChat() {
  if (running) return;
  store.thread = null;
  clearChat();
  showThread();
  $("input").focus();
}

async function start() {
  await loadInfo();
  showThread();
  await Promise.all([refreshThreads(), store.thread ? openThread(store.thread) : null]);
}

$("api-key").value = store.key;
$("api-key").addEventListener("change", (e) => { store.key = e.target.value.trim(); newChat(); start(); });
$("new-chat").addEventListener("click", newChat);
$("stop").addEventListener("click", async () => {
  if (!running?.thread) return;
  $("stop").disabled = true;
  status("正在停止… Stopping…");
  const resp = await api(`/threads/${encodeURIComponent(running.thread)}/cancel`, { method: "POST" });
  if (!resp.ok && resp.status !== 409) status((await readError(resp)).text);
});
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("input").value.trim();
  if (!text || running) return;
  $("input").value = "";
  send(text);
});
$("input").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("composer").requestSubmit(); }
});
start();
