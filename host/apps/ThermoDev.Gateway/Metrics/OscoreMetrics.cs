using Prometheus;
using ThermoDev.Gateway.Forwarding;

namespace ThermoDev.Gateway.Metrics
{
    /// <summary>
    /// <c>thermodev_device_oscore_failures_total{device,reason}</c>: requests to a device the gateway protects with
    /// OSCORE (RFC 8613) that ended without an answer it could use, by <see cref="OscoreFailure"/> reason. Every
    /// reason of every protected device is there from the start, at 0.
    /// </summary>
    public sealed class OscoreMetrics
    {
        private readonly Counter _failures;

        /// <summary>The counter, in <paramref name="registry"/> (the gateway's own).</summary>
        public OscoreMetrics(CollectorRegistry registry)
        {
            _failures = Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter(
                "thermodev_device_oscore_failures_total",
                "OSCORE-protected requests to the device that ended without a usable answer: not-protected, refused (an unprotected error), decryption-failed, sequence-unavailable, cannot-protect.",
                new[] { "device", "reason" });
        }

        /// <summary>Shows every reason of <paramref name="device"/> at 0.</summary>
        public void AddDevice(string device)
        {
            foreach (string reason in OscoreFailure.All)
            {
                _failures.WithLabels(device, reason);
            }
        }

        /// <summary>One more failure of <paramref name="device"/> for <paramref name="reason"/>.</summary>
        public void Failed(string device, string reason) => _failures.WithLabels(device, reason).Inc();
    }
}
