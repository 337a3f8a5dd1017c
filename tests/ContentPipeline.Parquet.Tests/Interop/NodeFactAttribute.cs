namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// A fact that needs Node.js. It is skipped (with the reason printed by the runner) only when no <c>node</c>
/// executable is on PATH; when node exists but <c>tests/interop/node_modules</c> is missing, the test installs the
/// packages itself (<see cref="NodeInterop.EnsurePackages"/>) instead of passing silently.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeInterop.FindOnPath("node") is null)
        {
            Skip = "node not found on PATH (install Node.js >= 20 to run the Parquet interop tests)";
        }
    }
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="NodeFactAttribute"/>.</summary>
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        if (NodeInterop.FindOnPath("node") is null)
        {
            Skip = "node not found on PATH (install Node.js >= 20 to run the Parquet interop tests)";
        }
    }
}
