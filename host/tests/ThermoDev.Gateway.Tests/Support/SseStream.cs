using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// A Server-Sent Events client: reads a text/event-stream and parses it as the HTML standard says
    /// (fields id, event, data, retry; comments; a blank line ends an event), so tests see what a browser's
    /// EventSource would. Events arrive on <see cref="Events"/> with the time each was read.
    /// </summary>
    public sealed class SseStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();
        private readonly Task _reader;

        private SseStream(HttpResponseMessage response)
        {
            _response = response;
            _reader = Task.Run(ReadAsync);
        }

        /// <summary>An event as read: id (null when it had none), type, data, and when it was read.</summary>
        public sealed record ReceivedEvent(long? Id, string Type, string Data, long ReceivedTicks)
        {
            /// <summary>The data as JSON.</summary>
            public JsonElement Json => JsonDocument.Parse(Data).RootElement;
        }

        /// <summary>The response's Content-Type.</summary>
        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        /// <summary>The value of the retry field, once read.</summary>
        public int? Retry { get; private set; }

        /// <summary>Comment lines read (": ping").</summary>
        public int Comments { get; private set; }

        /// <summary>The events, in order.</summary>
        public ChannelReader<ReceivedEvent> Events => _events.Reader;

        /// <summary>Opens /events (with <paramref name="lastEventId"/> as the Last-Event-ID header when given).</summary>
        public static async Task<SseStream> OpenAsync(HttpClient http, long? lastEventId = null, string path = "/events")
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (lastEventId.HasValue)
            {
                request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString(CultureInfo.InvariantCulture));
            }

            HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            return new SseStream(response);
        }

        /// <summary>The next event, or null when none comes within <paramref name="timeout"/>.</summary>
        public async Task<ReceivedEvent?> NextAsync(TimeSpan timeout)
        {
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                return await _events.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        /// <summary>The first event (skipping others) that <paramref name="match"/> accepts, or null within <paramref name="timeout"/>.</summary>
        public async Task<ReceivedEvent?> WaitForAsync(Func<ReceivedEvent, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                ReceivedEvent? next = await NextAsync(deadline - DateTime.UtcNow);
                if (next == null)
                {
                    return null;
                }

                if (match(next))
                {
                    return next;
                }
            }

            return null;
        }

        /// <summary>Closes the stream.</summary>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _response.Dispose();
            try
            {
                await _reader;
            }
            catch (Exception)
            {
                // Reading ends with the connection.
            }

            _stop.Dispose();
        }

        private async Task ReadAsync()
        {
            try
            {
                using Stream body = await _response.Content.ReadAsStreamAsync(_stop.Token);
                using var reader = new StreamReader(body);
                long? id = null;
                string type = "message";
                string? data = null;
                while (await reader.ReadLineAsync(_stop.Token) is string line)
                {
                    if (line.Length == 0)
                    {
                        if (data != null)
                        {
                            _events.Writer.TryWrite(new ReceivedEvent(id, type, data, System.Diagnostics.Stopwatch.GetTimestamp()));
                        }

                        id = null;
                        type = "message";
                        data = null;
                        continue;
                    }

                    if (line[0] == ':')
                    {
                        Comments++;
                        continue;
                    }

                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    string field = colon < 0 ? line : line.Substring(0, colon);
                    string value = colon < 0 ? string.Empty : line.Substring(colon + 1).TrimStart(' ');
                    switch (field)
                    {
                        case "id":
                            id = long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "event":
                            type = value;
                            break;
                        case "data":
                            data = data == null ? value : data + "\n" + value;
                            break;
                        case "retry":
                            Retry = int.Parse(value, CultureInfo.InvariantCulture);
                            break;
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Closed by the test.
            }
            catch (IOException)
            {
                // The server ended the stream.
            }
            catch (HttpRequestException)
            {
                // The server ended the stream.
            }
            finally
            {
                _events.Writer.TryComplete();
            }
        }
    }
}
