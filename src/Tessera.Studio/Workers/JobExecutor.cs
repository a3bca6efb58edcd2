using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Media;
using Tessera.Studio.Backends;
using Tessera.Studio.Jobs;
using Tessera.Studio.Storage;

namespace Tessera.Studio.Workers;

/// <summary>
/// Runs one leased job: resolves its asset references to files, calls the backend in a private work folder,
/// labels the results as AI generated, and stores them as content-addressed assets. The work folder is removed
/// afterwards whatever happens, so a retried job starts from a clean slate. A failure that names the server's files
/// is told with asset ids instead (<see cref="JobErrorPaths"/>).
/// </summary>
public sealed class JobExecutor(IJobStore store, IBlobStore blobs, IGenerationBackend generation, IRenderBackend render, string dataDir)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<JobOutput> Execute(JobLease lease, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var job = lease.Job;
        var workDir = Path.Combine(dataDir, "work", $"{job.Id}-{lease.Attempt}-{Guid.NewGuid():N}"[..60]);
        Directory.CreateDirectory(workDir);
        var paths = new JobErrorPaths();
        paths.Add(workDir, "the job's work folder");
        paths.Add(dataDir, "the server's data folder");
        try
        {
            return job.Kind switch
            {
                JobKind.Generation => Generate(job, JsonSerializer.Deserialize<GenerationSpec>(job.Spec, Json)!, workDir, paths, progress, ct),
                JobKind.Render => Render(job, JsonSerializer.Deserialize<RenderSpec>(job.Spec, Json)!, workDir, paths, progress, ct),
                _ => throw new TesseraError($"job {job.Id} has an unknown kind '{job.Kind}'"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException && paths.AnyIn(e.Message))
        {
            throw paths.Rewrite(e);
        }
        finally
        {
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private List<JobOutput> Generate(JobRecord job, GenerationSpec spec, string workDir, JobErrorPaths paths, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var input = new GenerationInput(job.Id, spec, LocateAsset(spec.FirstFrame, "firstFrame", paths),
            LocateAsset(spec.LastFrame, "lastFrame", paths), LocateAsset(spec.Extend, "extend", paths));
        var clips = generation.Generate(input, workDir, progress, ct);
        return clips.Select((clip, i) => Store(clip.Path, clip.Seed, $"{job.Id}-{i + 1}.mp4", spec.LabelVisible, ct)).ToList();
    }

    private List<JobOutput> Render(JobRecord job, RenderSpec spec, string workDir, JobErrorPaths paths, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var timeline = JsonNode.Parse(spec.Timeline) ?? throw new TesseraError($"render job {job.Id} has an empty timeline");
        var resolved = ResolveAssetReferences(timeline, id => LocateAsset(id, "timeline", paths)!);
        var output = Path.Combine(workDir, "render.mp4");
        render.Render(new RenderInput(job.Id, resolved.ToJsonString(), workDir), output, progress, ct);
        if (!File.Exists(output)) throw new TesseraError($"the renderer finished job {job.Id} without writing a video", 1);
        return [Store(output, 0, $"{job.Id}.mp4", spec.LabelVisible, ct)];
    }

    private JobOutput Store(string path, int seed, string name, bool visibleLabel, CancellationToken ct)
    {
        var labelled = Path.Combine(Path.GetDirectoryName(path)!, "labelled-" + Path.GetFileName(path));
        AiLabel.Apply(path, labelled, visibleLabel, ct);
        var blob = blobs.PutFileAsync(labelled, ct).GetAwaiter().GetResult();
        store.PutAssetAsync(new AssetRecord(blob.Id, "video", "video/mp4", blob.Size, name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), ct)
            .GetAwaiter().GetResult();
        return new JobOutput(blob.Id, seed);
    }

    private string? LocateAsset(string? id, string field, JobErrorPaths paths)
    {
        if (id is null) return null;
        var path = blobs.Locate(id) ?? throw new TesseraError($"{field}: asset {id} is no longer stored; upload it again");
        paths.Add(path, $"asset {id}");
        return path;
    }

    /// <summary>Every string "asset:ID" in the timeline becomes the asset's local path; the rest is left as it is.</summary>
    public static JsonNode ResolveAssetReferences(JsonNode node, Func<string, string> locate)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                    if (v is not null) o[k] = ResolveAssetReferences(v.DeepClone(), locate);
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is { } item) a[i] = ResolveAssetReferences(item.DeepClone(), locate);
                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && AssetReference.TryParse(s, out var id):
                return JsonValue.Create(locate(id));
            default:
                return node;
        }
    }
}
