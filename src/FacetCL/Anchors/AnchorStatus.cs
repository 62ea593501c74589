namespace FacetCL.Anchors;

/// <summary>
/// Curation state of an anchor. A rebuild owns <see cref="Auto"/> anchors only; the other two
/// are human decisions that a rebuild must not undo.
/// </summary>
public enum AnchorStatus
{
    /// <summary>Made by a build; replaced or dropped by the next build as the inputs change.</summary>
    Auto,
    /// <summary>Confirmed by a curator: slots, canonical text and status survive every rebuild.</summary>
    Validated,
    /// <summary>Refused by a curator: kept so that a rebuild does not bring it back, but never used for alignment.</summary>
    Rejected,
}

/// <summary>The lower-case names stored in the database and the CSV (<c>auto</c>, <c>validated</c>, <c>rejected</c>).</summary>
public static class AnchorStatusNames
{
    public static string ToName(this AnchorStatus status) => status switch
    {
        AnchorStatus.Auto => "auto",
        AnchorStatus.Validated => "validated",
        AnchorStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown anchor status"),
    };

    /// <summary>Parses a stored or curated name; false for anything else (case and surrounding spaces are ignored).</summary>
    public static bool TryParse(string? name, out AnchorStatus status)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "auto": status = AnchorStatus.Auto; return true;
            case "validated": status = AnchorStatus.Validated; return true;
            case "rejected": status = AnchorStatus.Rejected; return true;
            default: status = default; return false;
        }
    }
}
