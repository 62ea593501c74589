using FacetCL.Training;

namespace FacetCL.Tests.Training;

public class TrainConfigTests
{
    [Fact]
    public void EmptyFileGivesDefaults()
    {
        var c = TrainConfig.Parse("", "empty.yaml");
        Assert.Equal(32, c.Training.BatchSize);
        Assert.Equal("base", c.Model.Base);
        Assert.Equal(64, c.Model.TrainMaxLength);
        Assert.Equal(256, c.Model.MaxSeqLength);
    }

    [Fact]
    public void UnknownFieldNamesFileLineAndField()
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfig.Parse("name: x\ntraining:\n  stpes: 10\n", "my.yaml"));
        Assert.StartsWith("my.yaml:3:", e.Message);
        Assert.Contains("stpes", e.Message);
    }

    [Fact]
    public void WrongTypeNamesLine()
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfig.Parse("training:\n  steps: many\n", "my.yaml"));
        Assert.StartsWith("my.yaml:2:", e.Message);
    }

    [Fact]
    public void OutOfRangeValueNamesField()
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfig.Parse("training:\n  batch_size: 1\n", "my.yaml"));
        Assert.Contains("training.batch_size", e.Message);
        Assert.Contains("my.yaml", e.Message);
    }

    [Fact]
    public void OverridesSetNestedFieldsAndAreValidated()
    {
        var c = TrainConfig.Parse("training:\n  steps: 10\n", "my.yaml");
        c.Apply(["training.steps=25", "training.learning_rate=1e-5", "data.extra_eval_pairs=a.tsv,b.tsv", "name=other"]);
        Assert.Equal(25, c.Training.Steps);
        Assert.Equal(1e-5, c.Training.LearningRate);
        Assert.Equal(["a.tsv", "b.tsv"], c.Data.ExtraEvalPairs);
        Assert.Equal("other", c.Name);
        Assert.Contains("training.stepz", Assert.Throws<ConfigException>(() => c.Apply(["training.stepz=3"])).Message);
        Assert.Contains("not a valid", Assert.Throws<ConfigException>(() => c.Apply(["training.steps=x"])).Message);
        Assert.Contains("training.steps", Assert.Throws<ConfigException>(() => c.Apply(["training.steps=0"])).Message);
    }

    [Fact]
    public void RoundTripsThroughYaml()
    {
        var c = TrainConfig.Parse("name: r\ntraining:\n  steps: 7\n  seed: 3\n", "a.yaml");
        var again = TrainConfig.Parse(c.ToYaml(), "b.yaml");
        Assert.Equal(c.ToYaml(), again.ToYaml());
        Assert.Equal(7, again.Training.Steps);
    }
}
