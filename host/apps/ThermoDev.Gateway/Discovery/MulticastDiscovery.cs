using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.Extensions.Logging;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.ResourceDirectory;

namespace ThermoDev.Gateway.Discovery
{
    /// <summary>
    /// Finds devices with a multicast GET /.well-known/core (RFC 7252 §8, RFC 6690 §4) to All-CoAP-Nodes,
    /// 224.0.1.187 and ff02::fd, on one network interface, every interval. Each answer that lists /temp (or a
    /// link of rt temperature-c) becomes a device named by that link's title (ThermoDev sets it to its
    /// name), at the answer's source address and port. An IPv4 answer is preferred over an IPv6 one from the
    /// same device; an IPv6 link-local address is not used (a device URI carries no zone). A device that
    /// answers no discovery <see cref="MissedRoundsGone"/> times in a row is marked gone.
    /// </summary>
    public sealed class MulticastDiscovery : IDisposable
    {
        /// <summary>Discoveries in a row a device may miss before it is gone.</summary>
        public const int MissedRoundsGone = 3;

        private static readonly TimeSpan MaxListen = TimeSpan.FromSeconds(3);

        private readonly GatewayCore _core;
        private readonly TimeSpan _interval;
        private readonly TimeSpan _listen;
        private readonly ILogger _log;
        private readonly Socket? _ipv4;
        private readonly Socket? _ipv6;
        private readonly Dictionary<string, int> _missed = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _loop;
        private long _rounds;

