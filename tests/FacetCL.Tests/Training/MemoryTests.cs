using FacetCL.Tests.Data;
using FacetCL.Training;
using Xunit.Abstractions;

namespace FacetCL.Tests.Training;

/// <summary>Native memory stays flat: every step's tensors are released by its dispose scope.</summary>
public class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void ResidentMemoryStaysFlatOverThousandsOfSteps()
    {
        using var dir = new TempDir();
        const int steps = 3000;
        var config = TinyRun.Config(dir.Path, "mem", steps);
        config.Apply([
            "model.random_init.layers=1", "model.random_init.hidden=16", "model.random_init.heads=2", "model.random_init.intermediate=32",
            "model.train_max_length=16", "training.eval_every=0", "training.checkpoint_every=100000", "training.eval_dev_pairs=20",
            "semantic_tensor.labelled_pool=200", "semantic_tensor.validation_texts=40",
        ]);
        var observer = new TinyRun.NullObserver(sampleMemoryEvery: 100);
        new TrainingJob(config, observer).Run(resume: false);

        output.WriteLine("step\tRSS MB (after GC)");
        foreach (var (step, mb) in observer.Memory) output.WriteLine($"{step}\t{mb:F1}");
        var early = observer.Memory.Where(m => m.Step is > 200 and <= 500).Average(m => m.Mb);
        var late = observer.Memory.Where(m => m.Step > steps - 300).Average(m => m.Mb);
        // A leak of even one small tensor per step (hidden 16 × 16 tokens × 24 texts × 4 B ≈ 24 KB) would add > 60 MB over 2,800 steps.
        Assert.True(late - early < 20, $"resident memory grew by {late - early:F1} MB between step 300 and step {steps}");
    }
}
