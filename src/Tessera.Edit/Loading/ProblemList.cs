using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Every problem found in a timeline, each with the JSON path of the value at fault. Validation collects
/// them all before failing, so a user fixes a file in one pass instead of one error per run.
/// </summary>
public sealed class ProblemList
{
    private readonly List<string> _problems = [];

    public int Count => _problems.Count;
    public IReadOnlyList<string> Items => _problems;

    public void Add(string jsonPath, string message) => _problems.Add($"{jsonPath}: {message}");

    /// <summary>Throws one TesseraError listing every problem (exit code 2: bad input).</summary>
    public void ThrowIfAny(string sourceName)
    {
        if (_problems.Count == 0) return;
        var head = _problems.Count == 1 ? $"{sourceName}: 1 problem" : $"{sourceName}: {_problems.Count} problems";
        throw new TesseraError(head + "\n  " + string.Join("\n  ", _problems));
    }
}
