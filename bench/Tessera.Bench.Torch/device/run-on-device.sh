#!/usr/bin/env bash
# Runs on the lent GPU machine, from the folder scripts/device-publish fills (carried there as
# artifacts/device). That machine has CUDA and PyTorch but no .NET and no network: the bench travels
# as a self-contained publish without libtorch and is pointed at PyTorch's libtorch.
#
# Steps: describe the machine; unpack; list the C++ symbols TorchSharp's bridge (libLibTorchSharp.so,
# built against libtorch 2.10) imports that PyTorch's libtorch lacks; if none, run the bench on cuda
# and cpu; if some, record how the shipped bridge fails, compile it from the carried TorchSharp
# source against this libtorch and run the bench with that; then the PyTorch reference.
# Everything lands in $OUT (at most 8 files come back).
#
# Usage there: bash artifacts/device/run-on-device.sh [quick]   ("quick": smaller runs, for a smoke test)
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${OUT:-$here/out}
results=/tmp/tessera-bench-results
app=/tmp/tessera-bench-torch
mkdir -p "$out" "$results"
exec > >(tee "$out/device.log") 2>&1
quick=${1:-}
step() { printf '\n== %s (%s UTC)\n' "$*" "$(date -u +%T)"; }

step machine
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi failed"
echo "cpus: $(nproc), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
. /etc/os-release 2>/dev/null && echo "os: ${PRETTY_NAME:-?}"
ldd --version | head -1
stdcxx=$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
echo "libstdc++: $stdcxx, newest $(strings "$stdcxx" | grep -E '^GLIBCXX_[0-9.]+$' | sort -V | tail -1)"
python3 -m pip list 2>/dev/null | grep -i -E '^(torch|nvidia-(cublas|cudnn|cuda-runtime))' | tr -s ' '
torch_lib=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))') || { echo "no PyTorch"; exit 1; }
python3 -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), "cxx11abi", torch._C._GLIBCXX_USE_CXX11_ABI)'
echo "torch lib: $torch_lib"; ls "$torch_lib" | tr '\n' ' '; echo
echo "other libtorch_cpu.so on this machine:"
timeout 30 find / -xdev \( -path /proc -o -path /sys \) -prune -o -name 'libtorch_cpu.so*' -print 2>/dev/null | grep -v "^$torch_lib/" || echo "  none"

step unpack
rm -rf "$app" && mkdir -p "$app" && tar -C "$app" -xzf "$here/tessera-bench-torch.tar.gz" || exit 1
du -sh "$app"

step "symbols libLibTorchSharp.so imports that torch $(python3 -c 'import torch;print(torch.__version__)') lacks"
missing_symbols() {
  nm -D --undefined-only "$1" | awk '$1 == "U" && $2 !~ /@/ {print $2}' | sort -u > /tmp/need.txt
  for l in libc10.so libtorch_cpu.so libtorch.so libc10_cuda.so libtorch_cuda.so; do
    [ -f "$torch_lib/$l" ] && nm -D --defined-only "$torch_lib/$l" | awk '{print $3}'
  done | sed 's/@.*//' | sort -u > /tmp/have.txt
  comm -23 /tmp/need.txt /tmp/have.txt
}
missing_symbols "$app/libLibTorchSharp.so" > "$results/missing-symbols.txt"
echo "imports $(wc -l < /tmp/need.txt) unversioned symbols; missing: $(wc -l < "$results/missing-symbols.txt")"
c++filt < "$results/missing-symbols.txt" | head -40

export LD_LIBRARY_PATH=$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export DOTNET_CLI_TELEMETRY_OPTOUT=1
if [ "$quick" = quick ]; then cuda_args=(--sizes 2048 --steps 5); cpu_args=(--sizes 2048 --steps 1 --batch 8)
else cuda_args=(); cpu_args=(--steps 2); fi
# bench NAME ARGS...: one run, its JSON in $results, its exit status in the log.
bench() {
  local name=$1; shift
  step "bench $name: $*"
  timeout 200 "$app/tessera-bench-torch" --libtorch "$torch_lib" --json "$results/$name.json" "$@"
  local rc=$?; echo "exit $rc"; return $rc
}
bench_all() {
  local suffix=$1 failed=0
  bench "cuda$suffix" --device cuda "${cuda_args[@]}" || failed=1
  bench "cpu16-b8$suffix" --device cpu --batch 8 "${cpu_args[@]}" || failed=1
  [ "$quick" = quick ] || bench "cpu16-b32$suffix" --device cpu "${cpu_args[@]}" || failed=1
  # Batch 32 of 512 tokens at width 384 leaves an H100 under-filled: a bigger batch shows the headroom.
  [ "$quick" = quick ] || bench "cuda-b128$suffix" --device cuda --batch 128 --sizes "" --steps 10 || failed=1
  return $failed
}

