using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using FacetCL.Factors;
using FacetCL.Model;

namespace FacetCL.Cli;

/// <summary><c>facetcl encode</c>: embeddings of texts (one per line) as JSONL.</summary>
static class EncodeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "model folder, or 'base'", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "UTF-8 text file, one text per line ('-' = stdin)", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "JSONL output file (default: stdout)" };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64 };
        var roles = new Option<bool>("--roles") { Description = "parse the texts (Link Grammar, cached) and feed their subject/predicate/object roles to the model's role signal" };
        var factors = new Option<bool>("--factors") { Description = "also write the factor vectors (syntax, role_density, sentiment, factuality, temporal) of a model with factor heads" };
        var command = new Command("encode", "embed texts with a model (JSONL: text, embedding, and with --factors the factor vectors)") { model, input, output, batch, roles, factors };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var texts = (path == "-" ? Console.In.ReadToEnd().Split('\n') : File.ReadAllLines(path, new UTF8Encoding(false, true)))
                .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            using var m = SentenceModel.Load(parse.GetValue(model)!);
            if (parse.GetValue(roles) && m.Roles is null) throw new ArgumentException($"--roles: the model {parse.GetValue(model)} has no role signal");
            if (parse.GetValue(factors) && m.Factors is null) throw new ArgumentException($"--factors: the model {parse.GetValue(model)} has no factor heads");
            var tokenRoles = parse.GetValue(roles) ? Anchors.RoleAlignment.Source(m.Tokenizer)(texts, m.Settings.MaxSeqLength) : null;
            var encoded = m.EncodeTensor(texts, parse.GetValue(batch), tokenRoles: tokenRoles, factors: parse.GetValue(factors));
            static JsonArray Vector(float[] v) => new(v.Select(x => (JsonNode?)x).ToArray());
            var sb = new StringBuilder();
            for (var i = 0; i < texts.Count; i++)
            {
                var row = new JsonObject { ["text"] = texts[i], ["embedding"] = Vector(encoded.Main[i]) };
                if (encoded.Factors is { } f)
                    row["factors"] = new JsonObject(Factors.FactorKinds.All.Select(k => KeyValuePair.Create(k.Name(), (JsonNode?)Vector(f[(int)k][i]))));
                sb.Append(row.ToJsonString()).Append('\n');
            }
            if (parse.GetValue(output) is { } o) FacetCL.AtomicFile.WriteAllText(o, sb.ToString());
            else Console.Out.Write(sb.ToString());
            return 0;
        });
        return command;
    }
}
