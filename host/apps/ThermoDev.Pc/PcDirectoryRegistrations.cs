using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.ResourceDirectory;
using ThermoDev.Simulation;

namespace ThermoDev.Pc
{
    /// <summary>
    /// --rd: every simulated device registers with the resource directory (RFC 9176 §5) under its own name, with its
    /// server's links and a base URI naming its own port, each through a client on a port of its own; on
    /// <see cref="Stop"/> the registrations are removed (§5.3.2).
    /// </summary>
    public sealed class PcDirectoryRegistrations : IDisposable
    {
        private const int StopTimeoutMilliseconds = 2000;

        private readonly List<ResourceDirectoryRegistration> _registrations = new List<ResourceDirectoryRegistration>();
        private readonly List<DotnetUdpTransport> _transports = new List<DotnetUdpTransport>();
        private bool _stopped;

        private PcDirectoryRegistrations()
        {
        }

        /// <summary>Starts a registration per device of <paramref name="fleet"/>; null when <paramref name="settings"/> names no RD.</summary>
        public static PcDirectoryRegistrations Start(PcSettings settings, SimulatedFleet fleet, ConsoleLog log)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(fleet);
            ArgumentNullException.ThrowIfNull(log);
            Uri rd = settings.ResourceDirectory;
            if (rd == null)
            {
                return null;
            }

            int port = rd.Port < 0 ? PcCommandLine.DefaultPort : rd.Port;
            IPAddress address = Resolve(rd.IdnHost);
            string directoryText = "coap://" + Host(rd.IdnHost, address) + ":" + port.ToString(CultureInfo.InvariantCulture);
            if (address == null)
            {
                log.TryWrite($"Resource directory: {rd.IdnHost} has no address; the devices do not register");
                return null;
            }

            var directory = new IPEndPoint(address, port);
            IPAddress own;
            try
            {
                own = OwnAddress(settings.Bind, directory);
            }
            catch (SocketException e)
            {
                log.TryWrite($"Resource directory: no route to {directoryText} ({e.SocketErrorCode}); the devices do not register");
                return null;
            }

            var started = new PcDirectoryRegistrations();
            for (int i = 0; i < fleet.Devices.Count; i++)
            {
                var transport = new DotnetUdpTransport(new IPEndPoint(settings.Bind, 0));
                started._transports.Add(transport);
                var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());
                var registration = new ResourceDirectoryRegistration(
                    client,
                    DotnetUdpTransport.ToEndpoint(directory),
                    DirectoryLinks.Encode(fleet.Devices[i].Server),
                    new RegistrationSettings
                    {
                        EndpointName = fleet.Names[i],
                        LifetimeSeconds = settings.RegistrationLifetimeSeconds,
                        BaseUri = "coap://" + Host(null, own) + ":" + fleet.Endpoints[i].Port.ToString(CultureInfo.InvariantCulture),
                        RegistrationPath = rd.AbsolutePath == "/" ? null : rd.AbsolutePath,
                        DirectoryText = directoryText,
                    },
                    new MonotonicClock(),
                    new CoapRandom(),
                    new PcLogSink(log, fleet.Devices.Count == 1 ? null : ":" + fleet.Endpoints[i].Port.ToString(CultureInfo.InvariantCulture) + " "));
                started._registrations.Add(registration);
                registration.Start();
            }

            return started;
        }

        /// <summary>Ends the registrations' threads and removes the registrations from the RD.</summary>
        public void Stop()
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;

            // All at once: an RD that no longer answers costs the wait once, not once per device.
            var removals = new List<Task>();
            foreach (ResourceDirectoryRegistration registration in _registrations)
            {
                removals.Add(Task.Run(() => registration.Stop(true, StopTimeoutMilliseconds)));
            }

            Task.WaitAll(removals.ToArray());
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            Stop();
            foreach (DotnetUdpTransport transport in _transports)
            {
                transport.Dispose();
            }
        }

        private static IPAddress Resolve(string host)
        {
            if (IPAddress.TryParse(host, out IPAddress literal))
            {
                return literal;
            }

            try
            {
                IPAddress[] addresses = Dns.GetHostAddresses(host);
                return addresses.Length == 0 ? null : addresses[0];
            }
            catch (SocketException)
            {
                return null;
            }
        }

        // The address the RD should reach the devices at: the bound one, or the one the route to the RD leaves from.
        private static IPAddress OwnAddress(IPAddress bind, IPEndPoint directory)
        {
            if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
            {
                return bind.IsIPv4MappedToIPv6 ? bind.MapToIPv4() : bind;
            }

            using var probe = new Socket(directory.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(directory);
            return ((IPEndPoint)probe.LocalEndPoint).Address;
        }

        // An address as a URI host: [v6] without its zone, or v4; the name itself when it was a name.
        private static string Host(string name, IPAddress address)
        {
            if (address == null || (name != null && !IPAddress.TryParse(name, out _)))
            {
                return name;
            }

            return address.AddressFamily == AddressFamily.InterNetworkV6
                ? "[" + new IPAddress(address.GetAddressBytes()) + "]"
                : address.ToString();
        }
    }
}
