#!/usr/bin/env bash
# Audio/video sync over a 10-minute render (docs/BENCHMARKS.md, "Editor"). The source is 10 s of black
# with one white frame at 5 s and a one-frame 1 kHz click at the same instant. The timeline strings
# 60 cuts of it (some trimmed, some at 1.25x speed, some joined by 0.5 s crossfades) into ~10 minutes;
# the render is read back and every flash's frame is compared with its click's frame (1/30 s windows).
#   bench/edit/sync.sh [WORKDIR]     (default /tmp/tessera-bench-sync)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/tessera-bench-sync}"
mkdir -p "$work" && cd "$work"
"$repo/tessera" --help >/dev/null
tessera="$repo/artifacts/bin/Tessera.Cli/release_linux-x64/tessera"

[[ -f flash.mp4 ]] || ffmpeg -v error -y \
  -f lavfi -i "color=c=black:s=320x180:r=30:d=10,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n,150)'" \
  -f lavfi -i "aevalsrc='if(between(t,5,5+1/30),0.5*sin(2*PI*1000*t),0)':s=48000:d=10" \
  -c:v libx264 -preset ultrafast -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k -shortest flash.mp4

{
  echo '{ "width": 320, "height": 180, "fps": 30, "tracks": [ { "clips": ['
  for ((i = 0; i < 60; i++)); do
    clip='{ "video": "flash.mp4"'
    (( i % 4 == 1 )) && clip+=', "in": 1.5'
    (( i % 5 == 2 )) && clip+=', "speed": 1.25'
    (( i % 3 == 0 && i < 59 )) && clip+=', "transition": { "type": "crossfade", "duration": 0.5 }'
    clip+=' }'
    (( i < 59 )) && clip+=','
    echo "    $clip"
  done
  echo '] } ] }'
} > sync.json

"$tessera" render sync.json --output sync.mp4 --preset ultrafast >/dev/null
ffprobe -v error -show_entries stream=codec_type,duration -of csv=p=0 sync.mp4 | tr '\n' ' '; echo
ffmpeg -v error -i sync.mp4 -map 0:v -vf "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=video.txt" -f null -
ffmpeg -v error -i sync.mp4 -map 0:a -af "aresample=48000,asetnsamples=n=1600:p=0,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level:file=audio.txt" -f null -
# Frame index of every flash (YAVG > 128) and every click window (RMS > -30 dB), in order.
awk -F'[ :=]+' '/^frame:/ {n=$2} /YAVG/ {if ($2 > 128) print n}' video.txt > flashes.txt
awk -F'[ :=]+' '/^frame:/ {n=$2} /RMS_level/ {if ($2 != "-inf" && $2 > -30) print n}' audio.txt | awk 'NR==1 || $1 > prev + 1 {print} {prev=$1}' > clicks.txt
# Clip k (0-based) plays at 1.25x when k % 5 == 2: atempo's overlapping windows smear a click's onset there.
paste flashes.txt clicks.txt | awk '{d = $2 - $1; if (d < 0) d = -d; k = NR - 1; if (k % 5 == 2) { if (d > ms) ms = d } else { if (d > m1) m1 = d }; n++; last = $0}
  END {printf "flashes/clicks matched: %d; largest offset: %d frame(s) on 1x clips, %d on 1.25x clips; last pair (frame of flash, of click): %s\n", n, m1, ms, last}'
wc -l < flashes.txt | xargs echo "flashes:"; wc -l < clicks.txt | xargs echo "clicks:"
