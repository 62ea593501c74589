using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FacetCL.Anchors;

/// <summary>
/// Parsed annotations in SQLite (<c>&lt;cache&gt;/annotations/v1.db</c>), keyed by the SHA-256 of the text
/// and a version string (extractor version + lemmatiser), so a changed extractor re-parses instead of
/// reading stale frames. Timed-out entries remember their time limit and are retried under a longer one.
/// WAL mode lets several facetcl processes read while one writes.
/// </summary>
public sealed class AnnotationCache : IDisposable
{
    readonly SqliteConnection connection;

    public AnnotationCache(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS annotations (
              hash TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL,
              timed_out INTEGER NOT NULL, time_limit_ms INTEGER NOT NULL,
              PRIMARY KEY (hash, version)) WITHOUT ROWID;
            """);
    }

    public string Path { get; }

    /// <summary>The default file under <see cref="CachePaths.Root"/>.</summary>
    public static string DefaultPath => System.IO.Path.Combine(CachePaths.Root, "annotations", "v1.db");

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The cached annotation, unless missing or timed out under a shorter limit than <paramref name="timeLimit"/>.</summary>
    public Annotation? Get(string text, string version, TimeSpan timeLimit)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT json, timed_out, time_limit_ms FROM annotations WHERE hash = $h AND version = $v";
        cmd.Parameters.AddWithValue("$h", Hash(text));
        cmd.Parameters.AddWithValue("$v", version);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) return null;
        if (reader.GetInt64(1) != 0 && reader.GetInt64(2) < (long)timeLimit.TotalMilliseconds) return null;
        var annotation = AnnotationJson.Deserialize(reader.GetString(0));
        // A SHA-256 collision is not expected, but a row must never answer for another text.
        return annotation.Text == text ? annotation : null;
    }

    /// <summary>Stores a batch in one transaction (one fsync instead of one per row).</summary>
    public void PutAll(IEnumerable<Annotation> annotations, string version, TimeSpan timeLimit)
    {
        using var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR REPLACE INTO annotations (hash, version, json, timed_out, time_limit_ms) VALUES ($h, $v, $j, $t, $l)";
        var h = cmd.Parameters.Add("$h", SqliteType.Text);
        var v = cmd.Parameters.Add("$v", SqliteType.Text);
        var j = cmd.Parameters.Add("$j", SqliteType.Text);
        var t = cmd.Parameters.Add("$t", SqliteType.Integer);
        var l = cmd.Parameters.Add("$l", SqliteType.Integer);
        v.Value = version;
        l.Value = (long)timeLimit.TotalMilliseconds;
        foreach (var a in annotations)
        {
            h.Value = Hash(a.Text);
            j.Value = AnnotationJson.Serialize(a);
            t.Value = a.Status == AnnotationStatus.TimedOut ? 1 : 0;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    void Execute(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
