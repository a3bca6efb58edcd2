#!/usr/bin/python3
# The bench edit (bench/edit/timeline.json) rendered with libopenshot's Python API (Debian 12:
# apt-get install python3-openshot, libopenshot 0.2.7) — the engine of the OpenShot editor:
# three 5 s clips on a 1280x720 30 fps 48 kHz stereo timeline, each next clip starting 1 s before the
# previous one ends, on a higher layer, fading in (alpha 0 → 1) over that second while the clip below
# fades its sound out and the new one fades its sound in (a 1 s video + audio crossfade); a centred
# 72 px white title over clip 1's 5 s (libopenshot's TextReader, ImageMagick-drawn, DejaVu Sans);
# libx264 preset medium CRF 18, AAC 128k → 13 s.
#   /usr/bin/python3 bench/edit/openshot_edit.py CLIP1 CLIP2 CLIP3 OUT.mp4
import sys

import openshot

FPS = 30
CLIP_SECONDS = 5
FADE_FRAMES = FPS  # 1 s
WIDTH, HEIGHT = 1280, 720


def linear(points):
    """A keyframe through (frame, value) points, frames counted from 1 within the clip."""
    k = openshot.Keyframe()
    for frame, value in points:
        k.AddPoint(openshot.Point(frame, value, openshot.LINEAR))
    return k


def main(paths, out):
    timeline = openshot.Timeline(WIDTH, HEIGHT, openshot.Fraction(FPS, 1), 48000, 2, openshot.LAYOUT_STEREO)
    timeline.info.has_audio = True
    clips = []  # the timeline holds raw pointers: keep the Python objects alive
    last = CLIP_SECONDS * FPS
    for i, path in enumerate(paths):
        clip = openshot.Clip(path)
        clip.Position((CLIP_SECONDS - FADE_FRAMES / FPS) * i)
        clip.Layer(i + 1)
        clip.End(CLIP_SECONDS)
        first, final = i == 0, i == len(paths) - 1
        if not first:
            clip.alpha = linear([(1, 0.0), (1 + FADE_FRAMES, 1.0)])
        volume = [(1, 0.0), (1 + FADE_FRAMES, 1.0)] if not first else [(1, 1.0)]
        if not final:
            volume += [(last - FADE_FRAMES, 1.0), (last, 0.0)]
        clip.volume = linear(volume)
        timeline.AddClip(clip)
        clips.append(clip)

    title = openshot.TextReader(WIDTH, HEIGHT, 0, 0, openshot.GRAVITY_CENTER, "Tessera", "DejaVu-Sans", 72, "#ffffff", "transparent")
    title_clip = openshot.Clip(title)
    title_clip.Position(0)
    title_clip.End(CLIP_SECONDS)
    title_clip.Layer(len(paths) + 1)
    title_clip.has_audio = openshot.Keyframe(0)
    timeline.AddClip(title_clip)
    clips.append(title_clip)

    frames = round(((CLIP_SECONDS - 1) * (len(paths) - 1) + CLIP_SECONDS) * FPS)
    timeline.Open()

    writer = openshot.FFmpegWriter(out)
    writer.SetAudioOptions(True, "aac", 48000, 2, openshot.LAYOUT_STEREO, 128000)
    # A video bit rate below 256 is libopenshot's way of asking for a constant quality (CRF) encode.
    writer.SetVideoOptions(True, "libx264", openshot.Fraction(FPS, 1), WIDTH, HEIGHT, openshot.Fraction(1, 1), False, False, 18)
    writer.PrepareStreams()
    writer.SetOption(openshot.VIDEO_STREAM, "crf", "18")
    writer.SetOption(openshot.VIDEO_STREAM, "preset", "medium")
    # libopenshot's own defaults are a 12-frame GOP without B-frames (its max_b_frames option does not
    # reach x264); x264's medium, what the other tools get, is keyint 250 with 3 B-frames.
    writer.SetOption(openshot.VIDEO_STREAM, "g", "250")
    writer.SetOption(openshot.VIDEO_STREAM, "x264-params", "bframes=3")
    writer.Open()
    for n in range(1, frames + 1):
        writer.WriteFrame(timeline.GetFrame(n))
    writer.Close()
    timeline.Close()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: openshot_edit.py CLIP1 CLIP2 CLIP3 OUT.mp4")
    main(sys.argv[1:4], sys.argv[4])
