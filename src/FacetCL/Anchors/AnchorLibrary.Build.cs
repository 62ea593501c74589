using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FacetCL.Anchors;

/// <summary>What a build changed.</summary>
public sealed record BuildReport(int Texts, int AnchorsAdded, int AnchorsUpdated, int AnchorsRemoved, int Aligned, int Disagreements);

public sealed partial class AnchorLibrary
{
    /// <summary>
    /// Recomputes the auto anchors and all memberships from <paramref name="inputs"/>, in one
    /// transaction: if anything throws (or the process dies) before the commit, the library keeps
    /// its previous content.
    /// <list type="bullet">
    /// <item>Texts are distinct by exact text; a repeated text counts once, its first occurrence wins.</item>
    /// <item>Support of an anchor = number of distinct texts with its fingerprint.</item>
    /// <item>Auto anchors take the inputs' slots, canonical text and <paramref name="provenance"/>; an
    /// auto anchor that no input supports any more is deleted.</item>
    /// <item>Validated anchors keep slots, canonical text, status and provenance; only support
    /// (possibly 0) and their memberships are refreshed, and they are never deleted.</item>
    /// <item>Rejected anchors are kept (so they do not come back as auto) with refreshed support, but
    /// never used: their texts are stored with <c>anchor_id</c> NULL, not aligned, and they are
    /// nobody's candidate.</item>
    /// </list>
    /// </summary>
    /// <param name="onTextStored">called after each membership row is written (progress; a test hook to interrupt a build)</param>
    /// <exception cref="ArgumentException">two inputs share a fingerprint but not their slots (a fingerprint collision or a mixed-up input)</exception>
    public BuildReport Build(
        IEnumerable<AnchorInput> inputs,
        string provenance,
        ISlotSimilarity similarity,
        AlignmentOptions? options = null,
        Action<int>? onTextStored = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(similarity);
        options ??= new AlignmentOptions();
        options.Validate();
        var texts = DistinctTexts(inputs);
        var groups = Group(texts);
        var now = FormatTime(DateTime.UtcNow);

        using var transaction = connection.BeginTransaction(deferred: false);
        var existing = LoadAnchors(transaction);
        var (added, updated, removed) = WriteAnchors(groups, existing, provenance, now, transaction);

        var inUse = new List<(string, CanonicalSlots)>();
        foreach (var (id, (status, slots)) in existing)
        {
            if (status == AnchorStatus.Validated) inUse.Add((id, slots));
        }
        foreach (var (id, group) in groups)
        {
            if (!existing.TryGetValue(id, out var old) || old.Status == AnchorStatus.Auto) inUse.Add((id, group[0].Slots));
        }
        var alignment = new Alignment(inUse, similarity, options);

        Execute("DELETE FROM memberships", transaction);
        var aligned = 0;
        var disagreements = 0;
        using (var insert = Command(
            "INSERT INTO memberships (text_hash, text, fingerprint, anchor_id, score, aligned, rival_id, rival_score) VALUES ($h, $t, $f, $a, $s, $al, $r, $rs)",
            transaction, ("$h", null), ("$t", null), ("$f", null), ("$a", null), ("$s", null), ("$al", null), ("$r", null), ("$rs", null)))
        {
            insert.Prepare();
            for (var i = 0; i < texts.Count; i++)
            {
                var input = texts[i];
                var rejected = existing.TryGetValue(input.FingerprintId, out var old) && old.Status == AnchorStatus.Rejected;
                var result = rejected ? null : alignment.Align(input.Slots, input.FingerprintId);
                insert.Parameters["$h"].Value = TextHash(input.Text);
                insert.Parameters["$t"].Value = input.Text;
                insert.Parameters["$f"].Value = input.FingerprintId;
                insert.Parameters["$a"].Value = (object?)result?.OwnId ?? DBNull.Value;
                insert.Parameters["$s"].Value = result is null ? DBNull.Value : result.OwnScore;
                insert.Parameters["$al"].Value = result?.Aligned == true ? 1 : 0;
                insert.Parameters["$r"].Value = (object?)result?.RivalId ?? DBNull.Value;
                insert.Parameters["$rs"].Value = result?.RivalId is null ? DBNull.Value : result.RivalScore;
                insert.ExecuteNonQuery();
                if (result?.Aligned == true) aligned++;
                if (result?.Disagrees == true) disagreements++;
                onTextStored?.Invoke(i + 1);
            }
        }

        SetMeta("last_build_utc", now, transaction);
        SetMeta("last_build_provenance", provenance, transaction);
        SetMeta("last_build_texts", texts.Count.ToString(CultureInfo.InvariantCulture), transaction);
        SetMeta("alignment_margin", options.Margin.ToString("R", CultureInfo.InvariantCulture), transaction);
        transaction.Commit();
        return new BuildReport(texts.Count, added, updated, removed, aligned, disagreements);
    }

