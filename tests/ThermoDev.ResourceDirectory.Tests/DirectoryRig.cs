using Coap.Micro;
using ThermoDev.ResourceDirectory;
using ThermoDev.Tests.Server;
using ThermoDev.Tests.ThermoDev;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>
    /// A device's registration and a fake RD (our CoapServer with <see cref="FakeDirectory"/> and
    /// <see cref="FakeRegistration"/> 1 and 2), each on its end of an in-memory link. The RD's loop runs on
    /// its own thread in real time; the registration is stepped by the test on a <see cref="FakeClock"/>.
    /// </summary>
    public sealed class DirectoryRig
    {
        /// <summary>How the RD is named in log lines.</summary>
        public const string DirectoryText = "coap://rd.test";

        /// <summary>The links registered.</summary>
        public static readonly byte[] Links = Text.Bytes("</temp>;rt=\"temperature\";ct=0;obs;title=\"kitchen\"");

        /// <summary>The RD's end of the link.</summary>
        public readonly LinkEnd DirectoryEnd = new LinkEnd(9);

        /// <summary>The device client's end of the link.</summary>
        public readonly LinkEnd DeviceEnd = new LinkEnd(1);

        /// <summary>The RD's registration interface.</summary>
        public readonly FakeDirectory Directory = new FakeDirectory();

        /// <summary>The first registration resource the RD hands out.</summary>
        public readonly FakeRegistration First = new FakeRegistration(1);

        /// <summary>The second one.</summary>
        public readonly FakeRegistration Second = new FakeRegistration(2);

        /// <summary>The registration's clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The registration's log.</summary>
        public readonly LineLog Log = new LineLog();

        /// <summary>The RD.</summary>
        public readonly CoapServer Server;

        /// <summary>The device's client.</summary>
        public readonly CoapClient Client;

        /// <summary>What is registered and how.</summary>
        public readonly RegistrationSettings Settings = new RegistrationSettings();

        private ResourceDirectoryRegistration _registration;

        /// <summary>A linked RD (started when <paramref name="reachable"/>) and client; settings for "kitchen" with a base URI.</summary>
        public DirectoryRig(bool reachable)
        {
            if (reachable)
            {
                LinkEnd.Link(DirectoryEnd, DeviceEnd);
            }

            CoapServerOptions serverOptions = new CoapServerOptions();
            serverOptions.ReceivePollMilliseconds = 20;
            Server = new CoapServer(DirectoryEnd, new WallClock(), new CoapRandom(), serverOptions);
            Server.Add(Directory);
            Server.Add(First);
            Server.Add(Second);
            CoapClientOptions clientOptions = new CoapClientOptions();
            clientOptions.ReceivePollMilliseconds = 20;
            Client = new CoapClient(DeviceEnd, new WallClock(), new CoapRandom(), clientOptions);
            Settings.EndpointName = "kitchen";
            Settings.BaseUri = "coap://10.0.0.5:5683";
            Settings.DirectoryText = DirectoryText;
            Settings.RequestTimeoutMilliseconds = 3000;
            if (reachable)
            {
                Server.Start();
            }
        }

        /// <summary>The registration (made on first use, with <see cref="Settings"/> as they are then), drawing jitter from <paramref name="random"/>.</summary>
        public ResourceDirectoryRegistration Registration(ScriptedRandom random)
        {
            if (_registration == null)
            {
                _registration = new ResourceDirectoryRegistration(Client, DirectoryEnd.Self, Links, Settings, Clock, random, Log);
            }

            return _registration;
        }

        /// <summary>The registration finding the RD by multicast (each end of the link takes anything sent to the group).</summary>
        public ResourceDirectoryRegistration MulticastRegistration(ScriptedRandom random)
        {
            if (_registration == null)
            {
                CoapEndpoint group = new CoapEndpoint();
                group.Set(new byte[] { 0xE0, 0x00, 0x01, 0xBB }, 0, 4);
                MulticastDirectoryFinder finder = new MulticastDirectoryFinder(DeviceEnd, group, new CoapRandom());
                _registration = new ResourceDirectoryRegistration(Client, finder, Links, Settings, Clock, random, Log);
            }

            return _registration;
        }

        /// <summary>Stops the RD's loop.</summary>
        public void Stop()
        {
            Server.Stop(5000);
        }
    }

    /// <summary>
    /// One end of an in-memory link: what it sends arrives at its peer as coming from <see cref="Self"/>; an end
    /// without a peer loses everything it sends (an RD that cannot be reached). Allocates per datagram (tests only).
    /// </summary>
    public sealed class LinkEnd : ICoapTransport
    {
        private readonly InMemoryTransport _inbox = new InMemoryTransport();
        private LinkEnd _peer;

        /// <summary>An end known to its peer by the one-byte endpoint <paramref name="id"/>.</summary>
        public LinkEnd(byte id)
        {
            Self = new CoapEndpoint();
            Self.Set(new byte[] { id }, 0, 1);
        }

        /// <summary>This end's endpoint.</summary>
        public CoapEndpoint Self { get; private set; }

        /// <summary>Datagrams sent from this end.</summary>
        public int Sent { get; private set; }

        /// <inheritdoc/>
        public int MaxEndpointLength
        {
            get { return CoapEndpoint.MaxLength; }
        }

        /// <summary>Links two ends.</summary>
        public static void Link(LinkEnd a, LinkEnd b)
        {
            a._peer = b;
            b._peer = a;
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            return _inbox.Receive(buffer, offset, count, source, timeoutMilliseconds);
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            Sent++;
            if (_peer != null)
            {
                byte[] datagram = new byte[count];
                System.Array.Copy(buffer, offset, datagram, 0, count);
                _peer._inbox.Inject(datagram, Self);
            }

            return true;
        }

        /// <inheritdoc/>
        public void Wake()
        {
            _inbox.Wake();
        }
    }
}
