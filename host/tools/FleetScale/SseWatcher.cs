using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FleetScale
{
    /// <summary>Reads the gateway's /events and tells the ledger's SSE channel of every reading it carries.</summary>
    public static class SseWatcher
    {
        /// <summary>Follows <paramref name="events"/> until <paramref name="cancel"/> fires; counts reconnects in <paramref name="drops"/>.</summary>
        public static async Task RunAsync(HttpClient http, Uri events, ChangeLedger.Channel channel, StrongBox drops, TaskCompletionSource connected, CancellationToken cancel)
        {
            string? lastId = null;
            while (!cancel.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, events);
                    if (lastId != null)
                    {
                        // Resume after the last event, as a browser's EventSource does.
                        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
                    }

                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
                    response.EnsureSuccessStatusCode();
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
                    connected.TrySetResult();
                    while (await reader.ReadLineAsync(cancel) is string line)
                    {
                        if (line.StartsWith("id:", StringComparison.Ordinal))
                        {
                            lastId = line.Substring(3).Trim();
                        }
                        else if (line.StartsWith("data:", StringComparison.Ordinal))
                        {
                            Reading(line.AsSpan(5).Trim().ToString(), channel);
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Interlocked.Increment(ref drops.Value);
                await Task.Delay(200, CancellationToken.None);
            }
        }

        private static void Reading(string json, ChangeLedger.Channel channel)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("name", out JsonElement name) && root.TryGetProperty("value", out JsonElement value) && value.ValueKind == JsonValueKind.Number)
            {
                channel.Observed(name.GetString()!, (int)Math.Round(value.GetDouble() * 10));
            }
        }
    }

    /// <summary>A counter shared with a task.</summary>
    public sealed class StrongBox
    {
        /// <summary>The count.</summary>
        public int Value;
    }
}
