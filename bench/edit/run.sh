#!/usr/bin/env bash
# Editor render-speed benchmark (docs/BENCHMARKS.md, "Editor"). Renders one edit — three 5 s 1280x720
# 30 fps clips (testsrc2 + 440 Hz tone), two 1 s video+audio crossfades, a centred 72 px title on clip 1,
# x264 medium CRF 18, AAC 128k → 13 s — with a hand-written ffmpeg filter_complex command, with Tessera
# from its timeline and from the equivalent editly spec, and, when installed, with MLT melt (two worker
# threads, and one), libopenshot
# (bench/edit/openshot_edit.py) and editly 0.14.2 (the spec with resizeMode cover, and with editly's
# default resizeMode). The runs are interleaved, ROUNDS rounds (default 3), and the median wall time of
# each is reported with its ratio to the ffmpeg command. Then the 9:16 reframe (blurred cover + fitted
# foreground, 1080x1920, x264 veryfast) and its frames per second.
#   bench/edit/run.sh [WORKDIR]     (default /tmp/tessera-bench-edit)
# Environment: ROUNDS (3); TOOLS — the renderers to run, space-separated (default: every one installed
#   except editly_defaults, which takes minutes a run, and editly_spec_defaults, Tessera on that spec:
#   ask for them by name); REFRAME=0 skips the reframe.
#   EDITLY — the editly executable (default /work/tools/editly/node_modules/.bin/editly, else editly on PATH).
# Timings are only meaningful on a quiet machine: on the development machine run it through
#   scripts/quiet bench/edit/run.sh /tmp/bench-edit
# Install: apt-get install -y ffmpeg time fonts-dejavu-core; optional: melt, python3-openshot, and editly:
#   apt-get install -y build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev \
#     librsvg2-dev libxi-dev libglu1-mesa-dev libglew-dev libgl1-mesa-dri xvfb xauth
#   mkdir -p /work/tools/editly && cd /work/tools/editly && npm install editly@0.14.2
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/tessera-bench-edit}"
rounds="${ROUNDS:-3}"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

missing=()
for tool in ffmpeg ffprobe awk; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[[ -x /usr/bin/time ]] || missing+=(time)
[[ -f $font ]] || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
  echo "run.sh: missing ${missing[*]}; install with: apt-get install -y ${missing[*]/ffprobe/ffmpeg}" >&2
  exit 1
fi

mkdir -p "$work"
cp "$here/timeline.json" "$here/spec.json5" "$here/reframe.json" "$work/"
# editly's own default resizeMode (contain-blur): the same spec without resizeMode.
sed 's/, resizeMode: .cover.//' "$here/spec.json5" > "$work/spec-defaults.json5"
cd "$work"

"$repo/tessera" --help >/dev/null   # builds the Release CLI once, outside the timings
tessera="$repo/artifacts/bin/Tessera.Cli/release_linux-x64/tessera"
editly="${EDITLY:-/work/tools/editly/node_modules/.bin/editly}"
[[ -x $editly ]] || editly="$(command -v editly || true)"

for i in 1 2 3; do
  [[ -f clip$i.mp4 ]] || ffmpeg -v error -y -f lavfi -i "testsrc2=s=1280x720:r=30:d=5" -f lavfi -i "sine=f=440:r=48000:d=5" \
    -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -shortest clip$i.mp4
done
[[ -f wide.mp4 ]] || ffmpeg -v error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=10" -f lavfi -i "sine=f=440:r=48000:d=10" \
  -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -shortest wide.mp4

