using System.Net;
using System.Net.Sockets;

namespace FacetCL.Dashboard;

/// <summary>
/// Serves a report file on the loopback interface only (http://127.0.0.1:PORT/), for a browser on the
/// same machine or through an SSH tunnel: <c>/</c> and <c>/report.html</c> answer the file as it is on
/// disk at that moment (so a rewritten report shows on reload), anything else is 404. GET and HEAD only.
/// </summary>
public sealed class ReportServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly string reportPath;

    /// <param name="port">TCP port; 0 picks a free one</param>
    public ReportServer(string reportPath, int port)
    {
        if (port is < 0 or > 65535) throw new ArgumentException($"--port must be between 0 and 65535, not {port}");
        this.reportPath = Path.GetFullPath(reportPath);
        if (port == 0) port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Url.ToString());
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException($"cannot listen on {Url}: {e.Message}", e);
        }
    }

    public Uri Url { get; }

    /// <summary>Answers requests until <paramref name="cancel"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var stop = cancel.Register(() => listener.Stop());
        while (!cancel.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException && cancel.IsCancellationRequested)
            {
                break;
            }
            await AnswerAsync(context).ConfigureAwait(false);
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "/";
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
            }
            else if (path is "/" or "/report.html" && File.Exists(reportPath))
            {
                var bytes = await File.ReadAllBytesAsync(reportPath).ConfigureAwait(false);
                response.ContentType = "text/html; charset=utf-8";
                response.Headers["X-Content-Type-Options"] = "nosniff";
                response.Headers["Cache-Control"] = "no-store";
                response.ContentLength64 = bytes.Length;
                if (context.Request.HttpMethod == "GET") await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (IOException)
        {
            // The browser went away mid-answer; nothing to do.
        }
        finally
        {
            try { response.Close(); } catch (ObjectDisposedException) { }
        }
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose() => listener.Close();
}
