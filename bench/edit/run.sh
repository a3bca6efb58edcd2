#!/usr/bin/env bash
# Editor render-speed benchmark (docs/BENCHMARKS.md, "Editor"). Renders one edit — three 5 s 1280x720
# 30 fps clips (testsrc2 + 440 Hz tone), two 1 s video+audio crossfades, a centred 72 px title on clip 1,
# x264 medium CRF 18, AAC 128k → 13 s — with a hand-written ffmpeg filter_complex command, with Tessera
# from its timeline and from the equivalent editly spec, and with MLT melt when installed; the runs
# are interleaved, ROUNDS rounds (default 3), and the median wall time of each is reported with its
# ratio to the ffmpeg command. Then the 9:16 reframe (blurred cover + fitted foreground, 1080x1920,
# x264 veryfast) and its frames per second.
#   bench/edit/run.sh [WORKDIR]     (default /tmp/tessera-bench-edit)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/tessera-bench-edit}"
rounds="${ROUNDS:-3}"
mkdir -p "$work"
cp "$here/timeline.json" "$here/spec.json5" "$here/reframe.json" "$work/"
cd "$work"

"$repo/tessera" --help >/dev/null   # builds the Release CLI once, outside the timings
tessera="$repo/artifacts/bin/Tessera.Cli/release/tessera"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

for i in 1 2 3; do
  [[ -f clip$i.mp4 ]] || ffmpeg -v error -y -f lavfi -i "testsrc2=s=1280x720:r=30:d=5" -f lavfi -i "sine=f=440:r=48000:d=5" \
    -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -shortest clip$i.mp4
done
[[ -f wide.mp4 ]] || ffmpeg -v error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=10" -f lavfi -i "sine=f=440:r=48000:d=10" \
  -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -shortest wide.mp4

# CPU time (user + sys of the process and its children) beside wall time: on a shared machine it is
# far steadier than wall time, and for these single-process renders it is the work each one does.
timer=(/usr/bin/time -f "%U+%S" -o cpu.txt)
run_ffmpeg() {
  "${timer[@]}" ffmpeg -v error -y -i clip1.mp4 -i clip2.mp4 -i clip3.mp4 -filter_complex \
    "[0:v]drawtext=fontfile=$font:text=Tessera:fontsize=72:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2:enable='lt(t,5)'[t];
     [t][1:v]xfade=transition=fade:duration=1:offset=4[x1];[x1][2:v]xfade=transition=fade:duration=1:offset=8[v];
     [0:a][1:a]acrossfade=d=1[a1];[a1][2:a]acrossfade=d=1[a]" \
    -map '[v]' -map '[a]' -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart out-ffmpeg.mp4
}
run_tessera() { "${timer[@]}" "$tessera" render timeline.json --output out-tessera.mp4 >/dev/null; }
run_editly_spec() { "${timer[@]}" "$tessera" render spec.json5 --output out-editly-spec.mp4 >/dev/null; }
run_melt() {
  "${timer[@]}" melt -silent -profile atsc_720p_30 clip1.mp4 -attach-cut dynamictext:Tessera size=72 fgcolour=white halign=centre valign=middle family="DejaVu Sans" \
    clip2.mp4 -mix 30 -mixer luma -mixer mix:-1 clip3.mp4 -mix 30 -mixer luma -mixer mix:-1 \
    -consumer avformat:out-melt.mp4 vcodec=libx264 preset=medium crf=18 acodec=aac ab=128k movflags=+faststart real_time=-2 >/dev/null 2>&1
}

tools=(ffmpeg tessera editly_spec)
command -v melt >/dev/null && tools+=(melt)
declare -A times cpus
for ((r = 1; r <= rounds; r++)); do
  for t in "${tools[@]}"; do
    s=$(date +%s.%N); "run_$t"; e=$(date +%s.%N)
    times[$t]+="$(echo "$e - $s" | bc) "
    cpus[$t]+="$(tail -1 cpu.txt | bc) "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(echo "${times[ffmpeg]}" | median)
cbase=$(echo "${cpus[ffmpeg]}" | median)
echo "edit: 3 x 5 s 1280x720, two 1 s crossfades, 72 px title, x264 medium crf 18, AAC 128k (median of $rounds, interleaved)"
for t in "${tools[@]}"; do
  m=$(echo "${times[$t]}" | median)
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "out-${t//_/-}.mp4" 2>/dev/null || echo "?")
  dur=${dur:-?}
  c=$(echo "${cpus[$t]}" | median)
  printf "  %-12s wall median %6.2f s (%s) ratio %.2fx | cpu median %6.2f s (%s) ratio %.2fx | output %s s\n" "$t" \
    "$m" "${times[$t]% }" "$(echo "$m / $base" | bc -l)" "$c" "${cpus[$t]% }" "$(echo "$c / $cbase" | bc -l)" "$dur"
done

# The 9:16 reframe, Tessera beside the same graph written by hand (both x264 veryfast CRF 18).
for r in 1 2; do
  s=$(date +%s.%N)
  "${timer[@]}" ffmpeg -v error -y -i wide.mp4 -filter_complex \
    "[0:v]split[a][b];[a]scale=270:480:force_original_aspect_ratio=increase,crop=270:480,boxblur=22:2,scale=1080:1920[bg];[b]scale=1080:-2[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2[v]" \
    -map '[v]' -map 0:a -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k out-reframe-ffmpeg.mp4
  e=$(date +%s.%N); rf+="$(echo "$e - $s" | bc) "; cf+="$(tail -1 cpu.txt | bc) "
  s=$(date +%s.%N); "${timer[@]}" "$tessera" render reframe.json --output out-reframe.mp4 --preset veryfast >/dev/null; e=$(date +%s.%N)
  rt+="$(echo "$e - $s" | bc) "; ct+="$(tail -1 cpu.txt | bc) "
done
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 out-reframe.mp4)
tf=$(echo "$rf" | median); tt=$(echo "$rt" | median)
printf "reframe 16:9 -> 9:16 1080x1920 (blurred cover + fitted foreground), x264 veryfast, %d frames, best of 2:\n" "$frames"
ctf=$(echo "$cf" | median); ctt=$(echo "$ct" | median)
printf "  ffmpeg by hand  wall %6.2f s = %5.1f fps | cpu %6.2f s\n  tessera         wall %6.2f s = %5.1f fps | cpu %6.2f s | ratio wall %.2fx cpu %.2fx\n" \
  "$tf" "$(echo "$frames / $tf" | bc -l)" "$ctf" "$tt" "$(echo "$frames / $tt" | bc -l)" "$ctt" "$(echo "$tt / $tf" | bc -l)" "$(echo "$ctt / $ctf" | bc -l)"
