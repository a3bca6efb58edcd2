// The page's words in English and Chinese. Elements name their string with data-i18n (text) or
// data-i18n-placeholder; code asks with t(key).
const strings = {
  en: {
    studio: "Studio", apiDocs: "API docs", apiKey: "API key", apiKeyHint: "not needed in --dev mode",
    create: "Create", promptHint: "Describe the video, e.g. a red ball rolls to the right",
    negativeHint: "Avoid (optional), e.g. the ball falls",
    aspect: "Aspect ratio", duration: "Duration", variants: "Variants", steps: "Steps", seed: "Seed",
    auto: "auto", random: "random", firstFrame: "First frame", lastFrame: "Last frame",
    visibleLabel: "Show the AI label on the video", generate: "Generate", results: "Variants",
    emptyHint: "Your takes appear here. Keep the ones you like; they go on the timeline.",
    timeline: "Timeline", timelineHint: "Keep variants to add them here, then order, trim and render.",
    title: "Title", music: "Music", render: "Render", download: "Download", keep: "Keep", kept: "Kept",
    delete: "Delete", up: "Up", down: "Down", remove: "Remove", trimIn: "In (s)", trimOut: "Out (s)",
    queued: "Queued", running: "Generating", succeeded: "Done", failed: "Failed", canceled: "Canceled",
    rendering: "Rendering", uploading: "Uploading…", aiLabel: "AI generated", seedIs: "seed",
    extend: "Extend", extendsSeed: "extends seed", guidance: "Guidance",
    guidanceHint: "How closely to follow the prompt (classifier-free guidance, 1 = off)",
    variety: "Variety", varietyHint: "How far takes may stray from the typical video (the starting noise's scale: 1 = as trained, lower = closer to typical)",
    extendHint: "Continue this clip: a new clip that opens with its last frames (the prompt box steers it when filled)",
    needKey: "This studio needs an API key: paste it at the top right.", footer:
      "Every video made here carries an \"AI generated / AI生成\" label in its metadata.",
  },
  zh: {
    studio: "工作室", apiDocs: "API 文档", apiKey: "API 密钥", apiKeyHint: "--dev 模式下无需密钥",
    create: "创作", promptHint: "描述视频，例如：一个红色的球向右滚动",
    negativeHint: "不希望出现的内容（可选），例如：球掉下来",
    aspect: "画面比例", duration: "时长", variants: "生成数量", steps: "步数", seed: "种子",
    auto: "自动", random: "随机", firstFrame: "首帧", lastFrame: "尾帧",
    visibleLabel: "在画面上显示 AI 标识", generate: "生成", results: "候选视频",
    emptyHint: "生成的视频会显示在这里。保留喜欢的，它们会加入时间线。",
    timeline: "时间线", timelineHint: "保留候选视频后在这里排序、裁剪并导出。",
    title: "标题", music: "音乐", render: "导出", download: "下载", keep: "保留", kept: "已保留",
    delete: "删除", up: "上移", down: "下移", remove: "移除", trimIn: "入点（秒）", trimOut: "出点（秒）",
    queued: "排队中", running: "生成中", succeeded: "完成", failed: "失败", canceled: "已取消",
    rendering: "导出中", uploading: "上传中…", aiLabel: "AI生成", seedIs: "种子",
    extend: "延长", extendsSeed: "延长自种子", guidance: "引导强度",
    guidanceHint: "多大程度上遵循提示词（无分类器引导，1 = 关闭）",
    variety: "多样性", varietyHint: "每次生成可偏离典型画面的程度（初始噪声的缩放：1 = 与训练一致，越低越接近典型）",
    extendHint: "接着这个片段继续：新片段以它的最后几帧开头（填写了提示词时按提示词继续）",
    needKey: "此工作室需要 API 密钥：请在右上角填写。", footer: "此处生成的每个视频都在元数据中带有“AI generated / AI生成”标识。",
  },
};

let language = localStorage.getItem("tessera.lang") || (navigator.language.startsWith("zh") ? "zh" : "en");

export const t = (key) => strings[language][key] ?? strings.en[key] ?? key;
export const currentLanguage = () => language;

export function applyLanguage(lang = language) {
  language = lang;
  localStorage.setItem("tessera.lang", lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  document.getElementById("lang").textContent = lang === "zh" ? "English" : "中文";
  document.dispatchEvent(new CustomEvent("languagechange"));
}