    private static List<AnchorInput> DistinctTexts(IEnumerable<AnchorInput> inputs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<AnchorInput>();
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (string.IsNullOrEmpty(input.FingerprintId)) throw new ArgumentException($"input without a fingerprint ID: '{input.Text}'", nameof(inputs));
            if (seen.Add(input.Text)) texts.Add(input);
        }
        return texts;
    }

    private static Dictionary<string, List<AnchorInput>> Group(List<AnchorInput> texts)
    {
        var groups = new Dictionary<string, List<AnchorInput>>(StringComparer.Ordinal);
        foreach (var input in texts)
        {
            if (!groups.TryGetValue(input.FingerprintId, out var group))
            {
                groups[input.FingerprintId] = group = [];
            }
            else if (!group[0].Slots.Equals(input.Slots))
            {
                throw new ArgumentException(
                    $"fingerprint {input.FingerprintId} has different slots for '{group[0].Text}' ({SlotsJson.Write(group[0].Slots)}) and '{input.Text}' ({SlotsJson.Write(input.Slots)})",
                    nameof(texts));
            }
            group.Add(input);
        }
        return groups;
    }

    private Dictionary<string, (AnchorStatus Status, CanonicalSlots Slots)> LoadAnchors(SqliteTransaction transaction)
    {
        using var command = Command("SELECT id, status, slots_json FROM anchors", transaction);
        using var reader = command.ExecuteReader();
        var anchors = new Dictionary<string, (AnchorStatus, CanonicalSlots)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (!AnchorStatusNames.TryParse(reader.GetString(1), out var status)) throw new InvalidDataException($"anchor {reader.GetString(0)} has unknown status '{reader.GetString(1)}'");
            anchors[reader.GetString(0)] = (status, SlotsJson.Read(reader.GetString(2)));
        }
        return anchors;
    }

    private (int Added, int Updated, int Removed) WriteAnchors(
        Dictionary<string, List<AnchorInput>> groups,
        Dictionary<string, (AnchorStatus Status, CanonicalSlots Slots)> existing,
        string provenance,
        string now,
        SqliteTransaction transaction)
    {
        int added = 0, updated = 0, removed = 0;
        foreach (var (id, (status, _)) in existing)
        {
            var support = groups.TryGetValue(id, out var group) ? group.Count : 0;
            if (status == AnchorStatus.Auto && group is null)
            {
                removed += Execute("DELETE FROM anchors WHERE id = $id", transaction, ("$id", id));
            }
            else if (status == AnchorStatus.Auto)
            {
                updated += Execute(
                    """
                    UPDATE anchors SET slots_json = $j, canonical_text = $c, support = $n, provenance = $p, updated_utc = $u
                    WHERE id = $id AND (slots_json <> $j OR canonical_text <> $c OR support <> $n OR provenance <> $p)
                    """,
                    transaction, ("$j", SlotsJson.Write(group![0].Slots)), ("$c", group[0].CanonicalText), ("$n", support), ("$p", provenance), ("$u", now), ("$id", id));
            }
            else
            {
                // Curated: only the support is the build's to say. Rows change (and get a new
                // updated_utc) only when a value does, so an unchanged curated anchor stays byte-identical.
                updated += Execute("UPDATE anchors SET support = $n, updated_utc = $u WHERE id = $id AND support <> $n", transaction, ("$n", support), ("$u", now), ("$id", id));
            }
        }
        foreach (var (id, group) in groups)
        {
            if (existing.ContainsKey(id)) continue;
            added += Execute(
                "INSERT INTO anchors (id, slots_json, canonical_text, support, status, provenance, created_utc, updated_utc) VALUES ($id, $j, $c, $n, 'auto', $p, $u, $u)",
                transaction, ("$id", id), ("$j", SlotsJson.Write(group[0].Slots)), ("$c", group[0].CanonicalText), ("$n", group.Count), ("$p", provenance), ("$u", now));
        }
        return (added, updated, removed);
    }
}
