using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacetCL.Anchors;

/// <summary>
/// The JSON form of <see cref="CanonicalSlots"/> kept in the database and the CSV export. Written by
/// hand (not by reflection) so that the stored shape stays fixed even if the record gains members.
/// </summary>
public static class SlotsJson
{
    public static string Write(CanonicalSlots slots)
    {
        var json = new JsonObject
        {
            ["subject"] = slots.Subject,
            ["predicate"] = slots.Predicate,
            ["object"] = slots.Object,
            ["attributes"] = new JsonArray(slots.Attributes.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["negated"] = slots.Negated,
            ["tense"] = slots.Tense.ToString().ToLowerInvariant(),
        };
        return json.ToJsonString();
    }

    /// <exception cref="InvalidDataException">the text is not a slots object</exception>
    public static CanonicalSlots Read(string text)
    {
        try
        {
            var json = JsonNode.Parse(text)?.AsObject() ?? throw new InvalidDataException("slots JSON is null");
            var attributes = json["attributes"]?.AsArray().Select(a => a?.GetValue<string>() ?? throw new InvalidDataException("null attribute in slots JSON")).ToList() ?? [];
            var tenseName = json["tense"]?.GetValue<string>() ?? "none";
            if (!Enum.TryParse<Tense>(tenseName, ignoreCase: true, out var tense))
                throw new InvalidDataException($"unknown tense '{tenseName}' in slots JSON");
            return new CanonicalSlots(
                json["subject"]?.GetValue<string>(),
                json["predicate"]?.GetValue<string>(),
                json["object"]?.GetValue<string>(),
                attributes,
                json["negated"]?.GetValue<bool>() ?? false,
                tense);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"bad slots JSON: {e.Message}", e);
        }
    }
}
