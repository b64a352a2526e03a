using System;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Udp;
using ThermoDev.ResourceDirectory;

namespace ThermoDev
{
    /// <summary>
    /// Registering the board with a CoRE Resource Directory (RFC 9176) as DeviceSettings.ResourceDirectory says:
    /// under its name, with the links of its /.well-known/core, from a client socket of its own; kept alive by
    /// <see cref="ResourceDirectoryRegistration"/>'s thread.
    /// </summary>
    internal static class DirectoryRegistration
    {
        /// <summary>Starts the registration of <paramref name="server"/> as <paramref name="name"/>; null when none is asked for or it cannot start (said on the output).</summary>
        internal static ResourceDirectoryRegistration Start(CoapServer server, string name, ICoapClock clock)
        {
            string setting = DeviceSettings.ResourceDirectory;
            if (setting == "none")
            {
                Program.Log.Line("Resource directory: none (DeviceSettings.ResourceDirectory)");
                return null;
            }

            bool multicast = setting.Length == 0;
            int address = 0;
            int port = 0;
            string path = string.Empty;
            if (!multicast && !Ipv4CoapUri.TryParse(setting, out address, out port, out path))
            {
                Program.Log.Line("Resource directory: not registering: DeviceSettings.ResourceDirectory is not \"none\", \"\" or coap://a.b.c.d[:port][/path]: " + setting);
                return null;
            }

            try
            {
                RegistrationSettings settings = new RegistrationSettings();
                settings.EndpointName = name;
                settings.LifetimeSeconds = DeviceSettings.RegistrationLifetimeSeconds;
                settings.BaseUri = "coap://" + IPAddress.GetDefaultLocalAddress().ToString() + ":" + DeviceSettings.CoapPort.ToString();
                settings.RegistrationPath = path.Length == 0 ? null : path;
                settings.DirectoryText = multicast ? "coap://224.0.1.187" : setting;
                settings.Validate();

                NanoUdpTransport transport = new NanoUdpTransport(0, 1);
                CoapClient client = new CoapClient(transport, clock, new CoapRandom(), new CoapClientOptions());
                CoapEndpoint directory = new CoapEndpoint(Ipv4Endpoint.Length);
                ResourceDirectoryRegistration registration;
                if (multicast)
                {
                    // RFC 9176 §4.1: GET /.well-known/core?rt=core.rd to All-CoAP-Nodes, 224.0.1.187:5683 (RFC 7252 §12.8).
                    Ipv4Endpoint.Write(directory, 224 | (0 << 8) | (1 << 16) | (187 << 24), Ipv4CoapUri.DefaultPort);
                    MulticastDirectoryFinder finder = new MulticastDirectoryFinder(transport, directory, new CoapRandom());
                    registration = new ResourceDirectoryRegistration(client, finder, DirectoryLinks.Encode(server), settings, clock, new CoapRandom(), Program.Log);
                }
                else
                {
                    Ipv4Endpoint.Write(directory, address, port);
                    registration = new ResourceDirectoryRegistration(client, directory, DirectoryLinks.Encode(server), settings, clock, new CoapRandom(), Program.Log);
                }

                registration.Start();
                Program.Log.Line("Resource directory: registering with " + settings.DirectoryText + " as " + name + ", base " + settings.BaseUri);
                return registration;
            }
            catch (SocketException e)
            {
                Program.Log.Line("Resource directory: not registering: no client socket (socket error " + e.ErrorCode.ToString() + ")");
            }
            catch (ArgumentException e)
            {
                Program.Log.Line("Resource directory: not registering: " + e.Message);
            }

            return null;
        }
    }
}
