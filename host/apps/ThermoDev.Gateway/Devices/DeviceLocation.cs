using System.Net;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>Where a device is: its address (name, host, port, observed path) and the UDP endpoint that host resolved to.</summary>
    public sealed record DeviceLocation(DeviceAddress Address, IPEndPoint EndPoint);
}
