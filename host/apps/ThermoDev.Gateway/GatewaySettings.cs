using System;
using System.Collections.Generic;
using Coap.Micro.Oscore;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway
{
    /// <summary>Everything a gateway is built from: the command line and appsettings.json, checked.</summary>
    public sealed class GatewaySettings
    {
        /// <summary>The HTTP address when none is given: this machine only.</summary>
        public const string DefaultUrls = "http://localhost:8080";

        /// <summary>Simulated devices --demo starts when no count is given.</summary>
        public const int DefaultDemoCount = 3;

        /// <summary>How often a device's /status is polled when none is given.</summary>
        public static readonly TimeSpan DefaultStatusInterval = TimeSpan.FromSeconds(30);

        /// <summary>How often a device without /status is asked again whether it has one now.</summary>
        public static readonly TimeSpan DefaultStatusRecheckInterval = TimeSpan.FromMinutes(10);

        /// <summary>The devices to reach.</summary>
        public IReadOnlyList<DeviceAddress> Devices { get; init; } = Array.Empty<DeviceAddress>();

        /// <summary>The OSCORE context (RFC 8613, client side) of each device the gateway protects its requests to, by device name.</summary>
        public IReadOnlyDictionary<string, OscoreContextFolder> Oscore { get; init; } = new Dictionary<string, OscoreContextFolder>();

        /// <summary>The HTTP addresses to listen on, separated by ';' (as ASP.NET Core's --urls).</summary>
        public string Urls { get; init; } = DefaultUrls;

        /// <summary>True to refuse every write (PUT /api/..., PUT/POST/DELETE through /hc) with 403.</summary>
        public bool ReadOnly { get; init; }

        /// <summary>Simulated devices to start in the gateway's process (1 to 16), or null for none.</summary>
        public int? DemoCount { get; init; }

        /// <summary>The first UDP port of the simulated devices; 0 for free ports.</summary>
        public int DemoPort { get; init; } = DeviceAddress.DefaultPort;

        /// <summary>How long the gateway waits for a device's answer before it answers 504.</summary>
        public TimeSpan CoapTimeout { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>How often an idle SSE stream gets a ": ping" comment.</summary>
        public TimeSpan SsePingInterval { get; init; } = TimeSpan.FromSeconds(15);

        /// <summary>How often each device's /status is polled.</summary>
        public TimeSpan StatusInterval { get; init; } = DefaultStatusInterval;

        /// <summary>How often a device that answered it has no /status (4.04) is asked again.</summary>
        public TimeSpan StatusRecheckInterval { get; init; } = DefaultStatusRecheckInterval;

        /// <summary>Registrations the Resource Directory holds when none is given.</summary>
        public const int DefaultRdCapacity = 32;

        /// <summary>The most registrations --rd-capacity allows (one CoAP resource per place: /rd/0 ...).</summary>
        public const int MaxRdCapacity = 4096;

        /// <summary>Devices multicast discovery follows at most.</summary>
        public const int DiscoveryCapacity = 32;

        /// <summary>How often multicast discovery asks when none is given.</summary>
        public static readonly TimeSpan DefaultDiscoverInterval = TimeSpan.FromSeconds(60);

        /// <summary>Where the CoRE Resource Directory (RFC 9176) listens (UDP); null for none.</summary>
        public System.Net.IPEndPoint? RdListen { get; init; }

        /// <summary>Registrations the Resource Directory holds at most.</summary>
        public int RdCapacity { get; init; } = DefaultRdCapacity;

        /// <summary>The network interface multicast discovery asks on (--discover); null for none.</summary>
        public string? Discover { get; init; }

        /// <summary>How often multicast discovery asks.</summary>
        public TimeSpan DiscoverInterval { get; init; } = DefaultDiscoverInterval;

        /// <summary>The MQTT broker every device is published to (--mqtt), or null for none.</summary>
        public Mqtt.MqttSettings? Mqtt { get; init; }

        /// <summary>The folder of the web page; null for wwwroot next to the gateway's assembly.</summary>
        public string? WebRoot { get; init; }
    }
}
