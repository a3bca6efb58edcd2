using System.Globalization;
using TorchSharp;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Text;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>What a DiT checkpoint records besides weights: how it was trained, for the generator's defaults.</summary>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="TrainFrames">Pixel frames per training clip (1 + 4k); longer videos are made chunk by chunk.</param>
/// <param name="TrainWidth">Training clip width.</param>
/// <param name="TrainHeight">Training clip height.</param>
/// <param name="Fps">Frame rate of the training clips.</param>
public sealed record DitTrainingInfo(long Step, int TrainFrames, int TrainWidth, int TrainHeight, double Fps);

/// <summary>
/// The shippable DiT file (dit.safetensors): the model's weights (the EMA weights when saved by the
/// trainer), the caption vocabulary, the config and the training info, in one safetensors file.
/// </summary>
public static class DitCheckpoint
{
    public const string FormatName = "tessera-dit/1";
    private const string VocabularyTensor = "caption_vocabulary";

    public static Dictionary<string, Tensor> NamedParameters(DiffusionTransformer model) =>
        model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> weights, DitConfig config,
        CaptionTokenizer tokenizer, DitTrainingInfo info)
    {
        var tensors = new Dictionary<string, Tensor>(weights);
        using var vocabulary = torch.tensor(tokenizer.VocabularyIds.ToArray(), ScalarType.Int32);
        tensors[VocabularyTensor] = vocabulary;
        SafeTensorsFile.Save(path, tensors, Metadata(config, info));
    }

    public static Dictionary<string, string> Metadata(DitConfig config, DitTrainingInfo info) => new()
    {
        ["format"] = FormatName,
        ["config"] = config.ToJson(),
        ["step"] = info.Step.ToString(CultureInfo.InvariantCulture),
        ["train_frames"] = info.TrainFrames.ToString(CultureInfo.InvariantCulture),
        ["train_width"] = info.TrainWidth.ToString(CultureInfo.InvariantCulture),
        ["train_height"] = info.TrainHeight.ToString(CultureInfo.InvariantCulture),
        ["fps"] = info.Fps.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Loads a model for sampling. Throws a TesseraError naming the file when it is missing, corrupt or not a DiT.</summary>
    public static (DiffusionTransformer Model, CaptionTokenizer Tokenizer, DitTrainingInfo Info) Load(string path)
    {
        using var content = SafeTensorsFile.Load(path);
        var meta = content.Metadata;
        if (meta.GetValueOrDefault("format") != FormatName)
            throw new TesseraError($"{path} is not a Tessera DiT checkpoint (format '{meta.GetValueOrDefault("format") ?? "none"}', expected {FormatName})");
        try
        {
            var config = DitConfig.FromJson(meta["config"], path);
            var ids = content.Require(VocabularyTensor, path).to_type(ScalarType.Int32).data<int>().ToArray();
            var tokenizer = new CaptionTokenizer(ids, config.MaxTextTokens);
            var info = ReadInfo(meta);
            var model = new DiffusionTransformer(config);
            LoadWeights(model, content, "", path);
            model.eval();
            return (model, tokenizer, info);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new TesseraError($"{path}: the DiT checkpoint is damaged or from another version ({e.Message}); re-export it with tessera train dit", 2, e);
        }
    }

    public static DitTrainingInfo ReadInfo(IReadOnlyDictionary<string, string> meta) => new(
        long.Parse(meta["step"], CultureInfo.InvariantCulture),
        int.Parse(meta["train_frames"], CultureInfo.InvariantCulture),
        int.Parse(meta["train_width"], CultureInfo.InvariantCulture),
        int.Parse(meta["train_height"], CultureInfo.InvariantCulture),
        double.Parse(meta["fps"], CultureInfo.InvariantCulture));

    /// <summary>The patch embedder's weight: (D, input channels × patch volume), channels outermost.</summary>
    public const string PatchEmbedWeight = "patchEmbed.weight";

    /// <summary>Copies "PREFIX+name" tensors into the model's parameters, checking every shape.</summary>
    /// <param name="widenFrom">The file's config, to allow a file with fewer input channels (a model made before context
    /// stills or pixels): each of its input groups (base, stills, pixels) fills the same group's columns of the patch
    /// embedder and the new groups' columns start at zero, so the model computes exactly what the file's did until
    /// training teaches it to read them.</param>
    public static void LoadWeights(DiffusionTransformer model, SafeTensorsContent content, string prefix, string path, DitConfig? widenFrom = null)
    {
        using var _ = torch.no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            var source = content.Require(prefix + name, path);
            if (widenFrom is not null && name == PatchEmbedWeight && !source.shape.SequenceEqual(p.shape) && source.shape.Length == 2
                && source.shape[0] == p.shape[0] && source.shape[1] == widenFrom.InputChannels * model.Patcher.Volume)
            {
                p.zero_();
                var volume = model.Patcher.Volume;
                foreach (var (from, to, count) in InputGroups(widenFrom, model.Config, path))
                    p.narrow(1, to * volume, count * volume).copy_(source.narrow(1, from * volume, count * volume));
                continue;
            }
            if (!source.shape.SequenceEqual(p.shape))
                throw new TesseraError($"{path}: tensor '{prefix + name}' has shape [{string.Join(",", source.shape)}], the model needs [{string.Join(",", p.shape)}]");
            p.copy_(source);
        }
    }

    /// <summary>Where each input group of a <paramref name="file"/> model sits in a <paramref name="model"/> that has all of them:
    /// (first channel in the file, first channel in the model, channels).</summary>
    private static IEnumerable<(int From, int To, int Count)> InputGroups(DitConfig file, DitConfig model, string path)
    {
        if (file.BaseInputChannels != model.BaseInputChannels)
            throw new TesseraError($"{path}: the model in the file reads {file.LatentChannels}-channel latents, this one {model.LatentChannels}");
        yield return (0, 0, file.BaseInputChannels);
        if (file.StillChannels > 0)
        {
            if (file.StillChannels != model.StillChannels) throw new TesseraError($"{path}: the model in the file has {file.ContextStills} context-still slots, this one {model.ContextStills}; a model keeps its stills");
            yield return (file.BaseInputChannels, model.BaseInputChannels, file.StillChannels);
        }
        if (file.PixelChannels > 0)
        {
            if (file.PixelChannels != model.PixelChannels) throw new TesseraError($"{path}: the model in the file has {file.PixelChannels} context-pixel channels, this one {model.PixelChannels}; a model keeps its pixels");
            yield return (file.BaseInputChannels + file.StillChannels, model.BaseInputChannels + model.StillChannels, file.PixelChannels);
        }
    }
}
