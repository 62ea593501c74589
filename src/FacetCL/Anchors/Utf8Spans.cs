using System.Text;

namespace FacetCL.Anchors;

/// <summary>
/// Maps byte offsets of a UTF-8 encoding back to UTF-16 indices of the .NET string, so spans reported
/// by a native parser land on the right characters even for accented letters, CJK or emoji.
/// </summary>
sealed class Utf8Spans
{
    readonly int[] charAtByte;

    public Utf8Spans(string text)
    {
        Bytes = Encoding.UTF8.GetBytes(text);
        charAtByte = new int[Bytes.Length + 1];
        var b = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var count = pair ? 4 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
            for (var k = 0; k < count && b < Bytes.Length; k++) charAtByte[b++] = i;
            if (pair) i++;
        }
        for (; b <= Bytes.Length; b++) charAtByte[b] = text.Length;
    }

    public byte[] Bytes { get; }

    /// <summary>UTF-16 index of the character that the byte at <paramref name="byteOffset"/> belongs to (clamped).</summary>
    public int CharIndex(long byteOffset) => charAtByte[(int)Math.Clamp(byteOffset, 0, Bytes.Length)];
}
