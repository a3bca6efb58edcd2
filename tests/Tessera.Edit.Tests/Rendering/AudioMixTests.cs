namespace Tessera.Edit.Tests;

/// <summary>Ducking and loudness normalisation, measured on the decoded mix.</summary>
[Collection("media")]
public sealed class AudioMixTests(TestMedia media)
{
    [Fact]
    public void Mix_is_mono_when_every_source_is_and_stereo_when_one_is_stereo()
    {
        // All sources mono (the clips' tones, music.wav): nothing to spread over two channels.
        var mono = media.Write("mono.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [ { "video": "red.mp4", "transition": { "type": "crossfade", "duration": 0.5 } }, { "video": "blue.mp4" } ] } ],
              "audio": [ { "file": "music.wav", "volume": 0.3 } ] }
            """);
        var monoOut = media.Out("mono.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(mono), monoOut, RenderOptions.Default);
        Assert.Equal(1, Tessera.Media.MediaProbe.Probe(monoOut).Audio!.Channels);
        Assert.InRange(Decoded.Rms(Decoded.Samples(monoOut), 0.2, 1.2), 0.15, 0.25);

        // A stereo music track: the mix keeps both channels.
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "sine=f=330:r=48000:d=3", "-ac", "2", "-c:a", "pcm_s16le", media.Out("stereo.wav"));
        var stereo = media.Write("stereo.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [ { "video": "red.mp4" } ] } ],
              "audio": [ { "file": "stereo.wav" } ] }
            """);
        var stereoOut = media.Out("stereo.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(stereo), stereoOut, RenderOptions.Default);
        Assert.Equal(2, Tessera.Media.MediaProbe.Probe(stereoOut).Audio!.Channels);
    }

    [Fact]
    public void Music_ducks_under_voice_and_comes_back()
    {
        // Music (a 330 Hz tone, RMS 0.177) all along; voice (blue.mp4's 880 Hz tone, RMS 0.177) from 1 s to 3 s.
        var path = media.Write("duck.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [ { "color": "black", "duration": 4.5 } ] } ],
              "audio": [ { "file": "music.wav", "role": "music" }, { "file": "blue.mp4", "role": "voice", "start": 1 } ],
              "mix": { "duck": { "ratio": 20, "threshold": 0.02, "attack": 5, "release": 200 } } }
            """);
        var output = media.Out("duck.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var s = Decoded.Samples(output);
        Assert.InRange(Decoded.Rms(s, 0.2, 0.9), 0.15, 0.2);   // music alone
        // Both undiminished would give √2 × 0.177 = 0.25; ducked music leaves mostly the voice.
        Assert.InRange(Decoded.Rms(s, 1.5, 2.5), 0.15, 0.215);
        Assert.InRange(Decoded.Rms(s, 3.8, 4.4), 0.15, 0.2);   // music back after the voice
    }

    [Fact]
    public void Loudness_normalisation_brings_the_mix_to_its_target()
    {
        var path = media.Write("loud.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [ { "color": "black", "duration": 3 } ] } ],
              "audio": [ { "file": "music.wav" } ], "mix": { "loudness": -30 } }
            """);
        var output = media.Out("loud.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var s = Decoded.Samples(output);
        Assert.InRange(s.Length / 48000.0, 3 - 1 / 30.0, 3 + 1 / 30.0);
        // The tone sits near −15 LUFS; at −30 LUFS its RMS is about 0.177 / 10^(15/20) ≈ 0.031.
        Assert.InRange(Decoded.Rms(s, 1, 2.5), 0.02, 0.045);
    }
}
