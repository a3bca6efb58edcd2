using Tessera.Engine.Generation;
using Tessera.Media;

namespace Tessera.Engine.Tests.Generation;

public sealed class ModelDirectoryTests
{
    [Fact]
    public void A_bare_name_picks_a_shipped_model_and_no_name_the_default_one()
    {
        var byName = ModelDirectory.Resolve("world-tiny");
        Assert.True(File.Exists(Path.Combine(byName, ModelDirectory.DitFile)), $"{byName} holds no {ModelDirectory.DitFile}");
        Assert.Equal(Path.GetFullPath(ModelDirectory.Resolve(null)), Path.GetFullPath(byName));
    }

    [Fact]
    public void An_unknown_model_is_refused_with_what_to_pass()
    {
        var error = Assert.Throws<TesseraError>(() => ModelDirectory.Resolve("no-such-model"));
        Assert.Contains("no-such-model", error.Message);
        Assert.Contains("shipped model under models/", error.Message);
    }
}
