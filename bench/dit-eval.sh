#!/usr/bin/env bash
# Scores a DiT model with the world evaluator on a held-out world data set (scenes and seeds the
# model never trained on): text-to-video on N prompts (first half English, second half Chinese) and
# image-to-video from each clip's real first frame (PSNR of the generated first frame + motion).
# Also times one `tessera generate` of 16 frames at 64x64 with default steps, start-up included.
#
#   bench/dit-eval.sh HELDOUT_DIR OUT_DIR [MODEL_DIR] [N]
#   e.g. tessera world dataset --scenario free --count 40 --size 64x64 --frames 17 --seed 777777 --out /work/data/dit-heldout-64
#        bench/dit-eval.sh /work/data/dit-heldout-64 /tmp/dit-eval models/world-tiny 40
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tessera="$here/tessera"
data="$1"; out="$2"; model="${3:-$here/models/world-tiny}"; n="${4:-40}"
mkdir -p "$out/t2v" "$out/i2v" "$out/ref"

# Warm the build once so the timing below measures generation, not compilation.
"$tessera" --help >/dev/null
start=$(date +%s.%N)
"$tessera" generate "a red ball rolls to the right" --frames 16 --size 64x64 --model "$model" --output "$out/timing.mp4" >/dev/null
end=$(date +%s.%N)
echo "generate 16 frames 64x64 (default steps, start-up included): $(echo "$end - $start" | bc) s wall" | tee "$out/timing.txt"

cat "$data"/shard-*/index.jsonl | head -n "$n" > "$out/samples.jsonl"
i=0
while IFS= read -r line; do
  id=$(jq -r .id <<<"$line")
  shard=$(dirname "$(ls "$data"/shard-*/"$id.mp4")")
  if (( i < n / 2 )); then prompt=$(jq -r .caption_en <<<"$line"); else prompt=$(jq -r .caption_zh <<<"$line"); fi
  seed=$((1000 + i))
  printf '%s\n' "$prompt" > "$out/t2v/$id.txt"
  "$tessera" generate "$prompt" --seed "$seed" --frames 16 --model "$model" --output "$out/t2v/$id.mp4" >/dev/null
  ffmpeg -nostdin -v error -y -i "$shard/$id.mp4" -frames:v 1 "$out/ref/$id.png"
  "$tessera" generate "$prompt" --seed "$seed" --frames 16 --model "$model" --first-frame "$out/ref/$id.png" --output "$out/i2v/$id.mp4" >/dev/null
  "$tessera" eval --video "$out/i2v/$id.mp4" --prompt "$prompt" --first-frame "$out/ref/$id.png" --json "$out/i2v/$id.score.json" >/dev/null
  i=$((i + 1))
  echo "$i / $n" >&2
done < "$out/samples.jsonl"

"$tessera" eval --dir "$out/t2v" --json "$out/t2v.json" | tail -n 12
rate() { jq -s "[.[] | $1 | select(. != null)] | if length == 0 then \"n/a\" else ((map(if . then 1 else 0 end) | add) / length * 100 | floor | tostring) + \" % of \" + (length | tostring) end" "${@:2}"; }
echo "i2v: first-frame PSNR mean $(jq -s '[.[] | (if type == "array" then .[0] else . end) | .first_frame_psnr | select(. != null)] | add / length' "$out"/i2v/*.score.json) dB"
echo "i2v: motion as asked $(jq -s '[.[] | (if type == "array" then .[0] else . end)]' "$out"/i2v/*.score.json | jq '.[]' | rate .direction_ok /dev/stdin)"
