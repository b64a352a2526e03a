using System;
using System.Collections.Generic;
using Coap.Micro;
using Coap.Micro.Oscore;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// The gateway's OSCORE (RFC 8613): one security context per device it holds keys for, read from that device's
    /// context folder (<see cref="OscoreContextFolder"/>, the client side), each with its Sender Sequence Number kept
    /// in the folder (Appendix B.1.1: a restart never reuses a nonce). Every request to such a device names its
    /// context, so the client protects it and verifies the answer; a failure is counted per device and reason.
    /// No key leaves this class's objects: neither names nor messages nor metrics carry one.
    /// </summary>
    public sealed class DeviceSecurity
    {
        private readonly Dictionary<string, int> _contexts = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly RecordingClientSecurity? _security;
        private readonly OscoreMetrics _metrics;

        /// <summary>Contexts for the devices named in <paramref name="folders"/>; failures counted in <paramref name="metrics"/>.</summary>
        public DeviceSecurity(IReadOnlyDictionary<string, OscoreContextFolder> folders, GatewayMetrics metrics)
        {
            ArgumentNullException.ThrowIfNull(folders);
            ArgumentNullException.ThrowIfNull(metrics);
            _metrics = new OscoreMetrics(metrics.Registry);
            if (folders.Count == 0)
            {
                return;
            }

            var oscore = new OscoreClientSecurity(folders.Count);
            foreach (KeyValuePair<string, OscoreContextFolder> folder in folders)
            {
                var sequence = new OscoreSenderSequence(folder.Value.CreateSequenceStore(), OscoreSenderSequence.DefaultBlock);
                _contexts.Add(folder.Key, oscore.Add(folder.Value.CreateSecurityContext(), sequence));
                _metrics.AddDevice(folder.Key);
            }

            _security = new RecordingClientSecurity(oscore, folders.Count);
        }

        /// <summary>The client's security (its <c>Security</c>), or null when no device has a context.</summary>
        public ICoapClientSecurity? ClientSecurity => _security;

        /// <summary>True when the gateway protects its requests to <paramref name="device"/>.</summary>
        public bool Protects(string device) => _contexts.ContainsKey(device);

        /// <summary>The context a request to <paramref name="device"/> names (<c>CoapRequest.SecurityContext</c>), -1 for none.</summary>
        public int ContextOf(string device) => _contexts.TryGetValue(device, out int context) ? context : -1;

        /// <summary>
        /// <paramref name="request"/> to <paramref name="device"/> ended <see cref="CoapClientResult.ProtectionFailed"/>: counts
        /// it and returns the <see cref="OscoreFailure"/> reason. On the client's loop thread, in the request's Ended.
        /// </summary>
        public string Failed(string device, CoapRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            string reason = _security?.LastFailure(request.SecurityContext) ?? OscoreFailure.DecryptionFailed;
            if (reason == OscoreFailure.NotProtected && CoapCode.ClassOf(request.Code) >= 4)
            {
                // RFC 8613 §8.2: the device's own refusal, unauthenticated (its code is all that is kept of it).
                reason = OscoreFailure.Refused;
            }

            _metrics.Failed(device, reason);
            return reason;
        }
    }
}
