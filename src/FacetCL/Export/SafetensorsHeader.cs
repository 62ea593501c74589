using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace FacetCL.Export;

/// <summary>
/// Adds <c>"__metadata__": {"format": "pt"}</c> to a safetensors file's JSON header. Hugging Face
/// <c>transformers</c> checks that key when it loads <c>model.safetensors</c>; the writer we use
/// (TorchSharp.PyBridge) does not set it. Only the header changes; tensor bytes are copied as is.
/// </summary>
static class SafetensorsHeader
{
    public static void SetFormatPt(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(data));
        var header = JsonNode.Parse(Encoding.UTF8.GetString(data, 8, headerLength))!.AsObject();
        header["__metadata__"] = new JsonObject { ["format"] = "pt" };
        var json = header.ToJsonString();
        // The spec allows trailing spaces; pad so tensor data starts 8-byte aligned.
        json += new string(' ', (8 - Encoding.UTF8.GetByteCount(json) % 8) % 8);
        var newHeader = Encoding.UTF8.GetBytes(json);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)newHeader.Length);
            stream.Write(length);
            stream.Write(newHeader);
            stream.Write(data, 8 + headerLength, data.Length - 8 - headerLength);
        });
    }
}
