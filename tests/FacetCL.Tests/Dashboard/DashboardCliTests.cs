using System.Net.Http;
using System.Text.Json.Nodes;
using FacetCL.Dashboard;
using FacetCL.Diagnostics;
using FacetCL.Factors;
using FacetCL.Model;
using FacetCL.Tests.Data;
using FacetCL.Tests.Diagnostics;
using TorchSharp;

namespace FacetCL.Tests.Dashboard;

/// <summary><c>facetcl diagnose</c> of a model with factor heads, then <c>facetcl dashboard</c> of its store.</summary>
public class DashboardCliTests
{
    static string TinyFactorModel(string dir)
    {
        torch.manual_seed(11);
        var shape = new BertConfig { NumHiddenLayers = 2, HiddenSize = 32, NumAttentionHeads = 4, IntermediateSize = 64, MaxPositionEmbeddings = 64 };
        using var model = new SentenceModel(new BertEncoder(shape), new WordPieceTokenizer(PretrainedMiniLm.VocabPath), new ModelSettings { BaseModel = "random", MaxSeqLength = 48 });
        model.AddSemanticTensor(new SemanticTensorConfig { FactorDim = 8, GateDim = 6 });
        var path = Path.Combine(dir, "model");
        model.Save(path);
        return path;
    }

    [Fact]
    public void DiagnoseOfAFactorModelStoresTheSpaceAndTheDashboardDrawsIt()
    {
        using var dir = new TempDir();
        var model = TinyFactorModel(dir.Path);
        var sts = dir.Write("sts.tsv", DiagnoseCliTests.Sts);
        var nli = dir.Write("nli.tsv", DiagnoseCliTests.Nli);
        var store = Path.Combine(dir.Path, "quality.db");
        var r = CliRunner.Run(dir.Path, "diagnose", "--model", model, "--data", sts, "--data", nli, "--store", store,
            "--robustness-pairs", "4", "--reference", "none", "--projection-points", "20");
        Assert.True(r.ExitCode == 0, r.Stderr);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "diagnostics.json")))!;
        var texts = (int)json["data"]!["texts"]!;
        var index = (double)json["metrics"]!["factor_orthogonality_index"]!["value"]!;
        Assert.InRange(index, 0, 1);
        Assert.Equal(FactorKinds.Count, json["metrics"]!["factor_orthogonality_index"]!["factors"]!.AsArray().Count);
        var notApplicable = json["not_applicable"]!.AsArray().Select(n => (string)n!["metric"]!).ToList();
        Assert.DoesNotContain("factor_orthogonality_index", notApplicable);
        Assert.Contains("factor_probe_accuracy", notApplicable);
        Assert.Contains("factor orthogonality", r.Stderr); // a row of the table
        Assert.Equal(20, (int)json["projection"]!["points"]!);

        using (var s = new QualityStore(store))
        {
            var snapshot = s.Snapshot(1)!;
            Assert.Equal(20, snapshot.Points.Count);
            Assert.Equal(texts, snapshot.TotalTexts);
            Assert.Equal(FactorKinds.All.Select(k => k.Name()), snapshot.FactorNames);
            Assert.All(snapshot.Points, p => Assert.Equal(FactorKinds.Count, p.Factors!.Length));
            // Each factor's values are PC1 scores of the sample: centred, so they sum to zero.
            for (var k = 0; k < FactorKinds.Count; k++) Assert.Equal(0, snapshot.Points.Sum(p => p.Factors![k]), 3);
            var m = snapshot.Orthogonality!;
            Assert.Equal(FactorKinds.Count, m.Length);
            var upper = new List<double>();
            for (var a = 0; a < m.Length; a++)
            {
                Assert.Equal(1, m[a][a]);
                for (var b = a + 1; b < m.Length; b++)
                {
                    Assert.Equal(m[a][b], m[b][a]);
                    upper.Add(m[a][b]);
                }
            }
            Assert.Equal(index, upper.Average(), 5); // the stored index is rounded to 6 decimals
            Assert.NotEmpty(snapshot.Compactness); // the tiny STS file has anchors with two texts
            Assert.Equal((double)json["metrics"]!["intra_anchor_compactness"]!["value"]!, snapshot.Compactness.Average(c => c.CosineDistance), 5);
        }

        var report = Path.Combine(dir.Path, "out", "report.html");
        r = CliRunner.Run(dir.Path, "dashboard", "--store", store, "--out", report);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = JsonNode.Parse(r.Stdout)!;
        Assert.Equal(report, (string)summary["report"]!);
        Assert.Equal(new FileInfo(report).Length, (long)summary["bytes"]!);
        var html = File.ReadAllText(report);
        foreach (var id in new[] { "space-anchors", "space-factor-syntax", "space-factor-temporal", "orthogonality", "compactness", "trend-factor_orthogonality_index" })
            Assert.Contains($"<div id=\"{id}\" class=\"chart\">", html);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(report)!, "*.tmp-*")); // written atomically
    }

    [Fact]
    public void AMissingOrEmptyStoreIsAClearError()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "nope.db");
        var r = CliRunner.Run(dir.Path, "dashboard", "--store", missing, "--out", Path.Combine(dir.Path, "r.html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("trend store not found", r.Stderr);
        Assert.False(File.Exists(missing)); // not created by the attempt

        var empty = Path.Combine(dir.Path, "empty.db");
        using (new QualityStore(empty)) { }
        r = CliRunner.Run(dir.Path, "dashboard", "--store", empty, "--out", Path.Combine(dir.Path, "r.html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("has no runs yet", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "r.html")));
    }

    [Fact]
    public async Task ServerAnswersTheReportOnLoopbackOnly()
    {
        using var dir = new TempDir();
        var report = dir.Write("report.html", "<!DOCTYPE html><p>first</p>");
        using var server = new ReportServer(report, 0);
        Assert.Equal("127.0.0.1", server.Url.Host);
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var answer = await http.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.Equal("<!DOCTYPE html><p>first</p>", await answer.Content.ReadAsStringAsync());
        // A rewritten report shows on reload.
        File.WriteAllText(report, "<p>second</p>");
        Assert.Equal("<p>second</p>", await http.GetStringAsync(new Uri(server.Url, "report.html")));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.Url, "quality.db"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, (await http.PostAsync(server.Url, new StringContent("x"))).StatusCode);
        stop.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
