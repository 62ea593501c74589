using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FacetCL.Diagnostics;

/// <summary>One stored diagnose run.</summary>
public sealed record QualityRun(long Id, string Model, string Data, string ConfigHash, string TimeUtc, string MetricsJson);

/// <summary>
/// The trend store of <c>facetcl diagnose</c>: one SQLite file (default <c>runs/quality.db</c>),
/// one row per run, appended and never changed, so a dashboard can draw trend lines per model:
/// <code>
/// CREATE TABLE runs (
///   id           INTEGER PRIMARY KEY,  -- increasing in append order
///   model        TEXT NOT NULL,        -- the --model value (folder path or "base")
///   data         TEXT NOT NULL,        -- description of the data (files, pair counts)
///   config_hash  TEXT NOT NULL,        -- SHA-256 (hex) of data + options; equal hashes = comparable runs
///   time_utc     TEXT NOT NULL,        -- ISO 8601, e.g. 2026-12-04T03:00:12.345Z
///   metrics_json TEXT NOT NULL);       -- the whole diagnostics.json object
/// CREATE INDEX runs_model_time ON runs(model, time_utc);
/// -- schema version 2 adds what the dashboard draws of a run (<see cref="SpaceSnapshot"/>):
/// CREATE TABLE run_details (
///   run_id       INTEGER PRIMARY KEY,  -- runs.id
///   details_json TEXT NOT NULL);       -- sample size, seed, PCA variance shares, factor names,
///                                      -- per-anchor compactness, factor orthogonality matrix
/// CREATE TABLE points (                -- the seeded sample (at most 5,000 texts) projected to 2-D
///   run_id INTEGER, row INTEGER,       -- row = index of the text in the diagnosed data
///   x REAL, y REAL,                    -- PC1, PC2 of the normalised main vectors
///   anchor_id INTEGER, anchor_size INTEGER, text TEXT,
///   factors_json TEXT,                 -- JSON array, a value per factor, or NULL without factor heads
///   PRIMARY KEY (run_id, row));
/// </code>
/// The schema version is SQLite's <c>PRAGMA user_version</c> (0 = a store of version 1, runs only);
/// opening an older store adds the new tables, so old runs stay readable (they have no details);
/// a store of a newer version than <see cref="SchemaVersion"/> is refused with a clear error.
/// A trend line is <c>SELECT time_utc, json_extract(metrics_json, '$.metrics.uniformity.value')
/// FROM runs WHERE model = ? AND config_hash = ? ORDER BY time_utc</c>. Concurrent writers (two
/// cron jobs, say) lose nothing: WAL journal, a busy timeout, and each append is one
/// <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
public sealed class QualityStore : IDisposable
{
    public const string DefaultPath = "runs/quality.db";

    /// <summary>The store layout this code writes and reads.</summary>
    public const int SchemaVersion = 2;
    const int BusyTimeoutMs = 30_000;
    readonly SqliteConnection connection;

