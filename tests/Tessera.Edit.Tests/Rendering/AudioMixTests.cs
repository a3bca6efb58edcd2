namespace Tessera.Edit.Tests;

/// <summary>Ducking and loudness normalisation, measured on the decoded mix.</summary>
[Collection("media")]
public sealed class AudioMixTests(TestMedia media)
{
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
