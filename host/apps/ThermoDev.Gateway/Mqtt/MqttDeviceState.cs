using System.Text.Json.Nodes;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// What the gateway publishes of one device: its state JSON (retained on &lt;prefix&gt;/&lt;device&gt;/state)
    /// and its availability. The state reads
    /// <c>{"temperature":25.0,"status":"online","version":"0.1.0","sensor":"simulated","sensorError":null}</c>:
    /// temperature is the reading while the device is online, null otherwise (offline, sensor failed,
    /// unreadable, gone: Home Assistant then shows it unknown or unavailable, never a stale value as
    /// current; /api/devices keeps the last value beside its status); version, sensor and
    /// sensorError come from the device's last /status and are left out when it has none. Only what
    /// changes with the device is in it (no time stamp), so an unchanged device is not published again.
    /// </summary>
    public static class MqttDeviceState
    {
        /// <summary>The availability payload of a device or gateway that answers.</summary>
        public const string Online = "online";

        /// <summary>The availability payload of one that does not (or is gone, or the gateway's last will).</summary>
        public const string Offline = "offline";

        /// <summary>The state JSON of <paramref name="snapshot"/>, with <paramref name="status"/>'s fields when known.</summary>
        public static string StateJson(DeviceSnapshot snapshot, StatusReport? status)
        {
            var state = new JsonObject
            {
                ["temperature"] = snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Online) ? snapshot.Value : null,
                ["status"] = snapshot.Status,
            };
            if (status != null)
            {
                state["version"] = status.Version;
                state["sensor"] = status.Sensor;
                state["sensorError"] = status.SensorError;
            }

            return state.ToJsonString();
        }

        /// <summary>
        /// online while the device answers (with a reading, a failed sensor or an unreadable one), offline
        /// while it does not or once it is gone.
        /// </summary>
        public static string Availability(DeviceSnapshot snapshot) =>
            snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Offline) || snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Gone)
                ? Offline
                : Online;
    }
}
