using System.Text.Json;
using System.Text.Json.Serialization;

namespace FacetCL.Anchors;

/// <summary>
/// The JSON form of an <see cref="Annotation"/> (cache rows and <c>facetcl annotate</c> output): one
/// compact object, enums as names so the files stay readable and survive enum reordering.
/// </summary>
public static class AnnotationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(Annotation annotation) => JsonSerializer.Serialize(annotation, Options);

    public static Annotation Deserialize(string json) =>
        JsonSerializer.Deserialize<Annotation>(json, Options) ?? throw new JsonException("annotation JSON is null");
}