# CPU time (user + sys of the process and its children) beside wall time: on a shared machine it is
# far steadier than wall time, and for these single-process renders it is the work each one does.
timer=(/usr/bin/time -f "%U %S" -o cpu.txt)
run_ffmpeg() {
  "${timer[@]}" ffmpeg -v error -y -i clip1.mp4 -i clip2.mp4 -i clip3.mp4 -filter_complex \
    "[0:v]drawtext=fontfile=$font:text=Tessera:fontsize=72:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2:enable='lt(t,5)'[t];
     [t][1:v]xfade=transition=fade:duration=1:offset=4[x1];[x1][2:v]xfade=transition=fade:duration=1:offset=8[v];
     [0:a][1:a]acrossfade=d=1[a1];[a1][2:a]acrossfade=d=1[a]" \
    -map '[v]' -map '[a]' -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart out-ffmpeg.mp4
}
run_tessera() { "${timer[@]}" "$tessera" render timeline.json --output out-tessera.mp4 >/dev/null; }
run_editly_spec() { "${timer[@]}" "$tessera" render spec.json5 --output out-editly-spec.mp4 >/dev/null; }
run_editly_spec_defaults() { "${timer[@]}" "$tessera" render spec-defaults.json5 --output out-editly-spec-defaults.mp4 >/dev/null; }
# melt renders with real_time=-2 (two worker threads, no frame dropping) and, as melt_rt1, with one.
run_melt() { melt_with -2 out-melt.mp4; }
run_melt_rt1() { melt_with -1 out-melt-rt1.mp4; }
melt_with() {
  "${timer[@]}" melt -silent -profile atsc_720p_30 clip1.mp4 -attach-cut dynamictext:Tessera size=72 fgcolour=white halign=centre valign=middle family="DejaVu Sans" \
    clip2.mp4 -mix 30 -mixer luma -mixer mix:-1 clip3.mp4 -mix 30 -mixer luma -mixer mix:-1 \
    -consumer "avformat:$2" vcodec=libx264 preset=medium crf=18 acodec=aac ab=128k movflags=+faststart real_time="$1" >/dev/null 2>&1
}
run_openshot() { "${timer[@]}" /usr/bin/python3 "$here/openshot_edit.py" clip1.mp4 clip2.mp4 clip3.mp4 out-openshot.mp4 >openshot.log 2>&1; }
run_editly() { "${timer[@]}" xvfb-run -a "$editly" --json spec.json5 --out out-editly.mp4 >editly.log 2>&1; }
run_editly_defaults() { "${timer[@]}" xvfb-run -a "$editly" --json spec-defaults.json5 --out out-editly-defaults.mp4 >editly-defaults.log 2>&1; }

if [[ -n ${TOOLS:-} ]]; then
  read -ra tools <<<"$TOOLS"
else
  tools=(ffmpeg tessera editly_spec)
  if command -v melt >/dev/null; then tools+=(melt melt_rt1); else echo "skipping melt: apt-get install -y melt" >&2; fi
  if /usr/bin/python3 -c "import openshot" 2>/dev/null; then tools+=(openshot); else echo "skipping libopenshot: apt-get install -y python3-openshot" >&2; fi
  if [[ -n $editly ]] && command -v xvfb-run >/dev/null; then tools+=(editly)
  else echo "skipping editly: install it (see the top of this script) or set EDITLY=/path/to/editly" >&2; fi
