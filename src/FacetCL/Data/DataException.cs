namespace FacetCL.Data;

/// <summary>
/// A problem with an input data file. Every loader reports through this type so that a
/// user can jump straight to the offending place: the message reads
/// <c>{file}:{line}: field '{field}': {problem}</c>, with absent parts left out.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string problem, string? file = null, int? line = null, string? field = null, Exception? inner = null)
        : base(Format(problem, file, line, field), inner)
    {
        Problem = problem;
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file the problem was found in (as given to the loader); null when none applies.</summary>
    public string? File { get; }

    /// <summary>1-based line number; null when the problem is not tied to a line (e.g. a missing file).</summary>
    public int? Line { get; }

    /// <summary>Column or JSON key involved; null when the problem is not tied to one field.</summary>
    public string? Field { get; }

    /// <summary>The bare description, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string problem, string? file, int? line, string? field)
    {
        var prefix = new List<string>(3);
        if (file is not null)
        {
            prefix.Add(line is int l ? $"{file}:{l}" : file);
        }
        else if (line is int l)
        {
            prefix.Add($"line {l}");
        }

        if (field is not null)
        {
            prefix.Add($"field '{field}'");
        }

        prefix.Add(problem);
        return string.Join(": ", prefix);
    }
}
