using System;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// Polls a device's /status (GET, Accept application/json; block-wise when the device cuts it in
    /// blocks, RFC 7959) every <see cref="Interval"/>, whatever the HTTP side asks. A device that
    /// answers 4.xx (4.04: it has no /status) is remembered as having none and asked again only every
    /// <see cref="RecheckInterval"/>. A device that does not answer keeps its last report, marked stale.
    /// </summary>
    public sealed class StatusPoller : IDisposable
    {
        /// <summary>The device's path of its status (ThermoDev's rt="thermodev.status").</summary>
        public const string StatusPath = "/status";

        private readonly Device _device;
        private readonly GatewayCoapClient _client;
        private readonly GatewayMetrics _metrics;
        private readonly CoapCall _call;
        private readonly Timer _timer;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private bool _stopped;

        /// <summary>Polls <paramref name="device"/> through <paramref name="client"/> into its <see cref="Device.PolledStatus"/> and <paramref name="metrics"/>.</summary>
        public StatusPoller(Device device, GatewayCoapClient client, GatewayMetrics metrics, TimeSpan interval, TimeSpan recheckInterval)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(client);
            ArgumentNullException.ThrowIfNull(metrics);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(recheckInterval, TimeSpan.Zero);
            _device = device;
            _client = client;
            _metrics = metrics;
            Interval = interval;
            RecheckInterval = recheckInterval;
            _call = new CoapCall(device, CoapCode.Get, StatusPath) { Accept = CoapContentFormat.Json };
            _timer = new Timer(_ => _ = PollAsync());
        }

        /// <summary>Time between polls of a device that has /status (or has not answered yet).</summary>
        public TimeSpan Interval { get; }

        /// <summary>Time between polls of a device that answered it has no /status.</summary>
        public TimeSpan RecheckInterval { get; }

        /// <summary>Polls now, then every interval.</summary>
        public void Start() => Schedule(TimeSpan.Zero);

        /// <summary>Polls no more (a poll under way is cancelled).</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
            }

            _stop.Cancel();
            _timer.Dispose();
        }

        private async Task PollAsync()
        {
            CoapResult result;
            try
            {
                result = await _client.SendAsync(_call, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            PolledStatus polled = _device.PolledStatus;
            StatusReport? report = result.IsSuccess ? StatusReport.TryParse(result.Payload) : null;
            if (report != null)
            {
                polled.Received(report, DateTimeOffset.UtcNow);
                _metrics.StatusReceived(_device.Name, report);
            }
            else if (result.Outcome == CoapOutcome.Response && CoapCode.ClassOf(result.Code) == 4)
            {
                // 4.04 (no such resource), or a 4.xx that says the same for this request: none to show.
                polled.NoStatus();
                _metrics.NoStatus(_device.Name);
            }
            else
            {
                polled.Unanswered();
            }

            Schedule(polled.NotServed ? RecheckInterval : Interval);
        }

        private void Schedule(TimeSpan due)
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    _timer.Change(due, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
