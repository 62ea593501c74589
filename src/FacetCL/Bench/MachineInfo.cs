using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace FacetCL.Bench;

/// <summary>What a benchmark ran on: hardware, OS and library versions (for comparing results across machines).</summary>
public static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["cpu"] = ReadField("/proc/cpuinfo", "model name"),
        ["cpu_flags_avx512"] = ReadField("/proc/cpuinfo", "flags")?.Contains("avx512f", StringComparison.Ordinal),
        ["memory_gib"] = ReadField("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k) ? Math.Round(k / 1048576.0, 1) : null,
        ["os"] = RuntimeInformation.OSDescription,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString(),
        ["libtorch"] = torch.__version__,
        ["torch_threads"] = torch.get_num_threads(),
        ["onnxruntime"] = OrtEnv.Instance().GetVersionString(),
    };

    static string? ReadField(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }
}

/// <summary>
/// Peak resident memory of a phase. Linux keeps the process's peak (VmHWM) and lets a process
/// reset it by writing 5 to /proc/self/clear_refs, so each phase gets its own peak.
/// </summary>
public static class PhaseMemory
{
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux or not allowed: the peak then covers the process so far (reported as such).
        }
    }

    /// <summary>Peak resident MB since the last reset (VmHWM), or the process peak where /proc is absent.</summary>
    public static double PeakMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal) && long.TryParse(line[6..].Trim().Split(' ')[0], out var kb))
                    return Math.Round(kb / 1024.0, 1);
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        return Math.Round(p.PeakWorkingSet64 / 1048576.0, 1);
    }
}
