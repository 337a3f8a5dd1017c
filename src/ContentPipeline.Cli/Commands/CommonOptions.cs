using System.CommandLine;
using ContentPipeline.Config;

namespace ContentPipeline.Cli.Commands;

/// <summary>Options shared by the commands that read pipeline.yaml.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "Pipeline definition to use.",
        DefaultValueFactory = _ => ConfigLoader.DefaultFileName,
    };

    public static Option<string?> Input() => new("--input", "-i") { Description = "Input folder (overrides 'input:' in the config)." };

    public static Option<string?> Output() => new("--output", "-o") { Description = "Output folder (overrides 'output:' in the config)." };

    /// <summary>Loads the config and applies --input/--output; every error here stops before anything is written.</summary>
    public static PipelineConfig Load(string configPath, string? input, string? output)
    {
        var config = ConfigLoader.Load(configPath);
        return config with
        {
            Input = input is null ? config.Input : Path.GetFullPath(input),
            Output = output is null ? config.Output : Path.GetFullPath(output),
        };
    }
}
