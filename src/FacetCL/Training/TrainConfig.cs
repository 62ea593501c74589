using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FacetCL.Training;

/// <summary>A configuration problem: names the file, line (when known) and field.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// A training run's configuration (one YAML file; field names in snake_case). Every field has a
/// default, so an empty file is a valid configuration; CLI options override fields by dotted path
/// (<c>--set training.steps=100</c>).
/// </summary>
public sealed class TrainConfig
{
    /// <summary>Run name: outputs go to <c>{output_dir}/{name}/</c>.</summary>
    public string Name { get; set; } = "run";
    public string OutputDir { get; set; } = "runs";
    public DataSection Data { get; set; } = new();
    public ModelSection Model { get; set; } = new();
    public TrainingSection Training { get; set; } = new();
    public AnchorsSection Anchors { get; set; } = new();
    public SemanticTensorSection SemanticTensor { get; set; } = new();

    public sealed class DataSection
    {
        /// <summary>Data root; null = <c>$FACETCL_DATA</c>, else <c>../shared/data</c> found upward from the working directory.</summary>
        public string? Root { get; set; }
        /// <summary>Triplets (premise, entailment, contradiction) taken per premise of the NLI training pool.</summary>
        public int MaxTripletsPerPremise { get; set; } = 1;
        /// <summary>Add JOCI (noisy, auxiliary) to the NLI training pool.</summary>
        public bool IncludeJoci { get; set; }
        /// <summary>Extra training triplet files (TSV/CSV/JSONL with anchor/positive/negative columns).</summary>
        public List<string> ExtraTriplets { get; set; } = [];
        /// <summary>Extra evaluation pair files: evaluated at the end and removed from training by the leak filter.</summary>
        public List<string> ExtraEvalPairs { get; set; } = [];
        /// <summary>Cap on training triplets after filtering (0 = all).</summary>
        public int MaxTriplets { get; set; }
    }

    public sealed class ModelSection
    {
        /// <summary><c>base</c> (the packaged all-MiniLM-L6-v2), a model folder, or <c>random</c> (a fresh encoder shaped by <c>random_init</c>).</summary>
        public string Base { get; set; } = "base";
        /// <summary>Token limit while training (keeps steps affordable on CPU).</summary>
        public int TrainMaxLength { get; set; } = 64;
        /// <summary>Token limit at inference and evaluation.</summary>
        public int MaxSeqLength { get; set; } = 256;
        /// <summary>Shape of a randomly initialised encoder (used when <c>base: random</c>).</summary>
        public RandomInitSection RandomInit { get; set; } = new();
    }

    public sealed class RandomInitSection
    {
        public int Layers { get; set; } = 2;
        public int Hidden { get; set; } = 64;
        public int Heads { get; set; } = 4;
        public int Intermediate { get; set; } = 128;
    }

    /// <summary>Anchor-identity contrast (semantic anchoring stage).</summary>
    public sealed class AnchorsSection
    {
        /// <summary>Use anchor identity (on by default): texts sharing an anchor are extra positives and never negatives.</summary>
        public bool Enabled { get; set; } = true;
        /// <summary>Triplets whose positives share an anchor travel together (group members per unit; 1 = no grouping).</summary>
        public int GroupSize { get; set; } = 2;
        /// <summary>Examples one anchor may contribute per epoch (0 = no cap): keeps frequent anchors from starving the long tail.</summary>
        public int MaxPerAnchor { get; set; }
    }

