#!/usr/bin/env bash
# Trains models/world-tiny on the lent GPU machine with the project's own commands: `tessera world
# dataset --format raw` (no ffmpeg there), `tessera train vae --device cuda`, `tessera train dit
# --device cuda`. Runs from the folder scripts/device-publish-cli fills (carried as artifacts/device-train).
# The machine has PyTorch (a CUDA libtorch) but no .NET: the CLI travels self-contained and loads
# PyTorch's libtorch through TESSERA_LIBTORCH_DIR.
#
# At most 8 files of 16 MiB come back from $OUT, so only these are kept there, refreshed while the run
# goes (a run killed at its time limit still returns the last ones): vae.safetensors, dit.safetensors.part-*
# (the DiT in 15 MiB parts), results.tar.gz (logs, loss CSVs and plots, dataset.json files), device.log.
# A machine kept warm between calls keeps /tmp: DIT_RESUME=1 continues the DiT run of the last call
# exactly (train-state.safetensors and the latent cache are still there; the full state, 89 MB, cannot
# travel back through the 64 MiB limit).
#
# Settings (environment): COUNT (free clips, 20000), UNIFORM (PhyWorld uniform clips mixed in, 4000),
# HELDOUT (held-out free clips, 256), VAE_STEPS (3000), VAE_BATCH (64), VAE_MINUTES (none: a wall-time budget), DIT_MINUTES (4), DIT_BATCH (256),
# DIT_PRESET (tiny), DIT_LR (3e-4), SEED (0), VAE_IN (a carried vae.safetensors: skip VAE training),
# DIT_INIT (a carried dit.safetensors to continue from), DIT_RESUME (1: continue the run left in /tmp by
# the last call on a still-warm machine), DEADLINE (seconds: DiT trains until then).
# Usage there: COUNT=20000 bash artifacts/device-train/train-world-tiny.sh
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${OUT:-$here/out}
app=/tmp/tessera-app
data=/tmp/tessera-data
runs=/tmp/tessera-runs
mkdir -p "$out" "$runs"
exec > >(tee "$out/device.log") 2>&1
step() { printf '\n== %s (%s UTC, %s s)\n' "$*" "$(date -u +%T)" "$SECONDS"; }
COUNT=${COUNT:-20000}; UNIFORM=${UNIFORM:-4000}; HELDOUT=${HELDOUT:-256}
VAE_STEPS=${VAE_STEPS:-3000}; VAE_BATCH=${VAE_BATCH:-64}; VAE_MINUTES=${VAE_MINUTES:-}
DIT_MINUTES=${DIT_MINUTES:-4}; DIT_BATCH=${DIT_BATCH:-256}; DIT_PRESET=${DIT_PRESET:-tiny}; DIT_LR=${DIT_LR:-3e-4}
SEED=${SEED:-0}; VAE_IN=${VAE_IN:-}; DIT_INIT=${DIT_INIT:-}; DIT_RESUME=${DIT_RESUME:-}

step machine
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi failed"
echo "cpus: $(nproc)"; ldconfig -p | grep -E 'libfontconfig|libfreetype' || echo "no fontconfig/freetype (the publish carries a SkiaSharp without them)"
torch_lib=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))') || { echo "no PyTorch"; exit 1; }
export TESSERA_LIBTORCH_DIR=$torch_lib LD_LIBRARY_PATH=$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TESSERA_HOME=/tmp/tessera-home

step unpack
rm -rf "$app" && mkdir -p "$app" && xz -dc "$here/tessera-cli.tar.xz" | tar -C "$app" -xf - || exit 1
du -sh "$app"
tessera() { "$app/tessera" "$@"; }

