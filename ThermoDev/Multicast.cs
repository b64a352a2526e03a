using System;
using System.Net;
using System.Net.NetworkInformation;
using Coap.Micro.Udp;

namespace ThermoDev
{
    /// <summary>
    /// Finding the board: its name (DeviceSettings.Name, or one made from its MAC address) and the
    /// transport that answers GET /.well-known/core sent to All-CoAP-Nodes (RFC 7252 §8).
    /// </summary>
    internal static class Multicast
    {
        /// <summary>Largest request to the group the server keeps for its leisure: a discovery with an 8-byte token and ?rt=temperature-c takes 46 (RAM: 84 bytes).</summary>
        internal const int RequestBytes = 48;

        /// <summary>DeviceSettings.Name, or "thermodev-" and the last three bytes of the Wi-Fi MAC address.</summary>
        internal static string Name()
        {
            if (DeviceSettings.Name.Length > 0)
            {
                if (DeviceName.IsValid(DeviceSettings.Name))
                {
                    return DeviceSettings.Name;
                }

                Program.Log.Line("DeviceSettings.Name is not 1 to 63 letters, digits, '-', '_' or '.': using the default name");
            }

            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            byte[] address = null;
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (address == null || interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    address = interfaces[i].PhysicalAddress;
                }
            }

            return DeviceName.FromHardwareAddress(address);
        }

        /// <summary>
        /// The transport joined to 224.0.1.187 on the device's address, or null when DeviceSettings.AnswerMulticast
        /// is off or the join failed (said on the output; the board then serves unicast only).
        /// </summary>
        internal static NanoUdpTransport TryOpen()
        {
            // Read into a local: a setting's constant would make one branch unreachable to the compiler.
            bool answer = DeviceSettings.AnswerMulticast;
            if (!answer)
            {
                return null;
            }

            IPAddress local = IPAddress.GetDefaultLocalAddress();
            try
            {
                NanoUdpTransport transport = new NanoUdpTransport(DeviceSettings.CoapPort, NanoUdpTransport.DefaultPeerCacheSize, local);
                Program.Log.Line("Multicast: answering GET coap://224.0.1.187/.well-known/core (leisure up to "
                    + DeviceSettings.MulticastLeisureMilliseconds.ToString() + " ms)");
                return transport;
            }
            catch (Exception e)
            {
                Program.Log.Line("Multicast: not joined (" + e.Message + "): unicast only");
                return null;
            }
        }
    }
}
