namespace FacetCL.Data;

/// <summary>
/// Finds the shared data folder. The data lives outside the repository (it must never be
/// copied in), conventionally at <c>../shared/data</c> seen from the project root.
/// </summary>
public static class DataRoot
{
    /// <summary>Environment variable that names the data root.</summary>
    public const string EnvironmentVariable = "FACETCL_DATA";

    /// <summary>
    /// Resolves the data root: <paramref name="explicitRoot"/> when given, else the
    /// <c>FACETCL_DATA</c> environment variable, else the first <c>shared/data</c> folder found
    /// in an ancestor of the current directory or of the application's base directory.
    /// </summary>
    /// <exception cref="DataException">The named folder does not exist, or none was found.</exception>
    public static string Resolve(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Existing(explicitRoot, "the data root given");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Existing(fromEnvironment, $"{EnvironmentVariable}");
        }

        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DataException(
            $"data root not found: no shared/data folder above {string.Join(" or ", starts.Distinct())}; set {EnvironmentVariable} or pass the data root explicitly");
    }

    private static string Existing(string path, string what)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full)
            ? full
            : throw new DataException($"data root does not exist (from {what})", full);
    }
}
