// What the person reads when something goes wrong: plain words, Chinese then English, never an
// error code alone. Keys are the API's error types (api/chat_events.md, api/errors.py).

const STREAM = {
  llm_unavailable: "模型服务暂时连不上，请稍后再试。The assistant's model can't be reached right now — please try again in a moment.",
  llm_timeout: "模型太久没有回应，请再试一次。The model took too long to answer — please try again.",
  llm_error: "模型服务拒绝了这次请求，请再试一次。The model service turned this request down — please try again.",
  run_timeout: "回答时间太长，已停止。请再试一次，或把问题拆小。The answer took too long and was stopped — try again, or ask something shorter.",
  cancelled: "已停止回答。Stopped — the answer above is incomplete.",
  internal_error: "出了点问题，请再试一次。Something went wrong — please try again.",
};

export function streamErrorText(data) {
  return STREAM[data?.error] || `${STREAM.internal_error} (${data?.message || data?.error || "?"})`;
}

export const BUSY = "这个对话还在回答上一条消息。请等它答完，或先停止它。This conversation is still answering the previous message — wait for it to finish, or stop it first.";
export const LOST = "连接中断了，请检查网络后再试。The connection was lost — check your network and try again.";
export const GONE = "这个对话已不存在，下一条消息会开始新的对话。This conversation no longer exists; your next message starts a new one.";
export const GUARD = "安全检查替换了一句可能有害的建议。The safety check replaced a suggestion that could be harmful.";

// An HTTP error answer ({"error": {type, message}}) in words; `retryAfter` in seconds or null.
export function httpErrorText(status, error, retryAfter) {
  const wait = retryAfter ? `${retryAfter}` : "几";
  const waitEn = retryAfter ? `${retryAfter} s` : "a few seconds";
  const type = error?.type || "";
  if (status === 401) return "需要有效的 API 密钥，请在上方填写。A valid API key is needed — enter it at the top.";
  if (status === 404) return GONE;
  if (status === 409 && type === "thread_busy") return BUSY;
  if (status === 409) return "这个对话正在回答，暂时不能这样做。The conversation is answering; try again when it has finished.";
  if (status === 413 || status === 422) return `消息太长或无效。The message is too long or not valid (${error?.message || status}).`;
  if (status === 429) return `发送太频繁，请 ${wait} 秒后再试。Too many messages — try again in ${waitEn}.`;
  if (status === 503) return `服务正忙，请 ${wait} 秒后再试。The service is busy — try again in ${waitEn}.`;
  return `服务暂时出错（${status}），请再试一次。The service had a problem (${status}) — please try again.`;
}
