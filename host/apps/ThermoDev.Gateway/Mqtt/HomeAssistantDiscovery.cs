using System.Collections.Generic;
using System.Text.Json.Nodes;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// Home Assistant MQTT discovery configs for one device (retained at
    /// &lt;discovery prefix&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config), in full field names: a temperature
    /// sensor (device_class temperature, °C, state_class measurement) and, when the device is writable, a
    /// number whose command topic the gateway turns into a CoAP PUT /temp. Both read the state JSON, are
    /// available only while the gateway and the device both are (availability_mode all), and belong to one
    /// Home Assistant device per ThermoDev. The node is the gateway's prefix and the device's name, so
    /// gateways with distinct prefixes sharing a broker never overwrite each other's configs or ids.
    /// </summary>
    public sealed class HomeAssistantDiscovery
    {
        /// <summary>The unit Home Assistant expects for a temperature in Celsius.</summary>
        public const string Celsius = "°C";

        /// <summary>The object id of the temperature sensor.</summary>
        public const string TemperatureObject = "temperature";

        /// <summary>The object id of the number that writes the temperature.</summary>
        public const string SetObject = "temperature_set";

        private readonly MqttTopics _topics;
        private readonly string _gatewayVersion;

        /// <summary>Configs for the topics of <paramref name="topics"/>; <paramref name="gatewayVersion"/> names the origin.</summary>
        public HomeAssistantDiscovery(MqttTopics topics, string gatewayVersion)
        {
            _topics = topics;
            _gatewayVersion = gatewayVersion;
        }

        /// <summary>The node id of <paramref name="device"/>: the prefix ('/' as '_') and the name, e.g. thermodev_kitchen.</summary>
        public string Node(string device) => _topics.Prefix.Replace('/', '_') + "_" + device;

        /// <summary>Every config of the device as (topic, JSON): the sensor, and the number when <paramref name="writable"/>.</summary>
        public IEnumerable<KeyValuePair<string, string>> Configs(string device, bool writable, string? firmwareVersion)
        {
            string node = Node(device);
            yield return new KeyValuePair<string, string>(
                _topics.DiscoveryConfig("sensor", node, TemperatureObject), Sensor(device, firmwareVersion).ToJsonString());
            if (writable)
            {
                yield return new KeyValuePair<string, string>(
                    _topics.DiscoveryConfig("number", node, SetObject), Number(device, firmwareVersion).ToJsonString());
            }
        }

        /// <summary>The temperature sensor's config.</summary>
        public JsonObject Sensor(string device, string? firmwareVersion)
        {
            JsonObject config = Common(device, TemperatureObject, "Temperature", firmwareVersion);
            config["device_class"] = "temperature";
            config["state_class"] = "measurement";
            config["unit_of_measurement"] = Celsius;
            config["suggested_display_precision"] = 1;
            return config;
        }

        /// <summary>
        /// The number's config: a temperature from -40 to 85 °C (the device refuses others with 4.00) in
        /// steps of 0.1, sent as text to the command topic.
        /// </summary>
        public JsonObject Number(string device, string? firmwareVersion)
        {
            JsonObject config = Common(device, SetObject, "Set temperature", firmwareVersion);
            config["command_topic"] = _topics.Command(device);
            config["device_class"] = "temperature";
            config["unit_of_measurement"] = Celsius;
            config["min"] = -40;
            config["max"] = 85;
            config["step"] = 0.1;
            config["mode"] = "box";
            return config;
        }

        private JsonObject Common(string device, string objectId, string name, string? firmwareVersion)
        {
            string node = Node(device);
            var block = new JsonObject
            {
                ["identifiers"] = new JsonArray(node),
                ["name"] = device,
                ["model"] = "ThermoDev",
                ["manufacturer"] = "ThermoDev project",
            };
            if (firmwareVersion != null)
            {
                block["sw_version"] = firmwareVersion;
            }

            return new JsonObject
            {
                ["name"] = name,
                ["unique_id"] = node + "_" + objectId,
                ["state_topic"] = _topics.State(device),
                ["value_template"] = "{{ value_json.temperature }}",
                ["availability"] = new JsonArray(
                    Availability(_topics.GatewayAvailability),
                    Availability(_topics.Availability(device))),
                ["availability_mode"] = "all",
                ["device"] = block,
                ["origin"] = new JsonObject
                {
                    ["name"] = "ThermoDev gateway",
                    ["sw_version"] = _gatewayVersion,
                },
            };
        }

        private static JsonObject Availability(string topic) => new JsonObject
        {
            ["topic"] = topic,
            ["payload_available"] = MqttDeviceState.Online,
            ["payload_not_available"] = MqttDeviceState.Offline,
        };
    }
}
