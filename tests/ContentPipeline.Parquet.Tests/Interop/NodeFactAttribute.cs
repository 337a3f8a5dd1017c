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
        Skip = NodeInterop.SkipReason;
    }
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="NodeFactAttribute"/>.</summary>
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        Skip = NodeInterop.SkipReason;
    }
}