    public QualityStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        connection.Open();
        // The busy timeout first, so that the journal switch and the schema wait for another writer.
        Execute($"PRAGMA busy_timeout = {BusyTimeoutMs};");
        Execute("PRAGMA journal_mode = WAL;");
        using var tx = connection.BeginTransaction(deferred: false);
        using (var version = connection.CreateCommand())
        {
            version.Transaction = tx;
            version.CommandText = "PRAGMA user_version;";
            var v = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (v > SchemaVersion)
                throw new InvalidDataException($"{Path}: trend store schema version {v} is newer than this facetcl reads ({SchemaVersion}); use a newer facetcl or another --store");
        }
        Execute($$"""
            CREATE TABLE IF NOT EXISTS runs (
              id INTEGER PRIMARY KEY,
              model TEXT NOT NULL,
              data TEXT NOT NULL,
              config_hash TEXT NOT NULL,
              time_utc TEXT NOT NULL,
              metrics_json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS runs_model_time ON runs(model, time_utc);
            CREATE TABLE IF NOT EXISTS run_details (
              run_id INTEGER PRIMARY KEY,
              details_json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS points (
              run_id INTEGER NOT NULL,
              row INTEGER NOT NULL,
              x REAL NOT NULL,
              y REAL NOT NULL,
              anchor_id INTEGER NOT NULL,
              anchor_size INTEGER NOT NULL,
              text TEXT NOT NULL,
              factors_json TEXT,
              PRIMARY KEY (run_id, row)) WITHOUT ROWID;
            PRAGMA user_version = {{SchemaVersion}};
            """, tx);
        tx.Commit();
    }

    public string Path { get; }

    /// <summary>Appends one run (and what the dashboard draws of it, when given) in one transaction; returns its id.</summary>
    public long Append(string model, string data, string configHash, DateTime timeUtc, string metricsJson, SpaceSnapshot? snapshot = null)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO runs (model, data, config_hash, time_utc, metrics_json) VALUES ($m, $d, $h, $t, $j);
            SELECT last_insert_rowid();
            """;
        cmd.Parameters.AddWithValue("$m", model);
        cmd.Parameters.AddWithValue("$d", data);
        cmd.Parameters.AddWithValue("$h", configHash);
        cmd.Parameters.AddWithValue("$t", timeUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$j", metricsJson);
        var id = (long)cmd.ExecuteScalar()!;
        if (snapshot is not null) AppendSnapshot(id, snapshot, tx);
        tx.Commit();
        return id;
    }

    void AppendSnapshot(long runId, SpaceSnapshot snapshot, SqliteTransaction tx)
    {
        using (var details = connection.CreateCommand())
        {
            details.Transaction = tx;
            details.CommandText = "INSERT INTO run_details (run_id, details_json) VALUES ($r, $j);";
            details.Parameters.AddWithValue("$r", runId);
            details.Parameters.AddWithValue("$j", snapshot.DetailsJson());
            details.ExecuteNonQuery();
        }
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO points (run_id, row, x, y, anchor_id, anchor_size, text, factors_json) VALUES ($r, $i, $x, $y, $a, $s, $t, $f);";
        var p = new[] { "$r", "$i", "$x", "$y", "$a", "$s", "$t", "$f" }.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        cmd.Prepare();
        foreach (var point in snapshot.Points)
        {
            p[0].Value = runId;
            p[1].Value = point.Row;
            p[2].Value = point.X;
            p[3].Value = point.Y;
            p[4].Value = point.AnchorId;
            p[5].Value = point.AnchorSize;
            p[6].Value = point.Text;
            p[7].Value = point.Factors is null ? DBNull.Value : JsonSerializer.Serialize(point.Factors, PointJson);
            cmd.ExecuteNonQuery();
        }
    }

    static readonly JsonSerializerOptions PointJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>What the dashboard draws of a run, or null for a run stored without it (by a store of version 1).</summary>
    public SpaceSnapshot? Snapshot(long runId)
    {
        string? details;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT details_json FROM run_details WHERE run_id = $r;";
            cmd.Parameters.AddWithValue("$r", runId);
            details = cmd.ExecuteScalar() as string;
        }
        if (details is null) return null;
        using var q = connection.CreateCommand();
        q.CommandText = "SELECT row, x, y, anchor_id, anchor_size, text, factors_json FROM points WHERE run_id = $r ORDER BY row;";
        q.Parameters.AddWithValue("$r", runId);
        using var r = q.ExecuteReader();
        var points = new List<SnapshotPoint>();
        while (r.Read())
            points.Add(new SnapshotPoint(r.GetInt32(0), r.GetDouble(1), r.GetDouble(2), r.GetInt64(3), r.GetInt32(4), r.GetString(5),
                r.IsDBNull(6) ? null : JsonSerializer.Deserialize<double[]>(r.GetString(6), PointJson)));
        return SpaceSnapshot.FromStored(details, points);
    }

    /// <summary>All runs in append order (optionally of one model).</summary>
    public IReadOnlyList<QualityRun> Runs(string? model = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, model, data, config_hash, time_utc, metrics_json FROM runs" + (model is null ? "" : " WHERE model = $m") + " ORDER BY id";
        if (model is not null) cmd.Parameters.AddWithValue("$m", model);
        using var r = cmd.ExecuteReader();
        var runs = new List<QualityRun>();
        while (r.Read()) runs.Add(new QualityRun(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));
        return runs;
    }

    void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
