#!/usr/bin/env bash
# Do bare direction prompts steer text-to-video? "a COLOUR ball moves DIR" for 8 colours × 4 directions × 2 seeds
# (64 videos, no first frame), each scored by the evaluator. The held-out captions carry backgrounds, sizes and
# speeds; this asks with the fewest words a user would type, and reports the pass rate per direction word.
#   bench/direction-words.sh [MODEL_DIR] [OUT_DIR]      (default: the shipped model, /tmp/direction-words)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/model-and-cli.sh" direction-words "$@"
total=0; line=""
for dir in "to the left" "to the right" "up" "down"; do
  pass=0; n=0
  for colour in red blue green yellow purple orange cyan pink; do
    for seed in 1 2; do
      prompt="a $colour ball moves $dir"
      video="$out/${colour}-${dir// /_}-$seed.mp4"
      "$tessera" generate "$prompt" --model "$model" --seed "$seed" --frames 16 --output "$video" >/dev/null
      n=$((n + 1))
      if "$tessera" eval --video "$video" --prompt "$prompt" | grep -q '"direction_ok": true'; then pass=$((pass + 1)); fi
    done
  done
  total=$((total + pass)); line="$line ${dir##* }: $pass/$n;"
done
echo "$model: bare direction prompts that move the way asked:$line all: $total/64"