        /// <summary>Discovery on <paramref name="interfaceName"/> every <paramref name="interval"/>, listening up to <paramref name="wait"/> (at most 3 s) for answers.</summary>
        /// <exception cref="ArgumentException">No interface is so named, or it has neither IPv4 nor IPv6.</exception>
        public MulticastDiscovery(GatewayCore core, string interfaceName, TimeSpan interval, TimeSpan wait, ILogger log)
        {
            ArgumentNullException.ThrowIfNull(core);
            ArgumentNullException.ThrowIfNull(interfaceName);
            ArgumentNullException.ThrowIfNull(log);
            _core = core;
            _interval = interval;
            _listen = wait < MaxListen ? wait : MaxListen;
            _log = log;
            NetworkInterface nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName)
                ?? throw new ArgumentException($"--discover: no network interface is named {interfaceName}");
            IPInterfaceProperties properties = nic.GetIPProperties();
            int? v4Index = nic.Supports(NetworkInterfaceComponent.IPv4) ? properties.GetIPv4Properties()?.Index : null;
            int? v6Index = nic.Supports(NetworkInterfaceComponent.IPv6) ? properties.GetIPv6Properties()?.Index : null;
            if (v4Index is int index4 && properties.UnicastAddresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork))
            {
                _ipv4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                _ipv4.Bind(new IPEndPoint(IPAddress.Any, 0));
                _ipv4.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.HostToNetworkOrder(index4));
            }

            if (v6Index is int index6)
            {
                _ipv6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                _ipv6.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
                _ipv6.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, index6);
                ScopeId = index6;
            }

            if (_ipv4 == null && _ipv6 == null)
            {
                throw new ArgumentException($"--discover: interface {interfaceName} has neither IPv4 nor IPv6");
            }

            InterfaceName = interfaceName;
        }

        /// <summary>The interface asked on.</summary>
        public string InterfaceName { get; }

        /// <summary>Discoveries made so far.</summary>
        public long Rounds => Interlocked.Read(ref _rounds);

        private long ScopeId { get; }

        /// <summary>Discovers now, then every interval.</summary>
        public void Start() => _loop = Task.Run(LoopAsync);

        /// <summary>Stops discovering and closes the sockets.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _loop?.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Ended by the cancellation.
            }

            _ipv4?.Dispose();
            _ipv6?.Dispose();
        }

        /// <summary>The device a discovery answer names: the title of its temperature link, at <paramref name="source"/>; null when none.</summary>
        public static DeviceAddress? DeviceOf(string linkFormat, IPEndPoint source)
        {
            ArgumentNullException.ThrowIfNull(source);
            List<WebLink>? links = LinkFormat.Parse(linkFormat ?? string.Empty);
            WebLink? temp = links?.FirstOrDefault(l => l.Target == DeviceAddress.DefaultPath)
                ?? links?.FirstOrDefault(l => l["rt"] is string rt && LookupFilter.ValueMatches("rt", rt, RegisteredDevices.TemperatureType) && l.Target.StartsWith('/'));
            if (temp?["title"] is not string title)
            {
                return null;
            }

            string uri = ResourceDirectoryService.BaseOf(source) + temp.Target;
            return DeviceAddress.TryCreate(title, uri, out DeviceAddress? address, out _) ? address : null;
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await RoundAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    _log.LogWarning("Discovery on {Interface}: {Error}", InterfaceName, e.Message);
                }

                try
                {
                    await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task RoundAsync()
        {
            byte[] token = RandomNumberGenerator.GetBytes(4);
            byte[] request = Request(token);
            if (_ipv4 != null)
            {
                await _ipv4.SendToAsync(request, new IPEndPoint(IPAddress.Parse(CoapMulticast.AllCoapNodesIPv4), DeviceAddress.DefaultPort), _stop.Token).ConfigureAwait(false);
            }

            if (_ipv6 != null)
            {
                var group = IPAddress.Parse(CoapMulticast.AllCoapNodesIPv6LinkLocal);
                group.ScopeId = ScopeId;
                await _ipv6.SendToAsync(request, new IPEndPoint(group, DeviceAddress.DefaultPort), _stop.Token).ConfigureAwait(false);
            }

            var found = new Dictionary<string, DeviceAddress>(StringComparer.Ordinal);
            await Task.WhenAll(Listen(_ipv4, token, found), Listen(_ipv6, token, found)).ConfigureAwait(false);
            foreach (DeviceAddress address in found.Values)
            {
                _core.Follow(address, DeviceOrigin.Discovered);
                _missed[address.Name] = 0;
            }

            foreach (string name in _missed.Keys.Where(n => !found.ContainsKey(n)).ToList())
            {
                if (++_missed[name] >= MissedRoundsGone)
                {
                    _missed.Remove(name);
                    _core.MarkGone(name, DeviceOrigin.Discovered);
                }
            }

            Interlocked.Increment(ref _rounds);
        }

        private async Task Listen(Socket? socket, byte[] token, Dictionary<string, DeviceAddress> found)
        {
            if (socket == null)
            {
                return;
            }

            var buffer = new byte[2048];
            var message = new CoapMessage(32);
            var waited = Stopwatch.StartNew();
            EndPoint any = socket.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);
            while (waited.Elapsed < _listen && !_stop.IsCancellationRequested)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(_listen - waited.Elapsed);
                SocketReceiveFromResult received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var source = (IPEndPoint)received.RemoteEndPoint;
                if (message.Parse(buffer, 0, received.ReceivedBytes) != CoapParseResult.Ok || message.Code != CoapCode.Content
                    || !message.TokenEquals(token, 0, token.Length))
                {
                    continue;
                }

                if (source.Address.IsIPv6LinkLocal)
                {
                    continue;
                }

                DeviceAddress? device = DeviceOf(Encoding.UTF8.GetString(buffer, message.PayloadOffset, message.PayloadLength), source);
                if (device == null)
                {
                    continue;
                }

                lock (found)
                {
                    // IPv4 first: an IPv6 answer does not replace an IPv4 one from the same device.
                    if (!found.TryGetValue(device.Name, out DeviceAddress? known) || (known.Host.Contains(':', StringComparison.Ordinal) && !device.Host.Contains(':', StringComparison.Ordinal)))
                    {
                        found[device.Name] = device;
                    }
                }
            }
        }

        // NON GET /.well-known/core (RFC 7252 §8.1: multicast requests are non-confirmable).
        private static byte[] Request(byte[] token)
        {
            var buffer = new byte[64];
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.NonConfirmable, CoapCode.Get, (ushort)RandomNumberGenerator.GetInt32(65536), token, 0, token.Length);
            byte[] wellKnown = Encoding.ASCII.GetBytes(".well-known");
            byte[] core = Encoding.ASCII.GetBytes("core");
            writer.AddOption(CoapOption.UriPath, wellKnown, 0, wellKnown.Length);
            writer.AddOption(CoapOption.UriPath, core, 0, core.Length);
            return buffer.AsSpan(0, writer.Length).ToArray();
        }
    }
}
