#!/usr/bin/env bash
# Does the text steer the motion, or only the picture? For each of 10 scenes, one first frame (a world render
# of "a COLOUR SHAPE moves to the DIR": kept in view, the object starts on the side away from DIR), then
# image-to-video twice from that frame: asking for DIR, and asking for the opposite. A model that reads its
# direction words passes both; one that reads direction off the object's position passes only the first.
#   bench/direction-swap.sh [MODEL_DIR] [OUT_DIR]      (default: the shipped model, /tmp/direction-swap)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/model-and-cli.sh" direction-swap "$@"
same=0; opposite=0; n=0
for spec in "red ball right" "blue square left" "green triangle right" "yellow ball left" "purple square right" \
            "orange triangle left" "cyan ball right" "pink square left" "red triangle right" "blue ball left"; do
  read -r colour shape dir <<<"$spec"
  other=$([[ $dir == right ]] && echo left || echo right)
  n=$((n + 1))
  "$tessera" world render --prompt "a $colour $shape moves to the $dir" --seed $((100 + n)) --size 64x64 --frames 17 \
    --output "$out/scene-$n.mp4" >/dev/null
  ffmpeg -v error -y -i "$out/scene-$n.mp4" -frames:v 1 "$out/first-$n.png"
  for want in "$dir" "$other"; do
    video="$out/scene-$n-asked-$want.mp4"
    "$tessera" generate "a $colour $shape moves to the $want" --model "$model" --seed "$n" --first-frame "$out/first-$n.png" \
      --frames 17 --output "$video" >/dev/null
    if "$tessera" eval --video "$video" --prompt "a $colour $shape moves to the $want" | grep -q '"direction_ok": true'; then
      if [[ $want == "$dir" ]]; then same=$((same + 1)); else opposite=$((opposite + 1)); fi
    fi
  done
done
echo "$model: the motion asked for, from first frames that suggest it: $same/$n; that contradict it: $opposite/$n"