# Copies what must come back into $OUT (atomically: temp + rename), so a kill at the time limit still returns it.
collect() {
  [ -f "$runs/vae/vae.safetensors" ] && cp "$runs/vae/vae.safetensors" "$out/.vae.tmp" && mv "$out/.vae.tmp" "$out/vae.safetensors"
  # Files over 16 MiB do not come back: the DiT (22 MB for tiny) travels in parts; here: cat dit.safetensors.part-* > dit.safetensors
  if [ -f "$runs/dit/dit.safetensors" ]; then
    rm -rf /tmp/dit-split && mkdir -p /tmp/dit-split && split -b 15M "$runs/dit/dit.safetensors" /tmp/dit-split/dit.safetensors.part-
    for p in /tmp/dit-split/*; do cp "$p" "$out/.part.tmp" && mv "$out/.part.tmp" "$out/$(basename "$p")"; done
  fi
  local pack=/tmp/tessera-results; rm -rf "$pack"; mkdir -p "$pack"
  for run in vae dit; do for f in loss.csv loss.png; do [ -f "$runs/$run/$f" ] && cp "$runs/$run/$f" "$pack/$run-$f"; done; done
  for d in free uniform heldout; do [ -f "$data/$d/dataset.json" ] && cp "$data/$d/dataset.json" "$pack/$d-dataset.json"; done
  cp /tmp/tessera-*.out "$pack/" 2>/dev/null
  tar -C "$pack" -czf "$out/.results.tmp" . && mv "$out/.results.tmp" "$out/results.tar.gz"
}
( while sleep 20; do collect; done ) &
collector=$!

step "world dataset: $COUNT free + $UNIFORM uniform + $HELDOUT held-out, raw RGB, 64x64, 17 frames"
tessera world dataset --scenario free --format raw --size 64x64 --frames 17 --count "$COUNT" --seed "$SEED" --out "$data/free" || exit 1
tessera world dataset --scenario free --format raw --size 64x64 --frames 17 --count "$HELDOUT" --seed $((SEED + 1000)) --out "$data/heldout" || exit 1
if (( UNIFORM > 0 )); then
  tessera world dataset --scenario uniform --format raw --size 64x64 --frames 17 --count "$UNIFORM" --seed "$SEED" --out "$data/uniform" || exit 1
  # One training folder: the trainer reads every shard-* folder under it (the uniform shards are linked in).
  for s in "$data/uniform"/shard-*; do ln -sfn "$s" "$data/free/shard-9${s##*/shard-}"; done
fi
du -sh "$data"

if [ -n "$DIT_RESUME" ] && [ -f "$runs/vae/vae.safetensors" ]; then
  step "VAE: the last call's $runs/vae/vae.safetensors (DiT resume)"
elif [ -n "$VAE_IN" ]; then
  mkdir -p "$runs/vae" && cp "$here/../../$VAE_IN" "$runs/vae/vae.safetensors" 2>/dev/null || cp "$VAE_IN" "$runs/vae/vae.safetensors" || exit 1
  step "VAE: using the carried $VAE_IN"
else
  step "train vae: $VAE_STEPS steps${VAE_MINUTES:+ or $VAE_MINUTES min}, batch $VAE_BATCH, cuda"
  vae_minutes=(); [ -n "$VAE_MINUTES" ] && vae_minutes=(--max-minutes "$VAE_MINUTES")
  tessera train vae "${vae_minutes[@]}" --data "$data/free" --held-out "$data/heldout" --out "$runs/vae" --device cuda \
    --steps "$VAE_STEPS" --batch "$VAE_BATCH" --checkpoint-minutes 1 --threads 8 --seed 1 2>&1 | tee /tmp/tessera-vae.out
  [ -f "$runs/vae/vae.safetensors" ] || { echo "no vae.safetensors"; collect; exit 1; }
fi
collect

# DEADLINE (seconds since the script started): DiT training gets what is left, less a minute for
# encoding the latents and the last checkpoint.
if [ -n "${DEADLINE:-}" ]; then DIT_MINUTES=$(awk -v d="$DEADLINE" -v s="$SECONDS" 'BEGIN { m = (d - s - 60) / 60; if (m < 0.5) m = 0.5; printf "%.2f", m }'); fi
init=()
[ -n "$DIT_INIT" ] && init=(--init "$DIT_INIT")
[ -n "$DIT_RESUME" ] && init=(--resume)
step "train dit: preset $DIT_PRESET, batch $DIT_BATCH, $DIT_MINUTES min, cuda ${init[*]}"
tessera train dit --data "$data/free" --out "$runs/dit" --vae "$runs/vae/vae.safetensors" --device cuda --preset "$DIT_PRESET" \
  --batch "$DIT_BATCH" --lr "$DIT_LR" --minutes "$DIT_MINUTES" --checkpoint-minutes 1 --sample-minutes 0 --threads 8 --seed "$SEED" \
  "${init[@]}" 2>&1 | tee /tmp/tessera-dit.out

step done
kill "$collector" 2>/dev/null; wait "$collector" 2>/dev/null
collect
ls -la "$out"
exec 1>&- 2>&-
sleep 1
