namespace ThermoDev.Supervision
{
    /// <summary>Asks the network stack for the device's IPv4 address (the board's Wi-Fi, or a fake in tests).</summary>
    public interface INetworkProbe
    {
        /// <summary>The IPv4 address, first octet in the lowest byte; 0 while the device has none.</summary>
        int Ipv4Address();
    }
}
