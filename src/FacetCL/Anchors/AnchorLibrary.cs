using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FacetCL.Anchors;

/// <summary>
/// The persisted anchor library: one SQLite file (WAL mode) with the anchors, each text's
/// membership and a little metadata. Every change (a build, an import) is one transaction, so a
/// failed or killed run leaves the previous library as it was.
/// </summary>
/// <remarks>
/// Tables: <c>anchors</c> (one row per fingerprint), <c>memberships</c> (one row per distinct
/// text, keyed by the SHA-256 of the exact text; <c>fingerprint</c> is the text's own fingerprint,
/// <c>anchor_id</c> the anchor it belongs to, NULL when that anchor is rejected) and <c>meta</c>
/// (schema version, last build). Rejected anchors are hidden by every query even before the next
/// build clears their members' <c>anchor_id</c>.
/// </remarks>
public sealed partial class AnchorLibrary : IDisposable
{
    /// <summary>Version of the table layout; a file with another version is refused rather than misread.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Where the CLI keeps the library unless told otherwise.</summary>
    public const string DefaultPath = "runs/anchors.db";

    private const string InUse = "a.status <> 'rejected'";

    private readonly SqliteConnection connection;

    private AnchorLibrary(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    public string Path { get; }

    /// <summary>Opens the library at <paramref name="path"/>, creating the file and its tables when absent.</summary>
    /// <exception cref="InvalidDataException">the file holds another schema version</exception>
    public static AnchorLibrary Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        // No pooling: the file is released when the library is disposed (copies, deletes, other processes).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var library = new AnchorLibrary(full, connection);
            library.Execute("PRAGMA journal_mode = WAL;");
            library.Execute("PRAGMA busy_timeout = 5000;");
            library.CreateSchema();
            return library;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing library; unlike <see cref="Open"/> it never creates one (for read-only commands).</summary>
    /// <exception cref="FileNotFoundException">no file at <paramref name="path"/></exception>
    public static AnchorLibrary OpenExisting(string path) =>
        File.Exists(path) ? Open(path) : throw new FileNotFoundException($"anchor library not found: {path}", path);

    /// <summary>The membership key of a text: SHA-256 of its exact UTF-8 bytes, lower-case hex.</summary>
    public static string TextHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The text's anchor, score and alignment; null for an unknown text or one whose anchor is rejected.</summary>
    public AnchorMatch? AnchorOf(string text)
    {
        using var command = Command(
            $"SELECT m.anchor_id, m.score, m.aligned FROM memberships m JOIN anchors a ON a.id = m.anchor_id WHERE m.text_hash = $h AND {InUse}",
            ("$h", TextHash(text)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AnchorMatch(reader.GetString(0), reader.IsDBNull(1) ? 0 : reader.GetDouble(1), reader.GetInt64(2) != 0) : null;
    }

    /// <summary>Texts of an anchor (exact fingerprint membership), in text order; empty for a rejected or unknown anchor.</summary>
    public IReadOnlyList<AnchorMember> Members(string anchorId)
    {
        using var command = Command(
            $"SELECT m.text, m.score, m.aligned FROM memberships m JOIN anchors a ON a.id = m.anchor_id WHERE m.anchor_id = $id AND {InUse} ORDER BY m.text",
            ("$id", anchorId));
        using var reader = command.ExecuteReader();
        var members = new List<AnchorMember>();
        while (reader.Read()) members.Add(new AnchorMember(reader.GetString(0), reader.IsDBNull(1) ? 0 : reader.GetDouble(1), reader.GetInt64(2) != 0));
        return members;
    }

    /// <summary>One anchor whatever its status, or null.</summary>
    public Anchor? Get(string anchorId)
    {
        using var command = Command($"{AnchorColumns} WHERE id = $id", ("$id", anchorId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAnchor(reader) : null;
    }

    /// <summary>All anchors, most supported first (then by id).</summary>
    public IReadOnlyList<Anchor> Anchors()
    {
        using var command = Command($"{AnchorColumns} ORDER BY support DESC, id");
        using var reader = command.ExecuteReader();
        var anchors = new List<Anchor>();
        while (reader.Read()) anchors.Add(ReadAnchor(reader));
        return anchors;
    }

    /// <summary>Number of anchors, of one status or of all.</summary>
    public int AnchorCount(AnchorStatus? status = null) => status is { } s
        ? Scalar("SELECT COUNT(*) FROM anchors WHERE status = $s", ("$s", s.ToName()))
        : Scalar("SELECT COUNT(*) FROM anchors");

    /// <summary>Number of distinct texts of the last build (members of rejected anchors included).</summary>
    public int TextCount() => Scalar("SELECT COUNT(*) FROM memberships");

    /// <summary>A value of the <c>meta</c> table (e.g. <c>last_build_provenance</c>), or null.</summary>
    public string? Meta(string key) => Meta(key, null);

    public void Dispose() => connection.Dispose();

    private const string AnchorColumns = "SELECT id, slots_json, canonical_text, support, status, provenance, created_utc, updated_utc FROM anchors";

    private static Anchor ReadAnchor(SqliteDataReader r)
    {
        if (!AnchorStatusNames.TryParse(r.GetString(4), out var status)) throw new InvalidDataException($"anchor {r.GetString(0)} has unknown status '{r.GetString(4)}'");
        return new Anchor(r.GetString(0), SlotsJson.Read(r.GetString(1)), r.GetString(2), r.GetInt32(3), status, r.GetString(5), ParseTime(r.GetString(6)), ParseTime(r.GetString(7)));
    }

    private static string FormatTime(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private void CreateSchema()
    {
        using var transaction = connection.BeginTransaction();
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS anchors (
                id TEXT PRIMARY KEY,
                slots_json TEXT NOT NULL,
                canonical_text TEXT NOT NULL,
                support INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL CHECK (status IN ('auto', 'validated', 'rejected')),
                provenance TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                updated_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS memberships (
                text_hash TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                anchor_id TEXT,
                score REAL,
                aligned INTEGER NOT NULL DEFAULT 0,
                rival_id TEXT,
                rival_score REAL);
            CREATE INDEX IF NOT EXISTS memberships_anchor ON memberships (anchor_id);
            CREATE INDEX IF NOT EXISTS memberships_fingerprint ON memberships (fingerprint);
            """, transaction);
        var version = Meta("schema_version", transaction);
        if (version is null)
        {
            SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture), transaction);
        }
        else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"{Path}: anchor library schema version {version}; this facetcl reads version {SchemaVersion}");
        }
        transaction.Commit();
    }

    private string? Meta(string key, SqliteTransaction? transaction)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $k", transaction, ("$k", key));
        return command.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value, SqliteTransaction transaction) =>
        Execute("INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", transaction, ("$k", key), ("$v", value));

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) => Command(sql, null, parameters);

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters) => Execute(sql, null, parameters);

    private int Execute(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private int Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
