using System;
using System.Globalization;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ThermoDev.Gateway.Sse
{
    /// <summary>
    /// GET /events: the text/event-stream of one client. First "retry: 2000", then the events the hub
    /// gives it to start with, then every event as it is published, and a ": ping" comment every ping
    /// interval, so proxies keep the connection open.
    /// </summary>
    public static class EventStream
    {
        /// <summary>Milliseconds a browser waits before it reconnects (the stream's first field).</summary>
        public const int RetryMilliseconds = 2000;

        /// <summary>The query parameter that stands in for the Last-Event-ID header (for clients that cannot set it).</summary>
        public const string LastEventIdQuery = "lastEventId";

        /// <summary>Serves one client until it goes, <paramref name="shutdown"/> (the gateway stops), or it is dropped as too slow.</summary>
        public static async Task Serve(HttpContext context, EventHub hub, TimeSpan pingInterval, CancellationToken shutdown)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(hub);
            HttpResponse response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown);
            CancellationToken stopping = linked.Token;

            using SseSubscription subscription = hub.Subscribe(LastEventId(context.Request));
            try
            {
                await response.WriteAsync($"retry: {RetryMilliseconds.ToString(CultureInfo.InvariantCulture)}\n\n", stopping).ConfigureAwait(false);
                foreach (SseEvent initial in subscription.Initial)
                {
                    await response.WriteAsync(initial.ToWire(), stopping).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(stopping).ConfigureAwait(false);
                await Forward(response, subscription.Events, pingInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The client went away.
            }
            catch (SlowClientException)
            {
                // Dropped: the response ends; the client may reconnect with Last-Event-ID.
            }
        }

        /// <summary>The Last-Event-ID header, or the lastEventId query parameter; null when absent or not a number.</summary>
        public static long? LastEventId(HttpRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            string? text = request.Headers["Last-Event-ID"].ToString();
            if (string.IsNullOrEmpty(text))
            {
                text = request.Query[LastEventIdQuery].ToString();
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : null;
        }

        private static async Task Forward(HttpResponse response, ChannelReader<SseEvent> events, TimeSpan pingInterval, CancellationToken stopping)
        {
            // One ping timer at a time, every interval, whether or not events went meanwhile.
            Task<bool> waiting = events.WaitToReadAsync(stopping).AsTask();
            Task ping = Task.Delay(pingInterval, stopping);
            while (true)
            {
                if (await Task.WhenAny(waiting, ping).ConfigureAwait(false) != waiting)
                {
                    await ping.ConfigureAwait(false);
                    await response.WriteAsync(": ping\n\n", stopping).ConfigureAwait(false);
                    await response.Body.FlushAsync(stopping).ConfigureAwait(false);
                    ping = Task.Delay(pingInterval, stopping);
                    continue;
                }

                // Completed normally: the subscription ended. Faulted: rethrows (a slow client).
                if (!await waiting.ConfigureAwait(false))
                {
                    return;
                }

                while (events.TryRead(out SseEvent? next))
                {
                    await response.WriteAsync(next.ToWire(), stopping).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(stopping).ConfigureAwait(false);
                waiting = events.WaitToReadAsync(stopping).AsTask();
            }
        }
    }
}
