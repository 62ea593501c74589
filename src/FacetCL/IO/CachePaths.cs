namespace FacetCL;

/// <summary>Where facetcl keeps caches: <c>$FACETCL_CACHE</c>, else <c>$XDG_CACHE_HOME/facetcl</c>, else <c>~/.cache/facetcl</c>.</summary>
public static class CachePaths
{
    public static string Root
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable("FACETCL_CACHE");
            if (!string.IsNullOrWhiteSpace(explicitRoot)) return explicitRoot;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseDir = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(baseDir, "facetcl");
        }
    }
}
