using System.Text;

namespace FacetCL.Data;

/// <summary>
/// Reads a text file as lines with a strict decoder. Decoding line by line (rather than
/// streaming the whole file) is what lets an undecodable byte be reported with its line
/// number instead of being silently replaced by U+FFFD.
/// </summary>
internal static class TextFile
{
    public const string DefaultEncoding = "utf-8";

    private static int providerRegistered;

    /// <summary>
    /// Returns a decoder that throws on invalid input. Code-page encodings (windows-1252 …)
    /// need the code-pages provider, which .NET does not register by default.
    /// </summary>
    public static Encoding GetStrictEncoding(string name, string? file = null)
    {
        var trimmed = name.Trim();
        if (trimmed.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        if (Interlocked.Exchange(ref providerRegistered, 1) == 0)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(trimmed, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException ex)
        {
            throw new DataException($"unknown encoding '{name}'", file, field: "encoding", inner: ex);
        }

        // Lines are split on the byte 0x0A before decoding, which is only sound when the
        // encoding writes '\n' as that single byte (true for UTF-8 and the code pages).
        var newline = encoding.GetBytes("\n");
        if (newline.Length != 1 || newline[0] != (byte)'\n')
        {
            throw new DataException($"encoding '{name}' is not supported: it does not write a line feed as the byte 0x0A", file, field: "encoding");
        }

        return encoding;
    }

    /// <summary>
    /// All lines of <paramref name="path"/>; element i is line i + 1. A UTF-8 byte-order mark
    /// and CR of CRLF endings are dropped; a final line feed does not yield an empty last line.
    /// </summary>
    public static IReadOnlyList<string> ReadLines(string path, string encodingName = DefaultEncoding)
    {
        var encoding = GetStrictEncoding(encodingName, path);
        var bytes = ReadAllBytes(path);
        var lines = new List<string>();
        var start = 0;
        if (encoding is UTF8Encoding && bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            start = 3;
        }

        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            if (end < 0)
            {
                end = bytes.Length;
            }

            var length = end - start;
            if (length > 0 && bytes[end - 1] == (byte)'\r')
            {
                length--;
            }

            try
            {
                lines.Add(encoding.GetString(bytes, start, length));
            }
            catch (DecoderFallbackException ex)
            {
                var column = ex.Index >= 0 ? $" at byte {ex.Index + 1} of the line" : string.Empty;
                var shown = ex.BytesUnknown is { Length: > 0 } unknown ? $" (0x{Convert.ToHexString(unknown)})" : string.Empty;
                throw new DataException($"bytes not valid {encodingName}{shown}{column}", path, lines.Count + 1, inner: ex);
            }

            start = next;
        }

        return lines;
    }

    /// <summary>Reads the file, turning "not there" into a <see cref="DataException"/>.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException("file not found", path, inner: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"cannot read file: {ex.Message}", path, inner: ex);
        }
    }
}
