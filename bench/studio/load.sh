#!/usr/bin/env bash
# Load benchmark for the studio's hot read path: GET /api/v1/generations/{id} with an API key, through
# auth, the rate limiter and the SQLite store, measured with wrk (Debian package) on loopback.
#   bench/studio/load.sh [SECONDS=60] [CONNECTIONS=32]
# Prints wrk's report; the Studio section of docs/BENCHMARKS.md records req/s and p99 from it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"; connections="${2:-32}"; port=5391
command -v wrk >/dev/null || { echo "load.sh: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
"$here/tessera" --help >/dev/null   # builds once
bin="$here/artifacts/bin/Tessera.Cli/release_linux-x64/tessera"
data="$(mktemp -d /tmp/tessera-bench-load.XXXXXX)"
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

key="$("$bin" keys create --name bench --data "$data" 2>/dev/null)"
# A rate limit above what the machine can serve, so the server's own cost is what is measured.
"$bin" serve --urls "http://127.0.0.1:$port" --data "$data" --backend test-pattern --rate-limit 1000000 > "$data/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
id="$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/generations" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -d '{"prompt":"a red ball rolls to the right","frames":8}' | sed 's/.*"id":"\([^"]*\)".*/\1/')"
for _ in $(seq 200); do
  curl -sf "http://127.0.0.1:$port/api/v1/generations/$id" -H "Authorization: Bearer $key" | grep -q '"succeeded"' && break; sleep 0.1
done
url="http://127.0.0.1:$port/api/v1/generations/$id"
echo "load.sh: $url, $connections connections, 2 wrk threads, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $key" "$url" >/dev/null   # warm-up (JIT, pools)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $key" "$url"
