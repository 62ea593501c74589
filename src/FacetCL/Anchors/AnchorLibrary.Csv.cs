using System.Globalization;
using CsvHelper;
using FacetCL.Data;

namespace FacetCL.Anchors;

/// <summary>What an import changed.</summary>
public sealed record ImportReport(int Rows, int StatusChanges, int TextChanges);

public sealed partial class AnchorLibrary
{
    /// <summary>The columns of the curation CSV, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["id", "status", "canonical_text", "support", "slots_json", "provenance"];

    /// <summary>
    /// Writes every anchor to a CSV for curators (most supported first), atomically: a reader never
    /// sees a half-written file, and a failed export leaves the old file in place.
    /// </summary>
    public int ExportCsv(string path)
    {
        var anchors = Anchors();
        AtomicFile.Write(path, stream =>
        {
            using var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            writer.WriteRecord(CsvColumns.ToArray());
            foreach (var a in anchors)
            {
                writer.WriteRecord([a.Id, a.Status.ToName(), a.CanonicalText, a.Support.ToString(CultureInfo.InvariantCulture), SlotsJson.Write(a.Slots), a.Provenance]);
            }
        });
        return anchors.Count;
    }

    /// <summary>
    /// Applies a curated CSV: only <c>status</c> changes, plus <c>canonical_text</c> for rows whose new
    /// status is validated (the other columns are informational and ignored). All rows are checked
    /// before anything is written, and the changes go in as one transaction: either the whole file
    /// applies or nothing does. Status changes take full effect on memberships at the next build;
    /// until then queries already hide anchors that became rejected.
    /// </summary>
    /// <exception cref="DataException">an unknown or repeated id, an unknown status, or a canonical text edit
    /// on a non-validated anchor; the message names the file, line and field</exception>
    public ImportReport ImportCsv(string path)
    {
        var table = TextTable.ReadCsv(path, "utf-8");
        var idColumn = table.Column("id");
        var statusColumn = table.Column("status");
        var textColumn = table.HasColumn("canonical_text") ? table.Column("canonical_text") : -1;
        var stored = Anchors().ToDictionary(a => a.Id, StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<(string Id, AnchorStatus Status, string Text)>();
        int statusChanges = 0, textChanges = 0;
        foreach (var row in table.Rows)
        {
            var id = row.Fields[idColumn].Trim();
            if (id.Length == 0) throw new DataException("empty anchor id", path, row.Line, "id");
            if (!stored.TryGetValue(id, out var anchor)) throw new DataException($"unknown anchor id '{id}': not in {Path}", path, row.Line, "id");
            if (!firstLine.TryAdd(id, row.Line)) throw new DataException($"anchor id '{id}' appears again (first on line {firstLine[id]})", path, row.Line, "id");
            var statusText = row.Fields[statusColumn];
            if (!AnchorStatusNames.TryParse(statusText, out var status))
                throw new DataException($"unknown status '{statusText}': use auto, validated or rejected", path, row.Line, "status");
            var text = anchor.CanonicalText;
            if (textColumn >= 0 && row.Fields[textColumn] != anchor.CanonicalText)
            {
                if (status != AnchorStatus.Validated)
                    throw new DataException($"canonical text of anchor '{id}' can only be edited when its status is validated (here: {status.ToName()})", path, row.Line, "canonical_text");
                text = row.Fields[textColumn].Trim();
                if (text.Length == 0) throw new DataException($"empty canonical text for validated anchor '{id}'", path, row.Line, "canonical_text");
            }
            if (status == anchor.Status && text == anchor.CanonicalText) continue;
            if (status != anchor.Status) statusChanges++;
            if (text != anchor.CanonicalText) textChanges++;
            changes.Add((id, status, text));
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var now = FormatTime(DateTime.UtcNow);
        foreach (var (id, status, text) in changes)
        {
            Execute("UPDATE anchors SET status = $s, canonical_text = $c, updated_utc = $u WHERE id = $id", transaction, ("$s", status.ToName()), ("$c", text), ("$u", now), ("$id", id));
        }
        transaction.Commit();
        return new ImportReport(table.Rows.Count, statusChanges, textChanges);
    }
}
