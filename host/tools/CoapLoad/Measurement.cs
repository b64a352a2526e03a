namespace CoapLoad
{
    /// <summary>One server under one workload: what the client saw and what the server spent.</summary>
    /// <param name="Server">The server's name.</param>
    /// <param name="Workload">What was sent, e.g. "CON GET c=8".</param>
    /// <param name="Concurrency">Requests outstanding.</param>
    /// <param name="Load">The client's view.</param>
    /// <param name="CpuMicrosecondsPerRequest">Server CPU time (user and system) over answered requests, µs.</param>
    /// <param name="RssBeforeKilobytes">Server resident memory before, KiB.</param>
    /// <param name="RssAfterKilobytes">Server resident memory after, KiB.</param>
    public sealed record Measurement(string Server, string Workload, int Concurrency, LoadResult Load, double CpuMicrosecondsPerRequest, long RssBeforeKilobytes, long RssAfterKilobytes);
}
