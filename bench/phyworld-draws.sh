#!/usr/bin/env bash
# PhyWorld uniform motion over several draws of the noise: the headline number of a video-prediction model
# (docs/BENCHMARKS.md, "PhyWorld"). One draw of 50 scenes moves by ±0.02–0.04 units/s with the seeds alone
# (session 19: the same file scored 0.076, 0.116 and 0.154), so a claim is the mean over draws, each draw giving
# scene i the noise seed FIRST + i. In distribution on every draw; out of distribution on the first (the slow part).
#
#   bench/phyworld-draws.sh [MODEL_DIR] [OUT_DIR] [SCENES=50] [DRAWS="1000 7 2000"] [CFG]
#   e.g. bench/phyworld-draws.sh models/phyworld-uniform /tmp/phyworld-draws
# The model's generation.json gives the sampling (steps, cfg, autoguidance, noise scale) unless CFG is given;
# ModelEval's PHYWORLD_* variables pass through (e.g. PHYWORLD_NOISE=1). About 2.5 min a draw of 50 on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$(realpath "${1:-$here/models/phyworld-uniform}")"; out="$(realpath -m "${2:-/tmp/phyworld-draws}")"
scenes="${3:-50}"; draws="${4:-1000 7 2000}"; cfg="${5:-}"
[[ -f "$model/dit.safetensors" ]] || { echo "phyworld-draws: $model has no dit.safetensors; give a model folder" >&2; exit 2; }
[[ "$scenes" =~ ^[1-9][0-9]*$ ]] || { echo "phyworld-draws: SCENES must be a whole number ≥ 1, got '$scenes'" >&2; exit 2; }
for d in $draws; do [[ "$d" =~ ^[0-9]+$ ]] || { echo "phyworld-draws: DRAWS must be seeds (whole numbers), got '$d'" >&2; exit 2; }; done
mkdir -p "$out"; rm -f "$out/summary.txt"
cd "$here"

# ModelEval reads a held-out world set for its other modes; with N = 0 it only needs one to exist.
"$here/tessera" --help >/dev/null
if [[ ! -f "$out/heldout/dataset.json" ]]; then
  "$here/artifacts/bin/Tessera.Cli/release_linux-x64/tessera" world dataset --scenario free --count 1 --size 64x64 --frames 17 \
    --seed 777777 --out "$out/heldout" >/dev/null
fi
dotnet build -c Release bench/Tessera.Bench.ModelEval -v quiet -nologo >/dev/null
eval_bin="$here/artifacts/bin/Tessera.Bench.ModelEval/release_linux-x64/Tessera.Bench.ModelEval"

score() {   # score SET REPORT: the velocity error column of the set's row
  awk -F'|' -v set="$1" '$2 ~ "^ " set " $" { gsub(/ /, "", $12); print $12 }' "$2"
}
first=1; sum=0; count=0
for d in $draws; do
  sets=in; (( first )) && sets=in,ood
  dir="$out/draw-$d"; rm -rf "$dir"; mkdir -p "$dir"
  PHYWORLD_SEEDS=per-scene PHYWORLD_SEED="$d" PHYWORLD_SETS="$sets" \
    "$eval_bin" "$out/heldout" "$dir" "$model" 0 "$scenes" 0 $cfg > "$dir/report.txt" 2> "$dir/stderr.txt" \
    || { echo "phyworld-draws: ModelEval failed on draw $d; see $dir/stderr.txt" >&2; exit 1; }
  v=$(score phyworld_in "$dir/report.txt")
  line="draw from seed $d: in distribution $v"
  (( first )) && line="$line, out of distribution $(score phyworld_ood "$dir/report.txt")"
  echo "$line" | tee -a "$out/summary.txt"
  sum=$(echo "$sum + $v" | bc -l); count=$((count + 1)); first=0
done
printf 'in distribution, mean of %d draws of %d scenes: %.3f units/s\n' "$count" "$scenes" "$(echo "$sum / $count" | bc -l)" | tee -a "$out/summary.txt"
