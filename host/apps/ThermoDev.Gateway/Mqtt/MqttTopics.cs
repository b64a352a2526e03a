namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// The topics of one gateway. A device name ([a-z0-9][a-z0-9-]{0,31}) is a valid topic level and a
    /// valid Home Assistant node id as it is.
    /// </summary>
    public sealed class MqttTopics
    {
        /// <summary>The topics under <paramref name="prefix"/>, discovery configs under <paramref name="discoveryPrefix"/>.</summary>
        public MqttTopics(string prefix, string discoveryPrefix)
        {
            Prefix = prefix;
            DiscoveryPrefix = discoveryPrefix;
        }

        /// <summary>The gateway's prefix (--mqtt-prefix).</summary>
        public string Prefix { get; }

        /// <summary>Home Assistant's discovery prefix (--mqtt-discovery-prefix).</summary>
        public string DiscoveryPrefix { get; }

        /// <summary>The gateway's own availability, retained: online, or offline (its last will).</summary>
        public string GatewayAvailability => Prefix + "/gateway/availability";

        /// <summary>Every device's command topic, for the subscription.</summary>
        public string AllCommands => Prefix + "/+/set";

        /// <summary>The device's reading and status as JSON, retained.</summary>
        public string State(string device) => Prefix + "/" + device + "/state";

        /// <summary>The device's availability, retained: online or offline.</summary>
        public string Availability(string device) => Prefix + "/" + device + "/availability";

        /// <summary>A temperature to write to the device (text, e.g. 21.5).</summary>
        public string Command(string device) => Prefix + "/" + device + "/set";

        /// <summary>How a write ended, as JSON, not retained.</summary>
        public string Result(string device) => Prefix + "/" + device + "/result";

        /// <summary>A Home Assistant discovery config: &lt;discovery prefix&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config.</summary>
        public string DiscoveryConfig(string component, string node, string objectId) =>
            DiscoveryPrefix + "/" + component + "/" + node + "/" + objectId + "/config";

        /// <summary>The device named by a command topic (&lt;prefix&gt;/&lt;device&gt;/set), or null.</summary>
        public string? DeviceOfCommand(string topic)
        {
            string head = Prefix + "/";
            const string Tail = "/set";
            if (!topic.StartsWith(head, System.StringComparison.Ordinal) || !topic.EndsWith(Tail, System.StringComparison.Ordinal)
                || topic.Length <= head.Length + Tail.Length)
            {
                return null;
            }

            string device = topic.Substring(head.Length, topic.Length - head.Length - Tail.Length);
            return device.Contains('/', System.StringComparison.Ordinal) ? null : device;
        }
    }
}
