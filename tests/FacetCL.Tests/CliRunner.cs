using System.Diagnostics;

namespace FacetCL.Tests;

/// <summary>Runs the facetcl CLI (built next to the tests) in a child process, as a user would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string workingDirectory, params string[] args)
    {
        // The same dotnet that hosts the tests (the patched one where TorchSharp needs it).
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var dotnet = root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FacetCL.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["TERM"] = "dumb";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"facetcl {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
