// Kept clips → the editor's timeline format (docs/TIMELINE.md, "tessera-timeline/1"). Files are named
// "asset:ID"; the studio swaps in the stored files before the editor sees the timeline.
export function buildTimeline(clips, { title, musicAssetId }) {
  const first = clips[0];
  const width = first.width, height = first.height;
  const main = clips.map((c) => {
    const inPoint = Math.max(0, Math.min(c.in, c.seconds));
    const outPoint = Math.max(inPoint + 0.125, Math.min(c.out, c.seconds));
    return { video: `asset:${c.assetId}`, in: inPoint, out: outPoint };
  });
  const length = main.reduce((sum, c) => sum + (c.out - c.in), 0);
  const timeline = { format: "tessera-timeline/1", width, height, fps: 8, tracks: [{ clips: main }] };
  if (title) timeline.texts = [{ text: title, start: 0, end: Math.min(3, length), size: Math.max(8, Math.round(height / 8)), outline: 1, position: "center" }];
  if (musicAssetId) timeline.audio = [{ file: `asset:${musicAssetId}`, role: "music", fadeOut: Math.min(1, length / 2) }];
  return timeline;
}
