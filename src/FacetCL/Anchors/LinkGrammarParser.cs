using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FacetCL.Anchors;

/// <summary>Settings of <see cref="LinkGrammarParser"/>.</summary>
/// <param name="LinkageLimit">linkages Link Grammar extracts and ranks; the best one is used</param>
/// <param name="MaxTextLength">longer texts are not parsed (a failed result): the parser's cost grows with the cube of the length, and no anchor is expected from a paragraph</param>
public sealed record LinkGrammarOptions(int LinkageLimit = 100, int MaxTextLength = 1000);

/// <summary>
/// <see cref="ISyntacticParser"/> over the Link Grammar C library (5.x, Debian's liblink-grammar5).
/// One instance per thread: it owns its Parse_Options and creates a Sentence per call, while the
/// dictionary is shared (<see cref="LinkGrammarDictionary"/>). Ungrammatical text is parsed with null
/// links (words left out) rather than rejected. Never throws on input: empty, over-long or unparsable
/// text gives a result with no words.
/// </summary>
public sealed class LinkGrammarParser : ISyntacticParser
{
    readonly IntPtr dictionary;
    readonly LinkGrammarOptions settings;
    IntPtr options;

    public LinkGrammarParser(LinkGrammarOptions? settings = null)
    {
        this.settings = settings ?? new LinkGrammarOptions();
        dictionary = LinkGrammarDictionary.Acquire();
        options = LinkGrammarNative.ParseOptionsCreate();
        LinkGrammarNative.SetVerbosity(options, 0);
        LinkGrammarNative.SetLinkageLimit(options, this.settings.LinkageLimit);
        LinkGrammarNative.SetSpellGuess(options, 0);
        // The same text must always give the same linkage (cache, parallel = sequential).
        LinkGrammarNative.SetRepeatableRand(options, true);
    }

    public ParseResult Parse(string text, TimeSpan timeLimit)
    {
        ObjectDisposedException.ThrowIf(options == IntPtr.Zero, this);
        var clean = Sanitize(text);
        if (clean.Trim().Length == 0 || clean.Length > settings.MaxTextLength) return Failed(false);
        LinkGrammarQuiet.Install();

        var spans = new Utf8Spans(clean);
        var input = new byte[spans.Bytes.Length + 1];
        spans.Bytes.CopyTo(input, 0);
        var clock = Stopwatch.StartNew();
        var sentence = LinkGrammarNative.SentenceCreate(input, dictionary);
        if (sentence == IntPtr.Zero) return Failed(false);
        try
        {
            if (LinkGrammarNative.SentenceSplit(sentence, options) < 0) return Failed(false);
            // Link Grammar's timer counts whole seconds of the parsing thread's CPU time, so a busy machine
            // does not turn a finished parse into a timeout; only a limit under one second (which that timer
            // cannot express) is checked against the wall clock below.
            LinkGrammarNative.SetMaxParseTime(options, (int)Math.Clamp(Math.Ceiling(timeLimit.TotalSeconds), 1, int.MaxValue));
            LinkGrammarNative.SetMinNullCount(options, 0);
            LinkGrammarNative.SetMaxNullCount(options, LinkGrammarNative.SentenceLength(sentence));
            LinkGrammarNative.ResetResources(options);
            var found = LinkGrammarNative.SentenceParse(sentence, options);
            var timedOut = LinkGrammarNative.TimerExpired(options) || (timeLimit < TimeSpan.FromSeconds(1) && clock.Elapsed > timeLimit);
            if (found <= 0) return Failed(timedOut);
            var linkage = LinkGrammarNative.LinkageCreate(0, sentence, options);
            if (linkage == IntPtr.Zero) return Failed(timedOut);
            try
            {
                return Read(linkage, clean, spans, timedOut) with { NullCount = LinkGrammarNative.SentenceNullCount(sentence) };
            }
            finally
            {
                LinkGrammarNative.LinkageDelete(linkage);
            }
        }
        finally
        {
            LinkGrammarNative.SentenceDelete(sentence);
        }
    }

    static ParseResult Failed(bool timedOut) => new([], [], timedOut);

    static ParseResult Read(IntPtr linkage, string text, Utf8Spans spans, bool timedOut)
    {
        var wordCount = LinkGrammarNative.LinkageNumWords(linkage);
        var words = new List<ParsedWord>((int)wordCount);
        for (nuint w = 0; w < wordCount; w++)
        {
            var token = Marshal.PtrToStringUTF8(LinkGrammarNative.Word(linkage, w)) ?? "";
            var start = spans.CharIndex((long)LinkGrammarNative.WordByteStart(linkage, w));
            var end = spans.CharIndex((long)LinkGrammarNative.WordByteEnd(linkage, w));
            var (word, subscript) = LinkGrammarToken.Split(token);
            var isWall = word is "LEFT-WALL" or "RIGHT-WALL";
            if (isWall || end <= start) { start = isWall && word == "RIGHT-WALL" ? text.Length : start; end = start; }
            var surface = end > start ? text[start..end] : word;
            words.Add(new ParsedWord(token, surface, subscript, start, end - start));
        }
        var linkCount = LinkGrammarNative.LinkageNumLinks(linkage);
        var links = new List<ParsedLink>((int)linkCount);
        for (nuint l = 0; l < linkCount; l++)
        {
            var label = Marshal.PtrToStringUTF8(LinkGrammarNative.LinkLabel(linkage, l)) ?? "";
            links.Add(new ParsedLink((int)LinkGrammarNative.LinkLeftWord(linkage, l), (int)LinkGrammarNative.LinkRightWord(linkage, l), label));
        }
        return new ParseResult(words, links, timedOut);
    }

    /// <summary>
    /// Keeps the UTF-16 length (so spans stay valid) while removing what a C parser must not see:
    /// NUL and other control characters become spaces, lone surrogates become U+FFFD.
    /// </summary>
    internal static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else if (char.IsControl(c)) sb.Append(' ');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        if (options == IntPtr.Zero) return;
        LinkGrammarNative.ParseOptionsDelete(options);
        options = IntPtr.Zero;
        LinkGrammarDictionary.Release();
    }
}
