namespace Tessera.Studio.Jobs;

/// <summary>The life of a job row: queued → running (leased) → succeeded / failed / canceled.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Canceled;
}

/// <summary>What a job does: generate videos from a prompt, or render a timeline through the editor.</summary>
public static class JobKind
{
    public const string Generation = "generation";
    public const string Render = "render";
}
