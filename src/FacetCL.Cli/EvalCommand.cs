using System.CommandLine;
using System.Text.Json.Nodes;
using FacetCL.Data;
using FacetCL.Diagnostics;
using FacetCL.Model;
using FacetCL.Training;

namespace FacetCL.Cli;

/// <summary><c>facetcl eval</c>: Spearman/Pearson of cosine similarity on a scored pair file, as one JSON object on stdout.</summary>
static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "model folder, or 'base' for the packaged all-MiniLM-L6-v2", Required = true };
        var pairs = new Option<string>("--pairs", "-p") { Description = "pair file (TSV sentence1/sentence2/score, raw STS-B, CSV or JSONL), or stsb:train|dev|test from the data folder", Required = true };
        var dataRoot = new Option<string?>("--data-root") { Description = "data folder for stsb:… (default: $FACETCL_DATA, else ../shared/data)" };
        var pairOptions = PairFileCliOptions.Create();
        var batch = new Option<int>("--batch-size") { Description = "sentences per forward pass", DefaultValueFactory = _ => 64 };
        var maxLength = new Option<int?>("--max-length") { Description = "token limit (default: the model's, 256)" };
        var engine = new Option<string>("--engine") { Description = "torch (facetcl's encoder) or onnx (ONNX Runtime on --onnx-file or the base model's packaged file)", DefaultValueFactory = _ => "torch" };
        var onnxFile = new Option<string?>("--onnx-file") { Description = "ONNX file for --engine onnx (default: the packaged base model)" };
        var roles = new Option<bool>("--roles") { Description = "parse the texts (Link Grammar, cached) and feed their subject/predicate/object roles to the model's role signal" };

        var command = new Command("eval", "evaluate a model on scored sentence pairs (prints JSON)") { model, pairs, dataRoot, batch, maxLength, engine, onnxFile, roles };
        pairOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var pairsPath = ResolvePairs(parse.GetValue(pairs)!, parse.GetValue(dataRoot));
            var file = PairFileReader.Read(pairsPath, pairOptions.Read(parse));
            if (file.Kind != PairFileKind.ScoredPairs)
                throw new DataException($"holds {file.Kind}; eval needs scored pairs (sentence1, sentence2, score)", file.Path);
            var data = file.ScoredPairs;
            using var m = SentenceModel.Load(parse.GetValue(model)!);
            var useRoles = parse.GetValue(roles);
            if (useRoles && m.Roles is null) throw new ArgumentException($"--roles: the model {parse.GetValue(model)} has no role signal");
            var roleSource = useRoles ? Anchors.RoleAlignment.Source(m.Tokenizer) : null;
            SimilarityScore score;
            if (parse.GetValue(engine) == "onnx")
            {
                var path = parse.GetValue(onnxFile) ?? PretrainedMiniLm.OnnxPath;
                using var ort = new OnnxRuntimeEncoder(path, m.Tokenizer);
                var texts = data.Select(p => p.Sentence1).Concat(data.Select(p => p.Sentence2)).ToList();
                var limit = parse.GetValue(maxLength) ?? m.Settings.MaxSeqLength;
                var emb = ort.Encode(texts, parse.GetValue(batch), limit, roleSource?.Invoke(texts, limit));
                score = SimilarityEvaluation.Score(emb.Take(data.Count).ToList(), emb.Skip(data.Count).ToList(), data.Select(p => p.Score).ToList());
            }
            else
            {
                score = Evaluation.Sts(m, data, parse.GetValue(maxLength), parse.GetValue(batch), roleSource);
            }
            var json = TrainingJob.ScoreJson(score);
            json["model"] = parse.GetValue(model);
            json["pairs"] = parse.GetValue(pairs);
            json["engine"] = parse.GetValue(engine);
            json["roles"] = useRoles;
            Console.WriteLine(json.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary><c>stsb:test</c> (or train, dev) names the STS-B file of the data folder.</summary>
    static string ResolvePairs(string value, string? dataRoot)
    {
        if (!value.StartsWith("stsb:", StringComparison.Ordinal)) return value;
        var split = value["stsb:".Length..];
        if (split is not ("train" or "dev" or "test")) throw new ArgumentException($"--pairs: '{value}': use stsb:train, stsb:dev or stsb:test");
        return Path.Combine(DataRoot.Resolve(dataRoot), "stsb", $"sts-{split}.csv");
    }
}

/// <summary>The options that say how to read a pair file (shared by eval and encode).</summary>
sealed class PairFileCliOptions
{
    readonly Option<string?> format = new("--format") { Description = "auto (from extension), tsv, csv, jsonl or stsb" };

    /// <summary>--format, for commands that must know whether it was given.</summary>
    public Option<string?> FormatOption => format;
    readonly Option<string?> columns = new("--columns") { Description = "column mapping, e.g. sentence1=question,sentence2=answer,score=label" };
    readonly Option<string> encoding = new("--encoding") { Description = "text encoding, e.g. utf-8 or windows-1252", DefaultValueFactory = _ => "utf-8" };

    public static PairFileCliOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(format);
        command.Options.Add(columns);
        command.Options.Add(encoding);
    }

    public PairFileOptions Read(ParseResult parse)
    {
        var options = new PairFileOptions { Encoding = parse.GetValue(encoding)! };
        if (parse.GetValue(format) is { } f)
        {
            if (!Enum.TryParse<PairFileFormat>(f, ignoreCase: true, out var parsed))
                throw new ArgumentException($"--format: '{f}' is not one of {string.Join(", ", Enum.GetNames<PairFileFormat>().Select(n => n.ToLowerInvariant()))}");
            options = options with { Format = parsed };
        }
        if (parse.GetValue(columns) is { } c) options = options with { Columns = ColumnMap.Parse(c) };
        return options;
    }
}
