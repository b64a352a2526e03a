namespace ThermoDev.Gateway.Devices
{
    /// <summary>How a device stands, as the gateway last heard from it.</summary>
    public enum DeviceStatus
    {
        /// <summary>No Observe relation: the device does not answer, or not yet.</summary>
        Offline,

        /// <summary>The Observe relation runs and notifications carry readings.</summary>
        Online,

        /// <summary>The device answers 5.03 Service Unavailable: its sensor failed (it may recover).</summary>
        SensorFailed,

        /// <summary>The device answers, but its reading is not a number the gateway can read.</summary>
        Unreadable,

        /// <summary>Its registration expired or was removed (RFC 9176 §5.3), or discovery lost it: no longer followed.</summary>
        Gone,
    }
}
