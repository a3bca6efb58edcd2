# Sourced by the bench scripts that generate with a model: MODEL_DIR and OUT_DIR from their arguments (the shipped
# model and /tmp/NAME by default), the output folder made, and $tessera, the CLI built once by ./tessera.
#   source bench/model-and-cli.sh NAME "$@"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${2:-$here/models/world-tiny}"; out="${3:-/tmp/$1}"
mkdir -p "$out"
"$here/tessera" --help >/dev/null
tessera="$here/artifacts/bin/Tessera.Cli/release_linux-x64/tessera"
