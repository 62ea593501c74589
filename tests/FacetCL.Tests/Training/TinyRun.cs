using FacetCL.Training;

namespace FacetCL.Tests.Training;

/// <summary>A tiny randomly initialised encoder on a slice of the real NLI data: a whole run in seconds.</summary>
static class TinyRun
{
    public static TrainConfig Config(string outputDir, string name, int steps = 12) => TrainConfig.Parse($"""
        name: {name}
        output_dir: {outputDir}
        model:
          base: random
          train_max_length: 24
          max_seq_length: 48
          random_init: {"{"}layers: 2, hidden: 32, heads: 4, intermediate: 64{"}"}
        data:
          max_triplets: 256
        training:
          steps: {steps}
          batch_size: 8
          learning_rate: 1.0e-3
          warmup_steps: 2
          eval_every: 6
          eval_dev_pairs: 100
          checkpoint_every: 5
          threads: 1
        semantic_tensor:
          labelled_per_step: 8
          validation_texts: 60
        """, "tiny.yaml");

    public sealed class NullObserver(int sampleMemoryEvery = 0) : ITrainingObserver
    {
        public List<StepRecord> Steps { get; } = [];

        /// <summary>Resident MB after a full garbage collection, every <c>sampleMemoryEvery</c> steps: native memory, not managed garbage.</summary>
        public List<(int Step, double Mb)> Memory { get; } = [];

        public void Started(int fromStep, int totalSteps, int tripletCount) { }

        public void Stepped(StepRecord record)
        {
            Steps.Add(record);
            if (sampleMemoryEvery > 0 && record.Step % sampleMemoryEvery == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                using var p = System.Diagnostics.Process.GetCurrentProcess();
                Memory.Add((record.Step, p.WorkingSet64 / 1048576.0));
            }
        }

        public void Evaluated(int step, double devSpearman, bool isBest) { }
        public void Info(string message) { }
    }
}
