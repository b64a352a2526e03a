using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.Extensions.Logging;
using ThermoDev.Gateway.Forwarding;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// A CoRE Resource Directory (RFC 9176) on its own UDP port: a Coap.Micro server with the registration
    /// interface /rd (rt=core.rd), simple registration /.well-known/rd, one registration resource per slot
    /// (/rd/0 ... /rd/{capacity-1}), the lookup interfaces /rd-lookup/ep and /rd-lookup/res, and the built-in
    /// /.well-known/core listing the three interfaces. Coap.Micro registers resources at start-up and
    /// matches exact paths, so the registrations live in a fixed table whose slots are resources of their
    /// own. Lifetimes are checked every <see cref="ExpiryInterval"/>; an expired registration is removed.
    /// </summary>
    public sealed class ResourceDirectoryService : IDisposable
    {
        /// <summary>How often lifetimes are checked.</summary>
        public static readonly TimeSpan ExpiryInterval = TimeSpan.FromMilliseconds(250);

        private readonly DotnetUdpTransport _udp;
        private readonly RequestSource _source;
        private readonly CoapServer _server;
        private readonly LinkFetcher _fetcher;
        private readonly ILogger _log;
        private readonly Timer _expiry;
        private readonly ConcurrentDictionary<int, byte> _simpleOutcomes = new ConcurrentDictionary<int, byte>();

        /// <summary>
        /// A directory on <paramref name="bind"/> for <paramref name="capacity"/> registrations, telling
        /// <paramref name="listener"/> of each change; simple registrations fetch with <paramref name="fetcher"/>.
        /// </summary>
        /// <exception cref="SocketException">The port cannot be bound.</exception>
        public ResourceDirectoryService(IPEndPoint bind, int capacity, IRegistrationListener? listener, LinkFetcher fetcher, ILogger log)
        {
            ArgumentNullException.ThrowIfNull(bind);
            ArgumentNullException.ThrowIfNull(fetcher);
            ArgumentNullException.ThrowIfNull(log);
            Registrations = new RegistrationTable(capacity, listener);
            _fetcher = fetcher;
            _log = log;
            _udp = new DotnetUdpTransport(bind);
            _source = new RequestSource(_udp);
            var options = new CoapServerOptions
            {
                MaxRequestSize = 1152,
                MaxResponseSize = 1152,
                BlockSize = 1024,
                MaxOptions = 32,
                MaxResponseOptions = 12,
                ResponseOptionBytes = 64,
                // Every registration is a POST remembered for EXCHANGE_LIFETIME (RFC 7252 §4.5): a fleet that boots
                // at once needs a place per endpoint, or the rest are refused 5.03 until places free up.
                DeduplicationEntries = Math.Min(4096, Math.Max(64, 2 * capacity)),
                ReplayCacheBytes = 1024,
                MaxSeparateResponses = 8,
                Discovery = true,
            };
            _server = new CoapServer(_source, new MonotonicClock(), new CoapRandom(), options);
            _server.Add(new RegistrationInterface(this));
            _server.Add(new LookupResource(this, endpoints: true));
            _server.Add(new LookupResource(this, endpoints: false));
            _server.Add(new SimpleRegistrationResource(this));
            for (int slot = 0; slot < capacity; slot++)
            {
                _server.Add(new RegistrationResource(this, slot));
            }

            _expiry = new Timer(_ => Registrations.Expire(Environment.TickCount64));
        }

        /// <summary>The registrations.</summary>
        public RegistrationTable Registrations { get; }

        /// <summary>The UDP address and port the directory listens on.</summary>
        public IPEndPoint LocalEndPoint => _udp.LocalEndPoint;

        /// <summary>The registration interface's URI: coap://[::]:5683/rd, coap://127.0.0.1:5683/rd.</summary>
        public string RegistrationUri
        {
            get
            {
                IPEndPoint local = LocalEndPoint;
                IPAddress address = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
                string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
                return "coap://" + host + ":" + local.Port.ToString(CultureInfo.InvariantCulture) + "/" + Registration.PathPrefix;
            }
        }

        /// <summary>The CoAP server (its counters).</summary>
        public CoapServer Server => _server;

        /// <summary>Starts serving and checking lifetimes.</summary>
        public void Start()
        {
            _server.Start();
            _expiry.Change(ExpiryInterval, ExpiryInterval);
        }

        /// <summary>Stops serving and closes the port.</summary>
        public void Dispose()
        {
            _expiry.Dispose();
            _server.Stop(2000);
            _udp.Dispose();
        }

        /// <summary>POST /rd (§5): registers, 2.01 with the registration's Location-Path.</summary>
        internal void Register(CoapMessage request, CoapResponse response)
        {
            RegistrationParameters? parameters = RdRequest.ReadParameters(RdRequest.Query(request), requireEndpoint: true, out string error);
            if (parameters == null)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, error);
                return;
            }

            List<WebLink>? links = LinkFormat.Parse(RdRequest.PayloadText(request));
            if (links == null)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, "the payload is not link-format");
                return;
            }

            Registration? made = Make(parameters, links, simple: false);
            if (made == null)
            {
                RdRequest.Fail(response, CoapCode.ServiceUnavailable, "the directory is full");
                return;
            }

            response.Code = CoapCode.Created;
            response.AddLocationPath(Encoding.ASCII.GetBytes(Registration.PathPrefix));
            response.AddLocationPathNumber(made.Slot);
        }

        /// <summary>POST /rd/{slot} (§5.3.1): a new lifetime and base when given, the lifetime restarted; 4.04 when there is none.</summary>
        internal void Update(int slot, CoapMessage request, CoapResponse response)
        {
            RegistrationParameters? parameters = RdRequest.ReadParameters(RdRequest.Query(request), requireEndpoint: false, out string error);
            if (parameters == null || parameters.Endpoint != null || parameters.Sector != null)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, parameters == null ? error : "ep and d cannot change in an update");
                return;
            }

            if (request.PayloadLength > 0)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, "an update carries no payload (register again to change the links)");
                return;
            }

            Registration? updated = Registrations.Update(slot, parameters.Lifetime, parameters.Base, SourceBase(), parameters.Attributes, Environment.TickCount64);
            if (updated == null)
            {
                RdRequest.Fail(response, CoapCode.NotFound, "no such registration (register again)");
                return;
            }

            response.Code = CoapCode.Changed;
        }

        /// <summary>DELETE /rd/{slot} (§5.3.2): 2.02, or 4.04 when there is none.</summary>
        internal void Remove(int slot, CoapResponse response)
        {
            if (!Registrations.Remove(slot))
            {
                RdRequest.Fail(response, CoapCode.NotFound, "no such registration");
                return;
            }

            response.Code = CoapCode.Deleted;
        }

        /// <summary>GET /rd/{slot}: the links as registered.</summary>
        internal void Read(int slot, CoapResponse response)
        {
            Registration? registration = Registrations.At(slot);
            if (registration == null)
            {
                RdRequest.Fail(response, CoapCode.NotFound, "no such registration");
                return;
            }

            RdRequest.WriteLinks(response, registration.Links);
        }

        /// <summary>
        /// POST /.well-known/rd?ep=... (§5.1): answered later (a separate response): the directory first
        /// fetches the sender's /.well-known/core, registers its links, then answers 2.04; 5.04 when the
        /// sender did not answer, 5.02 when its answer is no link-format. Returns the ticket, or -1.
        /// </summary>
        internal int RegisterSimply(SimpleRegistrationResource resource, CoapMessage request, CoapResponse response)
        {
            List<KeyValuePair<string, string?>> query = RdRequest.Query(request);
            RegistrationParameters? parameters = RdRequest.ReadParameters(query, requireEndpoint: true, out string error);
            if (parameters == null || parameters.Base != null || request.PayloadLength > 0)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, parameters == null ? error
                    : parameters.Base != null ? "simple registration takes no base" : "simple registration carries no payload");
                return -1;
            }

            IPEndPoint? source = _source.Last;
            if (source == null)
            {
                response.Code = CoapCode.InternalServerError;
                return -1;
            }

            string sourceBase = BaseOf(source);
            int ticket = response.Defer();
            if (ticket < 0)
            {
                return -1;
            }

            _ = Task.Run(async () =>
            {
                byte outcome;
                try
                {
                    CoapResult fetched = await _fetcher.FetchAsync(source).ConfigureAwait(false);
                    List<WebLink>? links = fetched.IsSuccess ? LinkFormat.Parse(Encoding.UTF8.GetString(fetched.Payload)) : null;
                    if (fetched.Outcome != CoapOutcome.Response)
                    {
                        outcome = CoapCode.GatewayTimeout;
                    }
                    else if (links == null)
                    {
                        outcome = CoapCode.BadGateway;
                    }
                    else
                    {
                        outcome = Make(parameters, links, simple: true, sourceBase) != null ? CoapCode.Changed : CoapCode.ServiceUnavailable;
                    }
                }
                catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
                {
                    outcome = CoapCode.ServiceUnavailable;
                }

                _simpleOutcomes[ticket] = outcome;
                if (!resource.SeparateReady(ticket))
                {
                    _simpleOutcomes.TryRemove(ticket, out _);
                }
            });
            return ticket;
        }

        /// <summary>Writes the answer of the simple registration waiting under <paramref name="ticket"/>.</summary>
        internal void WriteSimpleOutcome(int ticket, CoapResponse response)
        {
            // Asked again for each retransmission: the outcome stays until the next use of the ticket.
            response.Code = _simpleOutcomes.TryGetValue(ticket, out byte code) ? code : CoapCode.InternalServerError;
        }

        /// <summary>GET /rd-lookup/ep or /rd-lookup/res (§6) with filters, page and count.</summary>
        internal void Lookup(bool endpoints, CoapMessage request, CoapResponse response)
        {
            LookupFilter? filter = LookupFilter.Read(RdRequest.Query(request));
            if (filter == null)
            {
                RdRequest.Fail(response, CoapCode.BadRequest, "page and count are whole numbers, and page needs count");
                return;
            }

            long now = Environment.TickCount64;
            IEnumerable<Registration> live = Registrations.All.Where(r => r.ExpiresAt > now);
            IEnumerable<WebLink> links = endpoints
                ? live.Where(r => filter.MatchesEndpoint(r, r.ResolvedLinkList())).Select(r => r.EndpointLink())
                : live.SelectMany(r => r.ResolvedLinks().Where(l => filter.MatchesResource(r, l)));
            RdRequest.WriteLinks(response, filter.Paginate(links));
        }

        /// <summary>coap:// and the address and port, as a URI writes them (no zone identifier, §5).</summary>
        public static string BaseOf(IPEndPoint source)
        {
            ArgumentNullException.ThrowIfNull(source);
            IPAddress address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = new IPAddress(address.GetAddressBytes());
            }

            string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
            return "coap://" + host + (source.Port == Devices.DeviceAddress.DefaultPort ? string.Empty : ":" + source.Port.ToString(CultureInfo.InvariantCulture));
        }

        private string SourceBase() => _source.Last is IPEndPoint source ? BaseOf(source) : "coap://[::]";

        private Registration? Make(RegistrationParameters parameters, List<WebLink> links, bool simple, string? sourceBase = null)
        {
            var registration = new Registration
            {
                Slot = 0,
                Endpoint = parameters.Endpoint!,
                Sector = parameters.Sector,
                Lifetime = parameters.Lifetime ?? RegistrationTable.DefaultLifetime,
                Base = parameters.Base ?? sourceBase ?? SourceBase(),
                BaseGiven = parameters.Base != null,
                Links = links,
                Attributes = parameters.Attributes,
                Simple = simple,
            };
            Registration? made = Registrations.Register(registration, Environment.TickCount64);
            if (made == null)
            {
                _log.LogWarning("Resource Directory: registration of {Endpoint} refused: all {Capacity} places are taken", registration.Endpoint, Registrations.Capacity);
            }

            return made;
        }
    }
}
