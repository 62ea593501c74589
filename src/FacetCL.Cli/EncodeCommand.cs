using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
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
        var command = new Command("encode", "embed texts with a model (JSONL: text, embedding)") { model, input, output, batch };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var texts = (path == "-" ? Console.In.ReadToEnd().Split('\n') : File.ReadAllLines(path, new UTF8Encoding(false, true)))
                .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            using var m = SentenceModel.Load(parse.GetValue(model)!);
            var emb = m.Encode(texts, parse.GetValue(batch));
            var sb = new StringBuilder();
            for (var i = 0; i < texts.Count; i++)
                sb.Append(new JsonObject { ["text"] = texts[i], ["embedding"] = new JsonArray(emb[i].Select(v => (JsonNode?)v).ToArray()) }.ToJsonString()).Append('\n');
            if (parse.GetValue(output) is { } o) FacetCL.AtomicFile.WriteAllText(o, sb.ToString());
            else Console.Out.Write(sb.ToString());
            return 0;
        });
        return command;
    }
}
