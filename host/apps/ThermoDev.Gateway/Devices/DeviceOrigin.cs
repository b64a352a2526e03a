namespace ThermoDev.Gateway.Devices
{
    /// <summary>How the gateway learnt of a device.</summary>
    public enum DeviceOrigin
    {
        /// <summary>--device (or appsettings.json), or --demo: there for the gateway's whole run.</summary>
        Configured,

        /// <summary>A registration at the gateway's Resource Directory (RFC 9176): there while the registration lives.</summary>
        Registered,

        /// <summary>Found by multicast discovery (--discover): there while it answers the gateway's discoveries.</summary>
        Discovered,
    }
}