    /// <summary>
    /// The disentangled semantic tensor (stage 2): factor heads on the encoder's layers, the role-aware
    /// position signal, factor-subspace contrast, regularizers and adaptive loss weights.
    /// </summary>
    public sealed class SemanticTensorSection
    {
        /// <summary>Train factor heads and the role signal (on by default); false = a plain sentence encoder.</summary>
        public bool Enabled { get; set; } = true;
        public int FactorDim { get; set; } = 32;
        /// <summary>Transformer layers (1-based) with factor heads; empty = every layer.</summary>
        public List<int> Layers { get; set; } = [];
        /// <summary>Role-aware position signal on the input embeddings.</summary>
        public bool Roles { get; set; } = true;
        /// <summary>Share of training texts encoded without roles, so the encoder also serves without a parse.</summary>
        public double RoleDropout { get; set; } = 0.3;
        /// <summary>Initial role scales: subject, predicate, object.</summary>
        public List<double> RoleScales { get; set; } = [0.85, 0.92, 0.78];
        /// <summary>Factor-contrast temperatures: lower layers, middle layers, top layers and fused vectors.</summary>
        public double TemperatureLow { get; set; } = 0.05;
        public double TemperatureMid { get; set; } = 0.1;
        public double TemperatureHigh { get; set; } = 0.2;
        /// <summary>Weight of the per-layer heads' contrast next to the fused vector's (0 = fused only).</summary>
        public double LayerContrastWeight { get; set; } = 0.5;
        /// <summary>Cross-layer consistency hinge: a factor's adjacent-layer vectors should have cosine at least this.</summary>
        public double ConsistencyMargin { get; set; } = 0.88;
        /// <summary>Peak learning rate of the factor heads (freshly initialised; the encoder keeps <c>training.learning_rate</c>), same schedule.</summary>
        public double HeadLearningRate { get; set; } = 1e-3;
        /// <summary>Initial weights of the loss terms (the adaptive scheduler scales them).</summary>
        public double MainWeight { get; set; } = 1.0;
        public double FactorWeight { get; set; } = 0.1;
        public double ConsistencyWeight { get; set; } = 0.05;
        public double OrthogonalityWeight { get; set; } = 0.05;
        public double SparsityWeight { get; set; } = 0.01;
        /// <summary>Adapt the weights at each evaluation (dynamic weight average on validation metrics).</summary>
        public bool AdaptiveWeights { get; set; } = true;
        /// <summary>Softmax temperature of the adaptive weights.</summary>
        public double AdaptiveTemperature { get; set; } = 1.0;
        /// <summary>Gold-labelled factor texts (sentiment, subjectivity) added to each step's batch.</summary>
        public int LabelledPerStep { get; set; } = 16;
        /// <summary>At most this many gold-labelled texts are drawn (seeded) and annotated; the steps cycle through them.</summary>
        public int LabelledPool { get; set; } = 3000;
        /// <summary>Texts per factor held out of training to measure the factor metrics at each evaluation.</summary>
        public int ValidationTexts { get; set; } = 400;
    }

    public sealed class TrainingSection
    {
        public int Steps { get; set; } = 300;
        public int BatchSize { get; set; } = 32;
        public double LearningRate { get; set; } = 2e-5;
        public int WarmupSteps { get; set; } = 30;
        public double WeightDecay { get; set; } = 0.01;
        public double MaxGradNorm { get; set; } = 1.0;
        /// <summary>Similarity scale s = 1/τ of the contrastive loss (sentence-transformers' default is 20).</summary>
        public double Scale { get; set; } = 20.0;
        public int Seed { get; set; } = 42;
        /// <summary>Batches drawn from one length bucket (larger = less padding, less randomness).</summary>
        public int BucketBatches { get; set; } = 8;
        /// <summary>Evaluate on STS-B dev every N steps (0 = only at the end).</summary>
        public int EvalEvery { get; set; } = 100;
        /// <summary>STS-B dev pairs used for model selection (0 = all 1,500).</summary>
        public int EvalDevPairs { get; set; }
        public int CheckpointEvery { get; set; } = 100;
        /// <summary>Most recent checkpoints kept (the best model is kept separately).</summary>
        public int KeepCheckpoints { get; set; } = 2;
        /// <summary>Log a line every N steps to the JSONL log.</summary>
        public int LogEvery { get; set; } = 1;
        /// <summary>LibTorch intra-op threads (0 = one per core).</summary>
        public int Threads { get; set; }
    }