# Compiles TorchSharp's native bridge from the carried source against this machine's libtorch.
build_bridge() {
  local src=$here/libtorchsharp-src obj=/tmp/lts-obj include
  [ -f "$src/LibTorchSharp/CMakeLists.txt" ] || { echo "no TorchSharp source carried (scripts/device-publish --torchsharp-src)"; return 1; }
  include=$(dirname "$torch_lib")/include
  local abi; abi=$(python3 -c 'import torch;print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')
  rm -rf "$obj" && mkdir -p "$obj"
  # -O1: the bridge only forwards calls into libtorch, and THSTensor.cpp alone takes minutes at -O2.
  # The source list is the one TorchSharp's CMakeLists.txt builds (it leaves some files out).
  grep -oE '\b[A-Za-z0-9_]+\.(cpp|c)\b' "$src/LibTorchSharp/CMakeLists.txt" | sort -u > /tmp/lts-sources.txt
  echo "compiling $(wc -l < /tmp/lts-sources.txt) files with $(g++ --version | head -1)"
  export src obj include abi
  xargs -P "$(nproc)" -I{} bash -c '
    f=$src/LibTorchSharp/{}; case {} in *.c) cc=(gcc);; *) cc=(g++ -std=c++17);; esac
    "${cc[@]}" -c -O1 -fPIC -fvisibility=hidden -w -D_GLIBCXX_USE_CXX11_ABI=$abi -D__LINUX__ -D_NO_ASYNCRTIMP -D_NO_PPLXIMP \
      -I"$include" -I"$include/torch/csrc/api/include" -I"$src" -o "$obj/{}.o" "$f" 2> "$obj/{}.err" \
      || { echo "compile failed: {}"; grep -m5 error "$obj/{}.err"; exit 1; }' < /tmp/lts-sources.txt || return 1
  g++ -shared -o "$obj/libLibTorchSharp.so" "$obj"/*.o -L"$torch_lib" -Wl,--no-as-needed -ltorch -ltorch_cpu -lc10 \
    -Wl,-soname,libLibTorchSharp.so -Wl,-Bsymbolic -Wl,-Bsymbolic-functions -Wl,-rpath,'$ORIGIN/' || return 1
  echo "missing symbols after the rebuild: $(missing_symbols "$obj/libLibTorchSharp.so" | wc -l)"
  # Comes back, so a later call can carry it instead of compiling again.
  cp "$obj/libLibTorchSharp.so" "$out/libLibTorchSharp-torch$(python3 -c 'import torch;print(torch.__version__.split("+")[0])').so"
}

missing=$(wc -l < "$results/missing-symbols.txt")
if (( missing > 0 )); then
  # Start the rebuild at once (16 cores, a few minutes) while the shipped bridge is tried, so that one
  # call of the device tool both records how the shipped bridge fails and measures the rebuilt one.
  step "$missing imports missing: compiling the bridge against this libtorch in the background"
  build_bridge > /tmp/build-bridge.log 2>&1 &
  builder=$!
  step "shipped bridge (TorchSharp 0.107, built for libtorch 2.10), cuda only"
  LD_BIND_NOW=1 bench cuda-shipped-bind-now --device cuda --sizes 2048 --steps 2 --warmup 1
  bench cuda-shipped --device cuda --sizes 2048 --steps 2 --warmup 1
  wait $builder; built=$?
  cat /tmp/build-bridge.log
  # Only now: the shipped file may still have been mapped by a run above. TorchSharp loads the bridge
  # by name from the program folder, so the rebuilt one replaces it there.
  if (( built == 0 )); then cp /tmp/lts-obj/libLibTorchSharp.so "$app/libLibTorchSharp.so" && bench_all "-rebuilt"; else echo "the bridge did not build (exit $built)"; fi
else
  step "bench with the shipped bridge (TorchSharp 0.107, built for libtorch 2.10)"
  bench_all ""
fi

step "PyTorch reference (same shapes)"
if [ "$quick" = quick ]; then ref=(--sizes 2048 --steps 5); else ref=(); fi
timeout 150 python3 "$here/pytorch_reference.py" --device cuda "${ref[@]}" --json "$results/pytorch-cuda.json"; echo "exit $?"
timeout 150 python3 "$here/pytorch_reference.py" --device cpu --batch 8 --steps 2 --warmup 1 "${ref[@]}" --json "$results/pytorch-cpu16-b8.json"; echo "exit $?"

step done
cp "$results/missing-symbols.txt" "$out/" 2>/dev/null
tar -C "$results" -czf "$out/results.tar.gz" .
ls -la "$out"
# Let tee write the last lines to device.log before the machine takes back what is still running.
exec 1>&- 2>&-
sleep 1
