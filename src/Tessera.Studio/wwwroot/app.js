// The studio page: ask for variants, watch them arrive, keep the good ones, put them on a timeline, render, download.
import { t, applyLanguage, currentLanguage } from "./i18n.js";
import { postJson, del, upload, watchJob, ApiError } from "./api.js";
import { buildTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const kept = []; // timeline clips: { assetId, url, width, height, seconds, in, out }
const CONTEXT_FRAMES = 3; // an extension opens with this many frames of the clip it extends (the API's default)
const FPS = 8;

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function showError(target, error) {
  const message = error instanceof ApiError && error.status === 401 ? `${t("needKey")} (${error.message})` : error.message;
  target.textContent = message;
  target.hidden = false;
}

// ── generate ──────────────────────────────────────────────────────────────────────────────────

async function uploadIfChosen(input) {
  const file = input.files?.[0];
  return file ? (await upload(file)).id : undefined;
}

// What the form says about how to sample, shared by new takes and extensions.
function samplingOptions() {
  const options = { variants: Number($("variants").value), label: $("visible-label").checked };
  if ($("steps").value) options.steps = Number($("steps").value);
  if ($("cfg").value) options.cfg = Number($("cfg").value);
  if ($("noise-scale").value) options.noiseScale = Number($("noise-scale").value);
  return options;
}

async function onGenerate(event) {
  event.preventDefault();
  const error = $("form-error");
  error.hidden = true;
  const button = $("generate");
  button.disabled = true;
  try {
    const [width, height] = $("aspect").value.split("x").map(Number);
    const request = {
      prompt: $("prompt").value.trim(),
      size: $("aspect").value,
      frames: Number($("duration").value),
      ...samplingOptions(),
    };
    if ($("negative-prompt").value.trim()) request.negativePrompt = $("negative-prompt").value.trim();
    if ($("seed").value) request.seed = Number($("seed").value);
    if ($("first-frame").files.length) { button.textContent = t("uploading"); request.firstFrame = await uploadIfChosen($("first-frame")); }
    if ($("last-frame").files.length) { button.textContent = t("uploading"); request.lastFrame = await uploadIfChosen($("last-frame")); }
    const { id } = await postJson("/api/v1/generations", request);
    addJob({ id, prompt: request.prompt, width, height, seconds: request.frames / FPS, variants: request.variants, overlap: 0 });
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
    button.textContent = t("generate");
  }
}

// Extending a variant: a new job whose clips open with the variant's last frames. The prompt box's text steers the
// continuation when it is filled; otherwise the variant's own prompt goes on. Duration and takes come from the form.
async function onExtend(job, output, button) {
  const error = $("form-error");
  error.hidden = true;
  button.disabled = true;
  try {
    const request = {
      prompt: $("prompt").value.trim() || job.prompt,
      size: `${job.width}x${job.height}`,
      frames: Math.max(Number($("duration").value), CONTEXT_FRAMES + 1),
      ...samplingOptions(),
      extend: output.assetId,
      contextFrames: CONTEXT_FRAMES,
    };
    const { id } = await postJson("/api/v1/generations", request);
    addJob({ id, prompt: request.prompt, width: job.width, height: job.height, seconds: request.frames / FPS,
      variants: request.variants, overlap: CONTEXT_FRAMES / FPS, extends: output.seed });
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
  }
}

function addJob(job) {
  $("empty").hidden = true;
  const status = el("span", { className: "status" });
  const cards = el("div", { className: "grid" });
  const cancel = el("button", { type: "button", className: "small", textContent: "✕", title: t("delete") });
  const from = job.extends != null ? el("small", { className: "extends", textContent: `↪ ${t("extendsSeed")} ${job.extends}` }) : null;
  const group = el("article", { className: "job", id: job.id }, el("header", {}, el("q", { textContent: job.prompt }), from, status, cancel), cards);
  $("jobs").prepend(group);
  const placeholders = Array.from({ length: job.variants }, () => {
    const bar = el("progress", { max: 1, value: 0 });
    const card = el("div", { className: "variant pending" }, bar);
    cards.append(card);
    return { card, bar };
  });
  cancel.onclick = async () => {
    try { await del(`/api/v1/generations/${job.id}`); } catch { /* already gone */ }
    group.remove();
  };
  watchJob(job.id, (update) => {
    status.textContent = `${t(update.status)}${update.status === "running" ? ` ${Math.round(update.progress * 100)}%` : ""}`;
    status.dataset.status = update.status;
    for (const p of placeholders) p.bar.value = update.progress;
    if (update.status === "failed") status.title = update.error ?? "";
    if (update.status === "succeeded") {
      cancel.remove();
      update.outputs.forEach((output, i) => showVariant(placeholders[i].card, job, output));
    }
  }).catch((e) => { status.textContent = e.message; });
}

function showVariant(card, job, output) {
  card.className = "variant";
  card.replaceChildren();
  const video = el("video", { src: output.url, controls: true, loop: true, muted: true, playsInline: true, preload: "auto" });
  const badge = el("span", { className: "ai-badge", textContent: "AI生成 · AI generated" });
  const keep = el("button", { type: "button", className: "keep", textContent: t("keep") });
  const remove = el("button", { type: "button", className: "delete", textContent: t("delete") });
  const download = el("a", { className: "button download", href: `${output.url}&download=1`, textContent: t("download"), download: "" });
  const extend = el("button", { type: "button", className: "extend", textContent: t("extend"), title: t("extendHint") });
  extend.onclick = () => onExtend(job, output, extend);
  keep.onclick = () => {
    // An extension's opening frames repeat the end of the clip it extends: start it after them so the cut is seamless.
    kept.push({ assetId: output.assetId, url: output.url, width: job.width, height: job.height, seconds: job.seconds, in: job.overlap, out: job.seconds });
    keep.disabled = true;
    keep.textContent = t("kept");
    renderTimeline();
  };
  remove.onclick = () => card.remove();
  card.append(el("div", { className: "frame" }, video, badge),
    el("div", { className: "actions" }, el("small", { textContent: `${t("seedIs")} ${output.seed}` }), keep, extend, remove, download));
}

// ── timeline ──────────────────────────────────────────────────────────────────────────────────

function renderTimeline() {
  const list = $("timeline");
  list.replaceChildren();
  $("timeline-empty").hidden = kept.length > 0;
  $("render").disabled = kept.length === 0;
  kept.forEach((clip, i) => {
    const number = (key, value, max) => {
      const input = el("input", { type: "number", min: 0, max, step: 0.125, value });
      input.onchange = () => { clip[key] = Math.min(max, Math.max(0, Number(input.value) || 0)); };
      return el("label", {}, el("span", { textContent: t(key === "in" ? "trimIn" : "trimOut") }), input);
    };
    const move = (delta) => () => {
      const j = i + delta;
      if (j < 0 || j >= kept.length) return;
      [kept[i], kept[j]] = [kept[j], kept[i]];
      renderTimeline();
    };
    list.append(el("li", {},
      el("video", { src: clip.url, muted: true, preload: "metadata" }),
      number("in", clip.in, clip.seconds), number("out", clip.out, clip.seconds),
      el("button", { type: "button", className: "small", textContent: t("up"), onclick: move(-1) }),
      el("button", { type: "button", className: "small", textContent: t("down"), onclick: move(1) }),
      el("button", { type: "button", className: "small", textContent: t("remove"), onclick: () => { kept.splice(i, 1); renderTimeline(); } })));
  });
}

async function onRender() {
  const result = $("render-result");
  const button = $("render");
  button.disabled = true;
  try {
    result.replaceChildren(el("span", { textContent: t("uploading") }));
    const music = $("music").files.length ? await uploadIfChosen($("music")) : undefined;
    const timeline = buildTimeline(kept, { title: $("title").value.trim(), musicAssetId: music });
    const { id } = await postJson("/api/v1/renders", { timeline, label: $("render-label").checked });
    const bar = el("progress", { max: 1, value: 0 });
    const status = el("span", { className: "status", textContent: t("rendering") });
    result.replaceChildren(status, bar);
    const job = await watchJob(id, (u) => { bar.value = u.progress; status.textContent = `${t(u.status === "running" ? "rendering" : u.status)}`; });
    if (job.status !== "succeeded") throw new Error(job.error || t(job.status));
    const url = job.outputs[0].url;
    result.replaceChildren(
      el("div", { className: "frame" }, el("video", { id: "render-video", src: url, controls: true, playsInline: true }),
        el("span", { className: "ai-badge", textContent: "AI生成 · AI generated" })),
      el("a", { id: "download", className: "button download", href: `${url}&download=1`, download: "", textContent: t("download") }));
  } catch (e) {
    const p = el("p", { className: "error" });
    showError(p, e);
    result.replaceChildren(p);
  } finally {
    button.disabled = kept.length === 0;
  }
}

// ── start ─────────────────────────────────────────────────────────────────────────────────────

$("api-key").value = localStorage.getItem("tessera.key") ?? "";
$("api-key").onchange = () => localStorage.setItem("tessera.key", $("api-key").value.trim());
$("lang").onclick = () => applyLanguage(currentLanguage() === "zh" ? "en" : "zh");
$("generate-form").addEventListener("submit", onGenerate);
$("render").onclick = onRender;
document.addEventListener("languagechange", renderTimeline);
applyLanguage();
renderTimeline();
document.body.dataset.ready = "true";
