// The JS @langchain/langgraph-sdk (as agent-chat-ui and useStream use it) against our API.
// Usage: node sdk_check.mjs <api url ending in /langgraph> <api key>
// Prints one JSON line of what it saw; exits 1 on the first failed check.
import { Client } from "@langchain/langgraph-sdk";

const [apiUrl, apiKey] = process.argv.slice(2);
const client = new Client({
  apiUrl,
  defaultHeaders: { Authorization: `Bearer ${apiKey}` },
  callerOptions: { maxRetries: 0 },
});
const ASSISTANT = "trip_genius";
const input = { messages: [{ type: "human", content: "第二天想去逛街购物，杭州" }] };

function check(ok, what) {
  if (!ok) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
}

async function statusOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error.status;
  }
  return 200;
}

const assistants = await client.assistants.search();
check(assistants.length === 1 && assistants[0].assistant_id === ASSISTANT, "assistants.search");

const thread = await client.threads.create();
check(thread.status === "idle", "threads.create");

const events = [];
const chunks = [];
for await (const part of client.runs.stream(thread.thread_id, ASSISTANT, {
  input,
  streamMode: ["messages-tuple", "updates", "custom"],
})) {
  events.push(part.event);
  if (part.event === "messages") chunks.push(part.data);
}
check(events[0] === "metadata", "metadata first");
check(chunks.length > 0, "message chunks streamed");
const [message, metadata] = chunks[0];
check(message.type === "AIMessageChunk" && "tool_calls" in message, "a full message dict");
check(metadata.expert === "itinerary", "chunk metadata names the expert");

const state = await client.threads.getState(thread.thread_id);
const types = state.values.messages.map((m) => m.type);
check(JSON.stringify(types) === '["human","ai"]', "threads.getState");
const streamed = chunks.map(([m]) => m.content).join("");
check(state.values.messages[1].content === streamed, "the answer kept is the one streamed");

const values = await client.runs.wait(thread.thread_id, ASSISTANT, {
  input: { messages: [{ type: "human", content: "第二天呢？" }] },
});
check(values.messages.length === 4, "runs.wait returns the thread's values");

const unknownAssistant = await statusOf(client.assistants.get("agent"));
const badMode = await statusOf(
  client.runs.wait(thread.thread_id, ASSISTANT, { input, multitaskStrategy: "enqueue" }),
);
await client.threads.delete(thread.thread_id);
const deleted = await statusOf(client.threads.get(thread.thread_id));
check(unknownAssistant === 404, "unknown assistant is 404");
check(badMode === 422, "unsupported multitask strategy is 422");
check(deleted === 404, "a deleted thread is gone");

console.log(
  JSON.stringify({
    assistants: assistants.map((a) => a.assistant_id),
    thread: thread.thread_id,
    events: [...new Set(events)],
    chunks: chunks.length,
    state: types,
    waited: values.messages.length,
    errors: { unknownAssistant, badMode, deleted },
  }),
);
