using BenchmarkDotNet.Running;
using ContentPipeline.Benchmarks.Parquet;

// Console modes for whole-process benchmarks come first; everything else goes to BenchmarkDotNet, which finds every
// benchmark class in this assembly (each area keeps its own in its own folder, e.g. Parquet/).
if (args.Length > 0 && args[0] == ParquetWriteCommand.Name)
{
    return ParquetWriteCommand.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
