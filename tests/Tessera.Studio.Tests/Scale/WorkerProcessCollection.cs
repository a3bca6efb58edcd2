namespace Tessera.Studio.Tests.Scale;

/// <summary>Tests that start worker processes run alone: they time real work and must not starve each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerProcessCollection
{
    public const string Name = "worker processes";
}
