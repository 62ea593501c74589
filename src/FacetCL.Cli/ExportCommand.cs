using System.CommandLine;
using FacetCL.Export;
using FacetCL.Model;
using Spectre.Console;

namespace FacetCL.Cli;

/// <summary><c>facetcl export</c>: an ONNX model of the main-vector path, or a sentence-transformers folder.</summary>
static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "model folder, or 'base'", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "onnx or sentence-transformers", Required = true };
        format.AcceptOnlyFromAmong("onnx", "sentence-transformers");
        var output = new Option<string>("--out", "-o") { Description = "output folder (onnx: writes <out>/model.onnx and vocab.txt)", Required = true };
        var command = new Command("export", "export a model as ONNX or as a sentence-transformers folder") { model, format, output };
        command.SetAction(parse =>
        {
            using var m = SentenceModel.Load(parse.GetValue(model)!);
            var outDir = parse.GetValue(output)!;
            if (parse.GetValue(format) == "onnx")
            {
                Directory.CreateDirectory(outDir);
                var path = Path.Combine(outDir, "model.onnx");
                OnnxExporter.Export(m, path);
                File.Copy(m.Tokenizer.VocabPath, Path.Combine(outDir, "vocab.txt"), overwrite: true);
                Cli.Err.MarkupLineInterpolated($"wrote [blue]{path}[/] (inputs input_ids, attention_mask, token_type_ids; outputs last_hidden_state, sentence_embedding)");
            }
            else
            {
                SentenceTransformersFormat.Write(m, outDir);
                Cli.Err.MarkupLineInterpolated($"wrote sentence-transformers folder [blue]{outDir}[/] (Python: SentenceTransformer(\"{outDir}\"))");
            }
            return 0;
        });
        return command;
    }
}
