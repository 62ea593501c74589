using static TorchSharp.torch;

namespace FacetCL.Tests.Export;

/// <summary>Shared inputs for the export tests: varied real sentences and a self-cleaning temp folder.</summary>
public static class ExportFixtures
{
    /// <summary>Short, long (one past 256 word pieces, so truncation is exercised), punctuation, digits, accents, non-Latin.</summary>
    public static readonly string[] Sentences =
    [
        "Hi.",
        "A cat sat on the mat.",
        "The quick brown fox jumps over the lazy dog.",
        "How do I reset my password if I no longer have access to my e-mail account?",
        "Stock markets fell sharply on Tuesday after the central bank raised interest rates by 0.75 percentage points.",
        "Photosynthesis converts light energy into chemical energy stored in glucose.",
        "I loved this movie!!! Best. Film. Ever. 10/10 would watch again :)",
        "Café au lait, naïve résumé, façade — accents should be stripped by the uncased tokenizer.",
        "東京は日本の首都です。",
        "The patient presented with acute dyspnoea, tachycardia (HR 128 bpm) and bilateral crackles.",
        "git rebase --interactive HEAD~3 lets you squash the last three commits.",
        "Why?",
        "Machine learning models can inherit biases present in their training data, which raises questions of fairness.",
        "She sells sea shells by the sea shore.",
        "The Treaty of Westphalia in 1648 ended the Thirty Years' War and reshaped European politics.",
        "Add two cups of flour, a pinch of salt, and stir until the batter is smooth.",
        "Error: connection refused (errno 111) while connecting to 127.0.0.1:5432.",
        "Quantum entanglement does not allow faster-than-light communication.",
        string.Join(' ', Enumerable.Repeat("Long documents are truncated to the model's maximum sequence length, so this clause repeats many times.", 24)),
        "ok",
    ];

    /// <summary>A fresh empty folder under the system temp path, deleted on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"facetcl-export-test-{Guid.NewGuid():N}");
        public TempDir() => Directory.CreateDirectory(Path);
        public void Dispose()
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
    }

    public static float MaxAbsDiff(float[][] a, float[][] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Length, b[i].Length);
            for (var j = 0; j < a[i].Length; j++) max = Math.Max(max, Math.Abs(a[i][j] - b[i][j]));
        }
        return max;
    }

    /// <summary>Same names, shapes and bit-identical values.</summary>
    public static void AssertSameStateDict(IDictionary<string, Tensor> expected, IDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, value) in expected)
        {
            Assert.True(value.shape.SequenceEqual(actual[name].shape), $"{name}: shape differs");
            using var same = value.to(float32).eq(actual[name].to(float32)).all();
            Assert.True(same.item<bool>(), $"{name}: values differ");
        }
    }
}
