using System.CommandLine;
using FacetCL.Anchors;
using FacetCL.Cli;
using FacetCL.Data;
using FacetCL.Training;
using Spectre.Console;

var root = new RootCommand("facetcl: train and audit sentence encoders with structured contrastive learning")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
    EncodeCommand.Create(),
    ExportCommand.Create(),
    BenchCommand.Create(),
    AnchorsCommand.Create(),
    DiagnoseCommand.Create(),
    DashboardCommand.Create(),
    AnnotateCommand.Create(() => new WordNetLemmatizer(WordNet.Default)),
};

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is DataException or ConfigException or FileNotFoundException or DirectoryNotFoundException
                              or InvalidDataException or InvalidOperationException or ArgumentException)
{
    // Expected user-facing failures: one clear line, no stack trace.
    Console.Error.WriteLine($"facetcl: error: {e.Message}");
    return 2;
}

namespace FacetCL.Cli
{
    /// <summary>Console helpers shared by the commands.</summary>
    static class Cli
    {
        /// <summary>Human-facing output goes to stderr so stdout stays machine-readable (JSON).</summary>
        public static IAnsiConsole Err { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }
}
