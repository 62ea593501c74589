using System.CommandLine;
using System.Text;
using FacetCL.Anchors;
using FacetCL.Data;

namespace FacetCL.Cli;

/// <summary>
/// <c>facetcl annotate</c>: semantic frames of every unique text of a file, as JSONL (one annotation per
/// input text, in input order), with the run's figures on stderr.
/// </summary>
static class AnnotateCommand
{
    /// <param name="lemmatizer">the lemmatiser to use; the default only lower-cases, until the WordNet one is wired in here</param>
    public static Command Create(Func<ILemmatizer>? lemmatizer = null)
    {
        var input = new Option<string>("--input", "-i") { Description = "texts, one per line (.txt or no extension), or a pair file (TSV, CSV, JSONL: all sentence columns)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "annotations JSONL to write", Required = true };
        var timeLimit = new Option<int>("--time-limit-ms") { Description = "per-sentence parse limit in milliseconds", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int?>("--threads") { Description = "parallel parsers (default: all cores)" };
        var noCache = new Option<bool>("--no-cache") { Description = "neither read nor write the annotation cache" };
        var pairOptions = PairFileCliOptions.Create();

        var command = new Command("annotate", "parse texts into semantic frames (subject, predicate, object, attributes, negation, tense)") { input, output, timeLimit, threads, noCache };
        pairOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var texts = ReadTexts(path, pairOptions.Read(parse), parse.GetValue(pairOptions.FormatOption) is not null);
            if (parse.GetValue(timeLimit) <= 0) throw new ArgumentException("--time-limit-ms must be positive");
            var options = new AnnotatorOptions(TimeSpan.FromMilliseconds(parse.GetValue(timeLimit)), parse.GetValue(threads), UseCache: !parse.GetValue(noCache));
            var annotator = new Annotator((lemmatizer ?? (() => new LowerCaseLemmatizer()))(), options);
            var progress = new Progress<int>(n => Console.Error.Write($"\rannotate: {n} texts done"));
            var run = annotator.Annotate(texts, progress);
            Console.Error.WriteLine();
            AtomicFile.Write(parse.GetValue(output)!, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                foreach (var a in run.Annotations) writer.WriteLine(AnnotationJson.Serialize(a));
            });
            Console.Error.WriteLine($"annotate: {run.Stats}");
            return 0;
        });
        return command;
    }

    static List<string> ReadTexts(string path, PairFileOptions options, bool formatGiven)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"input file not found: {path}", path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (!formatGiven && ext is "" or ".txt")
            return File.ReadLines(path, Encoding.GetEncoding(options.Encoding)).Where(l => l.Trim().Length > 0).ToList();
        var file = PairFileReader.Read(path, options);
        return file.Kind switch
        {
            PairFileKind.ScoredPairs => file.ScoredPairs.SelectMany(p => new[] { p.Sentence1, p.Sentence2 }).ToList(),
            PairFileKind.Pairs => file.Pairs.SelectMany(p => new[] { p.Sentence1, p.Sentence2 }).ToList(),
            _ => file.Triplets.SelectMany(t => new[] { t.Anchor, t.Positive, t.Negative }).ToList(),
        };
    }

    /// <summary>Lower-cases only: a stand-in so the command runs before a WordNet lemmatiser is passed in.</summary>
    sealed class LowerCaseLemmatizer : ILemmatizer
    {
        public string Lemma(string word, WordClass wordClass) => word.ToLowerInvariant();
    }
}
