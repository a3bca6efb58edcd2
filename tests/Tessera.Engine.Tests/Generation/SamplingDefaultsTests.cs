using Tessera.Engine.Generation;
using Tessera.Media;

namespace Tessera.Engine.Tests.Generation;

public sealed class SamplingDefaultsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tessera-defaults-" + Guid.NewGuid().ToString("N")[..8]);

    public SamplingDefaultsTests() => Directory.CreateDirectory(_dir);

    private SamplingDefaults LoadWith(string json)
    {
        File.WriteAllText(Path.Combine(_dir, SamplingDefaults.FileName), json);
        return SamplingDefaults.Load(_dir);
    }

    [Fact]
    public void A_folder_without_generation_json_gets_the_built_in_values_and_a_file_overrides_only_what_it_names()
    {
        Assert.Equal(SamplingDefaults.BuiltIn, SamplingDefaults.Load(_dir));
        Assert.Equal(SamplingDefaults.BuiltIn with { Cfg = 1 }, LoadWith("""{"cfg": 1}"""));
        Assert.Equal(new SamplingDefaults(30, 2.5), LoadWith("""{"steps": 30, "cfg": 2.5}"""));
        Assert.Equal(SamplingDefaults.BuiltIn with { Autoguide = 2 }, LoadWith("""{"autoguide": 2}"""));
        Assert.Equal(SamplingDefaults.BuiltIn with { NoiseScale = 0.4 }, LoadWith("""{"noiseScale": 0.4}"""));
        Assert.Equal(SamplingDefaults.BuiltIn with { Consensus = 8 }, LoadWith("""{"consensus": 8}"""));
        Assert.Equal(1, SamplingDefaults.BuiltIn.Consensus);   // one draw unless a folder asks for more
        Assert.Equal(1.0, SamplingDefaults.BuiltIn.Autoguide);   // off unless a folder asks for it
    }

    [Theory]
    [InlineData("{\"cfg\": 1", "could not be read as JSON")]
    [InlineData("[1]", "must hold a JSON object")]
    [InlineData("{\"steps\": 0}", "\"steps\" must be a whole number 1..1000, got 0")]
    [InlineData("{\"steps\": 2.5}", "\"steps\" must be a whole number")]
    [InlineData("{\"cfg\": \"1\"}", "\"cfg\" must be a number 0..50, got \"1\"")]
    [InlineData("{\"cfg\": -1}", "\"cfg\" must be a number")]
    [InlineData("{\"cfg\": 1e400}", "\"cfg\" must be a number 0..50, got 1e400")]
    [InlineData("{\"guidance\": 1}", "unknown key \"guidance\"")]
    [InlineData("{\"autoguide\": -0.5}", "\"autoguide\" must be a number 0..50 (1 = off), got -0.5")]
    [InlineData("{\"autoguide\": true}", "\"autoguide\" must be a number")]
    [InlineData("{\"noiseScale\": 0}", "\"noiseScale\" must be a number in (0, 2] (1 = as trained), got 0")]
    [InlineData("{\"consensus\": 0}", "\"consensus\" must be a whole number 1..32 (1 = one draw), got 0")]
    [InlineData("{\"consensus\": 2.5}", "\"consensus\" must be a whole number 1..32")]
    public void A_bad_generation_json_is_refused_naming_the_file_and_the_fault(string json, string expected)
    {
        var error = Assert.Throws<TesseraError>(() => LoadWith(json));
        Assert.Contains(Path.Combine(_dir, SamplingDefaults.FileName), error.Message);
        Assert.Contains(expected, error.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
