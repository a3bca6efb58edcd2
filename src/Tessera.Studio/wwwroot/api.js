// The studio's REST API as the page uses it: JSON in and out, the key from the header field, problems as errors.
const keyField = () => document.getElementById("api-key");

function headers(extra = {}) {
  const key = keyField().value.trim();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

export class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function send(method, path, body, contentType) {
  const init = { method, headers: headers(contentType ? { "Content-Type": contentType } : {}) };
  if (body !== undefined) init.body = body;
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json?.detail || json?.title || response.statusText);
  return json;
}

export const postJson = (path, value) => send("POST", path, JSON.stringify(value), "application/json");
export const getJson = (path) => send("GET", path);
export const del = (path) => send("DELETE", path);

export async function upload(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  return send("POST", "/api/v1/assets", form);
}

/** Follows a job's server-sent events (fetch, so the key header goes along); falls back to polling. */
export async function watchJob(id, onUpdate) {
  try {
    const response = await fetch(`/api/v1/jobs/${id}/events`, { headers: headers() });
    if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "", last = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = event.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (data) { last = JSON.parse(data); onUpdate(last); }
      }
    }
    if (last && ["succeeded", "failed", "canceled"].includes(last.status)) return last;
  } catch { /* fall through to polling */ }
  for (;;) {
    const job = await getJson(`/api/v1/jobs/${id}`);
    onUpdate(job);
    if (["succeeded", "failed", "canceled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
}
