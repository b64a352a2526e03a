using System;

namespace FleetScale
{
    /// <summary>How the devices reach the gateway.</summary>
    public enum JoinMode
    {
        /// <summary>Each device registers with the gateway's Resource Directory (--rd on the PC build, --rd-listen on the gateway).</summary>
        Rd,

        /// <summary>The gateway is given every device with --device name=coap://127.0.0.1:port.</summary>
        List,
    }

    /// <summary>What one run measures.</summary>
    public sealed record FleetOptions
    {
        /// <summary>Devices.</summary>
        public int Devices { get; init; } = 1000;

        /// <summary>Devices per PC-build process (its --devices, at most 64).</summary>
        public int PerProcess { get; init; } = 64;

        /// <summary>The measured window.</summary>
        public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>One change per device per this time.</summary>
        public TimeSpan ChangePeriod { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>Time between two samples of the gateway's CPU and memory.</summary>
        public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>How long the last changes may take to arrive after the window.</summary>
        public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>How long to wait for every device to be online.</summary>
        public TimeSpan OnlineTimeout { get; init; } = TimeSpan.FromSeconds(180);

        /// <summary>How the devices reach the gateway.</summary>
        public JoinMode Join { get; init; } = JoinMode.Rd;

        /// <summary>A broker already running (mqtt://127.0.0.1:port), or null to start mosquitto.</summary>
        public Uri? Broker { get; init; }

        /// <summary>The mosquitto program.</summary>
        public string Mosquitto { get; init; } = "/usr/sbin/mosquitto";

        /// <summary>The gateway's topic prefix.</summary>
        public string MqttPrefix { get; init; } = "fleetscale";

        /// <summary>The first device port, 0 to pick a free range.</summary>
        public int BasePort { get; init; }

        /// <summary>The gateway's program (ThermoDev.Gateway.dll).</summary>
        public string GatewayDll { get; init; } = string.Empty;

        /// <summary>The PC build's program (ThermoDev.Pc.dll).</summary>
        public string PcDll { get; init; } = string.Empty;

        /// <summary>Where to write the summary as Markdown, or null.</summary>
        public string? Markdown { get; init; }
    }
}