    static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static TrainConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static TrainConfig Parse(string yaml, string source)
    {
        TrainConfig? config;
        try
        {
            config = Deserializer.Deserialize<TrainConfig?>(yaml);
        }
        catch (YamlException e)
        {
            var problem = (e.InnerException?.Message ?? e.Message).Replace("Property '", "unknown field '", StringComparison.Ordinal);
            throw new ConfigException($"{source}:{e.Start.Line}:{e.Start.Column}: {problem}");
        }
        config ??= new TrainConfig();
        config.Validate(source);
        return config;
    }

    public string ToYaml() => Serializer.Serialize(this);

    /// <summary>Applies <c>path=value</c> overrides (snake_case dotted paths), then re-validates.</summary>
    public void Apply(IEnumerable<string> overrides, string source = "command line")
    {
        foreach (var item in overrides)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ConfigException($"{source}: override '{item}' must look like path=value, e.g. training.steps=100");
            Set(item[..eq].Trim(), item[(eq + 1)..].Trim(), source);
        }
        Validate(source);
    }

    void Set(string path, string value, string source)
    {
        object target = this;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var prop = FindProperty(target.GetType(), parts[i])
                ?? throw new ConfigException($"{source}: field '{path}': unknown field '{parts[i]}' (known: {string.Join(", ", KnownFields(target.GetType()))})");
            if (i < parts.Length - 1)
            {
                target = prop.GetValue(target)!;
                continue;
            }
            prop.SetValue(target, ConvertValue(prop.PropertyType, value, path, source));
        }
    }

    static object? ConvertValue(Type type, string value, string path, string source)
    {
        try
        {
            if (type == typeof(List<string>)) return value.Length == 0 ? new List<string>() : value.Split(',').Select(v => v.Trim()).ToList();
            if (type == typeof(List<int>)) return value.Length == 0 ? new List<int>() : value.Split(',').Select(v => int.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToList();
            if (type == typeof(List<double>)) return value.Length == 0 ? new List<double>() : value.Split(',').Select(v => double.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToList();
            var inner = Nullable.GetUnderlyingType(type);
            if (inner is not null) return value is "" or "null" ? null : ConvertValue(inner, value, path, source);
            if (type == typeof(string)) return value;
            if (type == typeof(bool)) return bool.Parse(value);
            return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ConfigException($"{source}: field '{path}': '{value}' is not a valid {type.Name}");
        }
    }

    static PropertyInfo? FindProperty(Type type, string snakeName) =>
        type.GetProperties().FirstOrDefault(p => UnderscoredNamingConvention.Instance.Apply(p.Name) == snakeName);

    static IEnumerable<string> KnownFields(Type type) => type.GetProperties().Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name));

    /// <summary>Checks values and ranges; the message names the field.</summary>
    public void Validate(string source)
    {
        var errors = new List<string>();
        void Check(bool ok, string field, string why)
        {
            if (!ok) errors.Add($"field '{field}': {why}");
        }
        Check(!string.IsNullOrWhiteSpace(Name) && Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && Name is not "." and not "..", "name", "must be a non-empty folder name");
        Check(!string.IsNullOrWhiteSpace(OutputDir), "output_dir", "must not be empty");
        Check(Data.MaxTripletsPerPremise >= 1, "data.max_triplets_per_premise", "must be at least 1");
        Check(Data.MaxTriplets >= 0, "data.max_triplets", "must be 0 (all) or positive");
        Check(!string.IsNullOrWhiteSpace(Model.Base), "model.base", "must be 'base', 'random' or a model folder");
        Check(Model.TrainMaxLength is >= 8 and <= 512, "model.train_max_length", "must be between 8 and 512");
        Check(Model.MaxSeqLength is >= 8 and <= 512, "model.max_seq_length", "must be between 8 and 512");
        Check(Model.RandomInit.Layers >= 1, "model.random_init.layers", "must be at least 1");
        Check(Model.RandomInit.Heads >= 1 && Model.RandomInit.Hidden % Model.RandomInit.Heads == 0, "model.random_init.heads", "must divide model.random_init.hidden");
        Check(Model.RandomInit.Intermediate >= 1, "model.random_init.intermediate", "must be positive");
        Check(Anchors.GroupSize >= 1 && Anchors.GroupSize <= Training.BatchSize, "anchors.group_size", "must be between 1 and training.batch_size");
        Check(Anchors.MaxPerAnchor >= 0, "anchors.max_per_anchor", "must be 0 (no cap) or positive");
        var st = SemanticTensor;
        Check(st.FactorDim >= 1, "semantic_tensor.factor_dim", "must be positive");
        Check(st.Layers.All(l => l >= 1), "semantic_tensor.layers", "layers are numbered from 1");
        Check(st.RoleDropout is >= 0 and <= 1, "semantic_tensor.role_dropout", "must be between 0 and 1");
        Check(st.RoleScales.Count == 3, "semantic_tensor.role_scales", "needs three values: subject, predicate, object");
        Check(st.TemperatureLow > 0 && st.TemperatureMid > 0 && st.TemperatureHigh > 0, "semantic_tensor.temperature_low/mid/high", "must be positive");
        Check(st.LayerContrastWeight >= 0, "semantic_tensor.layer_contrast_weight", "must not be negative");
        Check(st.ConsistencyMargin is >= -1 and <= 1, "semantic_tensor.consistency_margin", "is a cosine: between -1 and 1");
        foreach (var (field, w) in new[] { ("main_weight", st.MainWeight), ("factor_weight", st.FactorWeight), ("consistency_weight", st.ConsistencyWeight), ("orthogonality_weight", st.OrthogonalityWeight), ("sparsity_weight", st.SparsityWeight) })
            Check(w >= 0 && double.IsFinite(w), $"semantic_tensor.{field}", "must be a finite number, 0 or more");
        Check(st.AdaptiveTemperature > 0, "semantic_tensor.adaptive_temperature", "must be positive");
        Check(st.HeadLearningRate is > 0 and < 1, "semantic_tensor.head_learning_rate", "must be in (0, 1)");
        Check(st.LabelledPool >= 0, "semantic_tensor.labelled_pool", "must not be negative");
        Check(st.LabelledPerStep >= 0, "semantic_tensor.labelled_per_step", "must be 0 or more");
        Check(st.ValidationTexts >= 20, "semantic_tensor.validation_texts", "must be at least 20");
        var t = Training;
        Check(t.Steps >= 1, "training.steps", "must be at least 1");
        Check(t.BatchSize >= 2, "training.batch_size", "must be at least 2 (in-batch negatives need company)");
        Check(t.LearningRate is > 0 and < 1, "training.learning_rate", "must be in (0, 1)");
        Check(t.WarmupSteps >= 0, "training.warmup_steps", "must not be negative");
        Check(t.WeightDecay >= 0, "training.weight_decay", "must not be negative");
        Check(t.MaxGradNorm > 0, "training.max_grad_norm", "must be positive");
        Check(t.Scale > 0, "training.scale", "must be positive");
        Check(t.BucketBatches >= 1, "training.bucket_batches", "must be at least 1");
        Check(t.EvalEvery >= 0, "training.eval_every", "must be 0 (end only) or positive");
        Check(t.EvalDevPairs >= 0, "training.eval_dev_pairs", "must be 0 (all) or positive");
        Check(t.CheckpointEvery >= 1, "training.checkpoint_every", "must be at least 1");
        Check(t.KeepCheckpoints >= 1, "training.keep_checkpoints", "must be at least 1");
        Check(t.LogEvery >= 1, "training.log_every", "must be at least 1");
        Check(t.Threads >= 0, "training.threads", "must be 0 (all cores) or positive");
        if (errors.Count > 0) throw new ConfigException($"{source}: invalid configuration:\n  " + string.Join("\n  ", errors));
    }
}
