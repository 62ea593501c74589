using System.Globalization;
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
/// </code>
/// A trend line is <c>SELECT time_utc, json_extract(metrics_json, '$.metrics.uniformity.value')
/// FROM runs WHERE model = ? AND config_hash = ? ORDER BY time_utc</c>. Concurrent writers (two
/// cron jobs, say) lose nothing: WAL journal, a busy timeout, and each append is one
/// <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
public sealed class QualityStore : IDisposable
{
    public const string DefaultPath = "runs/quality.db";
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
        Execute("""
            CREATE TABLE IF NOT EXISTS runs (
              id INTEGER PRIMARY KEY,
              model TEXT NOT NULL,
              data TEXT NOT NULL,
              config_hash TEXT NOT NULL,
              time_utc TEXT NOT NULL,
              metrics_json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS runs_model_time ON runs(model, time_utc);
            """, tx);
        tx.Commit();
    }

    public string Path { get; }

    /// <summary>Appends one run in its own transaction; returns its id.</summary>
    public long Append(string model, string data, string configHash, DateTime timeUtc, string metricsJson)
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
        tx.Commit();
        return id;
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