fi

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a - b}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cpu() { awk 'END {printf "%.2f", $1 + $2}' cpu.txt; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# On the development machine a training job is paused (SIGSTOP) by scripts/quiet for the run; one
# started or resumed meanwhile would share the cores. Flag every timing taken while one was running.
disturbed=0
check_quiet() {
  local p
  for p in $(pgrep -f "tessera train" || true); do
    [[ $(ps -o stat= -p "$p" 2>/dev/null) == T* ]] || { disturbed=1; echo "  warning: a training process ($p) ran during this timing" >&2; }
  done
}

# Other work on the machine (another benchmark, a build) would share the cores too: before each timing,
# wait (up to IDLE_WAIT seconds, default 90) until the last second was at least 90% idle.
busy_percent() {
  local a b
  read -ra a < /proc/stat; sleep 1; read -ra b < /proc/stat
  awk -v t1="$(( a[1]+a[2]+a[3]+a[4]+a[5]+a[6]+a[7]+a[8] ))" -v i1="$(( a[4]+a[5] ))" \
      -v t2="$(( b[1]+b[2]+b[3]+b[4]+b[5]+b[6]+b[7]+b[8] ))" -v i2="$(( b[4]+b[5] ))" \
      'BEGIN {printf "%d", 100 * (1 - (i2 - i1) / (t2 - t1 + 1e-9))}'
}
wait_idle() {
  local b k
  for ((k = 0; k < ${IDLE_WAIT:-90}; k++)); do
    b=$(busy_percent); ((b <= 10)) && return
  done
  disturbed=1; echo "  warning: the machine stayed ${b}% busy; timing anyway" >&2
}

declare -A times cpus
if ((${#tools[@]})); then
  for ((r = 1; r <= rounds; r++)); do
    for t in "${tools[@]}"; do
      wait_idle; s=$(now); "run_$t"; e=$(now); check_quiet
      times[$t]+="$(sub "$e" "$s") "
      cpus[$t]+="$(cpu) "
    done
  done
  echo "edit: 3 x 5 s 1280x720, two 1 s crossfades, 72 px title, x264 medium crf 18, AAC 128k (median of $rounds, interleaved; $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  base=$(echo "${times[ffmpeg]:-}" | median); cbase=$(echo "${cpus[ffmpeg]:-}" | median)
  for t in "${tools[@]}"; do
    m=$(echo "${times[$t]}" | median); c=$(echo "${cpus[$t]}" | median)
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "out-${t//_/-}.mp4" 2>/dev/null || true)
    printf "  %-16s wall median %7.2f s (%s) ratio %s | cpu median %7.2f s (%s) ratio %s | output %s s\n" "$t" \
      "$m" "${times[$t]% }" "${base:+$(div "$m" "$base")x}" "$c" "${cpus[$t]% }" "${cbase:+$(div "$c" "$cbase")x}" "${dur:-?}"
  done
fi

if [[ ${REFRAME:-1} == 0 ]]; then
  ((disturbed)) && echo "warning: some timings were taken on a busy machine (see above)" >&2
  exit 0
fi
# The 9:16 reframe, Tessera beside the same graph written by hand (both x264 veryfast CRF 18).
rf="" cf="" rt="" ct=""
for r in 1 2; do
  wait_idle; s=$(now)
  "${timer[@]}" ffmpeg -v error -y -i wide.mp4 -filter_complex \
    "[0:v]split[a][b];[a]scale=270:480:force_original_aspect_ratio=increase,crop=270:480,boxblur=22:2,scale=1080:1920[bg];[b]scale=1080:-2[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2[v]" \
    -map '[v]' -map 0:a -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k out-reframe-ffmpeg.mp4
  e=$(now); check_quiet; rf+="$(sub "$e" "$s") "; cf+="$(cpu) "
  wait_idle; s=$(now); "${timer[@]}" "$tessera" render reframe.json --output out-reframe.mp4 --preset veryfast >/dev/null; e=$(now); check_quiet
  rt+="$(sub "$e" "$s") "; ct+="$(cpu) "
done
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 out-reframe.mp4)
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 out-reframe.mp4)
best() { tr ' ' '\n' | grep -v '^$' | sort -g | head -1; }
tf=$(echo "$rf" | best); tt=$(echo "$rt" | best)
ctf=$(echo "$cf" | median); ctt=$(echo "$ct" | median)
printf "reframe 16:9 -> 9:16 %s (blurred cover + fitted foreground), x264 veryfast, %d frames, best of 2 (%s / %s):\n" "$size" "$frames" "${rf% }" "${rt% }"
printf "  ffmpeg by hand  wall %6.2f s = %5.1f fps | cpu %6.2f s\n  tessera         wall %6.2f s = %5.1f fps | cpu %6.2f s | ratio wall %sx cpu %sx\n" \
  "$tf" "$(div "$frames" "$tf")" "$ctf" "$tt" "$(div "$frames" "$tt")" "$ctt" "$(div "$tt" "$tf")" "$(div "$ctt" "$ctf")"
((disturbed)) && echo "warning: some timings were taken on a busy machine (see above)" >&2
exit 0
