using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ThermoDev.Gateway.Mqtt;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>A gateway in the test's process that publishes to a test's broker, under a prefix of the test's own.</summary>
    public static class MqttGateway
    {
        /// <summary>How long a test waits for a message the gateway should publish.</summary>
        public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

        /// <summary>
        /// Starts a gateway for <paramref name="devices"/> (name=coap-uri) publishing to <paramref name="broker"/>
        /// under <paramref name="prefix"/>; reconnects after 0.2 s, waiting at most 2 s between attempts.
        /// </summary>
        /// With <paramref name="registrations"/>, its Resource Directory on 127.0.0.1 and a free port, so devices can be added at run time.
        /// With <paramref name="oscore"/> (device name, client context folder), that device is reached with OSCORE.
        public static Task<TestGateway> StartAsync(MqttBroker broker, string prefix, IEnumerable<string> devices, bool readOnly = false, bool registrations = false,
            (string Device, string Folder)? oscore = null) =>
            TestGateway.StartAsync(devices, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                ReadOnly = readOnly,
                Oscore = oscore is { } context
                    ? new Dictionary<string, global::Coap.Micro.Oscore.OscoreContextFolder> { [context.Device] = global::Coap.Micro.Oscore.OscoreContextFolder.Load(context.Folder) }
                    : new Dictionary<string, global::Coap.Micro.Oscore.OscoreContextFolder>(),
                RdListen = registrations ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0) : null,
                CoapTimeout = TimeSpan.FromSeconds(1),
                StatusInterval = TimeSpan.FromSeconds(1),
                Mqtt = new MqttSettings
                {
                    Host = "127.0.0.1",
                    Port = broker.Port,
                    Prefix = prefix,
                    MinReconnectDelay = TimeSpan.FromMilliseconds(200),
                    MaxReconnectDelay = TimeSpan.FromSeconds(2),
                },
            });
    }
}
