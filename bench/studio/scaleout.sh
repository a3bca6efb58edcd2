#!/usr/bin/env bash
# Scale-out benchmark: the same batch of generation jobs on one PostgreSQL queue, run by 1 and then by 2
# `tessera worker` processes; prints both wall times and their ratio.
#   [DELAY_MS=250] bench/studio/scaleout.sh [JOBS=12]
# Backend: test-pattern with TESSERA_TEST_PATTERN_DELAY_MS=250 (16 frames: 4 s of waiting per job, as for a model on
# its own machine or GPU, plus real ffmpeg encoding and labelling), so the number measures how well the queue
# spreads work, not a model. Set KEEP=1 to keep the data folder and the worker logs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jobs="${1:-12}"; port=5392
"$here/tessera" --help >/dev/null
bin="$here/artifacts/bin/Tessera.Cli/release_linux-x64/tessera"
pg="$("$here/scripts/start-test-postgres")"
data="$(mktemp -d /tmp/tessera-bench-scale.XXXXXX)"; [[ -n "${KEEP:-}" ]] && echo "data: $data" >&2
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n "${KEEP:-}" ]] || rm -rf "$data"; }
trap cleanup EXIT
export TESSERA_TEST_PATTERN_DELAY_MS="${DELAY_MS:-250}"

run() { # $1 = number of worker processes; prints seconds
  local n=$1 schema="bench_scale_$$_$1" conn
  conn="$pg;Search Path=$schema"
  "$bin" serve --urls "http://127.0.0.1:$port" --data "$data" --db postgres --connection "$conn" --workers 0 --dev \
    --backend test-pattern > "$data/serve-$n.log" 2>&1 &
  local server=$!; pids+=("$server")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  for i in $(seq "$jobs"); do
    curl -sf -X POST "http://127.0.0.1:$port/api/v1/generations" -H 'Content-Type: application/json' \
      -d "{\"prompt\":\"batch $i\",\"frames\":16,\"seed\":$i}" >/dev/null
  done
  local start end workers=()
  start=$(date +%s.%N)
  for w in $(seq "$n"); do
    "$bin" worker --db postgres --connection "$conn" --data "$data" --backend test-pattern > "$data/worker-$n-$w.log" 2>&1 &
    workers+=($!); pids+=($!)
  done
  until curl -sf "http://127.0.0.1:$port/metrics" | grep -q "^tessera_jobs{status=\"succeeded\"} $jobs\$"; do sleep 0.05; done
  end=$(date +%s.%N)
  for p in "${workers[@]}" "$server"; do kill "$p"; wait "$p" 2>/dev/null || true; done
  psql "host=127.0.0.1 port=55432 user=postgres dbname=postgres" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  echo "$end - $start" | bc
}

one=$(run 1); two=$(run 2)
printf 'scaleout.sh: %d jobs; 1 worker process: %.1f s; 2 worker processes: %.1f s; speed-up %.2fx (%d cores)\n' \
  "$jobs" "$one" "$two" "$(echo "$one / $two" | bc -l)" "$(nproc)"
