using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// The gateway's CoAP side: one Coap.Micro client on its own dual-stack UDP socket ([::]:0) and its
    /// own loop thread, for every device. Requests are pooled <see cref="CoapRequest"/> objects; a call
    /// waits at most the gateway's timeout and is then cancelled. NSTART 1 (RFC 7252 §4.7) keeps one
    /// request outstanding per device; the others wait in the client's queue.
    /// </summary>
    public sealed class GatewayCoapClient : IDisposable
    {
        /// <summary>One-shot requests in progress at once, per device (on top of its Observe relation).</summary>
        public const int RequestsPerDevice = 4;

        private const int StopTimeoutMilliseconds = 2000;

        private readonly DotnetUdpTransport _transport;
        private readonly GatewayMetrics _metrics;
        private readonly ConcurrentBag<PendingExchange> _pool = new ConcurrentBag<PendingExchange>();
        private readonly ConcurrentDictionary<string, (IPEndPoint Address, CoapEndpoint Endpoint)> _endpoints = new ConcurrentDictionary<string, (IPEndPoint, CoapEndpoint)>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        private readonly Timer _counterPoll;

        /// <summary>
        /// A client sized for <paramref name="deviceCount"/> devices, giving up on a request after <paramref name="timeout"/>,
        /// protecting with <paramref name="security"/> the requests to the devices it holds OSCORE contexts for.
        /// </summary>
        public GatewayCoapClient(int deviceCount, TimeSpan timeout, GatewayMetrics metrics, DeviceSecurity? security = null)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            _metrics = metrics;
            Security = security ?? new DeviceSecurity(new Dictionary<string, Coap.Micro.Oscore.OscoreContextFolder>(), metrics);
            Timeout = timeout;
            int requests = Math.Max(1, deviceCount) * RequestsPerDevice;
            _transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Any, 0));
            var options = new CoapClientOptions
            {
                // One Observe relation per device plus its one-shot requests.
                MaxExchanges = Math.Min(256, deviceCount + requests),
                NStart = 1,
                DeduplicationEntries = Math.Min(4096, 16 * Math.Max(1, deviceCount)),
            };
            Client = new CoapClient(_transport, new MonotonicClock(), new CoapRandom(), options);
            if (Security.ClientSecurity != null)
            {
                Client.Security = Security.ClientSecurity;
            }

            Client.Start();
            _counterPoll = new Timer(_ => _metrics.CoapRetransmissions(Client.Counters.Retransmissions), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        /// <summary>The Coap.Micro client (its counters; the Observe relations use it directly).</summary>
        public CoapClient Client { get; }

        /// <summary>The OSCORE contexts of the devices that have one (RFC 8613).</summary>
        public DeviceSecurity Security { get; }

        /// <summary>How long a request may take before the gateway gives up on it.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>The local UDP endpoint the requests leave from.</summary>
        public IPEndPoint LocalEndPoint => _transport.LocalEndPoint;

        /// <summary>The client's endpoint for <paramref name="device"/> (made once per address the device has).</summary>
        public CoapEndpoint EndpointOf(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            IPEndPoint address = device.EndPoint;
            if (_endpoints.TryGetValue(device.Name, out var known) && known.Address.Equals(address))
            {
                return known.Endpoint;
            }

            // A device that moved (a registration with a new base) gets a new endpoint object: requests
            // already queued keep the old one they were given.
            var made = (address, DotnetUdpTransport.ToEndpoint(address));
            _endpoints[device.Name] = made;
            return made.Item2;
        }

        /// <summary>
        /// Sends <paramref name="call"/> and waits for its response, at most <see cref="Timeout"/>: then the
        /// request is cancelled and the result is <see cref="CoapOutcome.Timeout"/>. Cancelled with
        /// <paramref name="cancellation"/> (the HTTP client went away): the request is cancelled too.
        /// </summary>
        public async Task<CoapResult> SendAsync(CoapCall call, CancellationToken cancellation)
        {
            ArgumentNullException.ThrowIfNull(call);
            var started = System.Diagnostics.Stopwatch.StartNew();
            // Places per device, so a silent device cannot hold the places of the others.
            SemaphoreSlim slots = _slots.GetOrAdd(call.Device.Name, _ => new SemaphoreSlim(RequestsPerDevice, RequestsPerDevice));
            if (!await slots.WaitAsync(Timeout, cancellation).ConfigureAwait(false))
            {
                return CoapResult.Failed(CoapOutcome.Busy);
            }

            if (!_pool.TryTake(out PendingExchange? exchange))
            {
                exchange = new PendingExchange(Release);
            }

            exchange.Slots = slots;

            if (!exchange.Prepare(call, EndpointOf(call.Device), Security))
            {
                exchange.Abandon();
                Release(exchange);
                return CoapResult.Failed(CoapOutcome.InvalidRequest);
            }

            Task<CoapResult> completion = exchange.Completion;
            int generation = exchange.Generation;
            CoapClientResult sent = Client.Send(exchange.Request);
            if (sent != CoapClientResult.Pending)
            {
                exchange.Abandon();
                Release(exchange);
                return CoapResult.Failed(sent == CoapClientResult.TableFull ? CoapOutcome.Busy : CoapOutcome.InvalidRequest);
            }

            _metrics.CoapRequestSent(call.Device.Name);
            TimeSpan left = Timeout - started.Elapsed;
            try
            {
                CoapResult result = await completion.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellation).ConfigureAwait(false);
                if (result.Outcome == CoapOutcome.Timeout)
                {
                    _metrics.CoapTimedOut(call.Device.Name);
                }

                return result;
            }
            catch (TimeoutException)
            {
                // The request ends Cancelled on the loop's next turn and goes back to the pool then.
                exchange.Cancel(Client, generation);
                _metrics.CoapTimedOut(call.Device.Name);
                return CoapResult.Failed(CoapOutcome.Timeout);
            }
            catch (OperationCanceledException)
            {
                exchange.Cancel(Client, generation);
                throw;
            }
        }

        /// <summary>Stops the loop thread and closes the socket.</summary>
        public void Dispose()
        {
            _counterPoll.Dispose();
            Client.Stop(StopTimeoutMilliseconds);
            _transport.Dispose();
        }

        private void Release(PendingExchange exchange)
        {
            SemaphoreSlim? slots = exchange.Slots;
            exchange.Slots = null;
            _pool.Add(exchange);
            slots?.Release();
        }
    }
}
