using Coap.Micro;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// One measured path: set up once (its answer checked there), then <see cref="Run"/> operations at a
    /// time, and after the timing <see cref="Verify"/> that every operation did what the check saw.
    /// </summary>
    public abstract class BenchPath
    {
        /// <summary>Creates the path called <paramref name="name"/>, timed over <paramref name="operations"/> operations by default.</summary>
        protected BenchPath(string name, int operations)
        {
            Name = name;
            Operations = operations;
        }

        /// <summary>Key of the path in the output (no spaces).</summary>
        public readonly string Name;

        /// <summary>Operations timed by default.</summary>
        public readonly int Operations;

        /// <summary>Builds what the path runs on and checks one answer: null when right, else what is wrong.</summary>
        public abstract string Setup();

        /// <summary>Runs <paramref name="operations"/> operations; allocates nothing.</summary>
        public abstract void Run(int operations);

        /// <summary>After <paramref name="operations"/> operations since the last call: null when each did its work, else what is wrong.</summary>
        public abstract string Verify(int operations);
    }

    /// <summary>One prepared datagram in, one answer out, per operation (a turn of the server's loop).</summary>
    public sealed class ExchangePath : BenchPath
    {
        private readonly byte[] _request;
        private readonly byte[] _alternate;
        private readonly bool _newMessageIds;
        private readonly int _type;
        private readonly int _code;
        private readonly int _option;
        private readonly int _payloadLength;
        private readonly int _extraResources;
        private Device _device;
        private int _sentBefore;

        /// <summary>
        /// <paramref name="request"/> (taking turns with <paramref name="alternate"/> when not null), a new
        /// Message ID each time or the same one, answered with <paramref name="type"/> and <paramref name="code"/>,
        /// option <paramref name="option"/> (when 0 or more) and <paramref name="payloadLength"/> bytes of payload
        /// (when 0 or more); the device has <paramref name="extraResources"/> listed resources beside /temp.
        /// </summary>
        public ExchangePath(string name, int operations, byte[] request, byte[] alternate, bool newMessageIds, int type, int code, int option, int payloadLength, int extraResources)
            : base(name, operations)
        {
            _request = request;
            _alternate = alternate;
            _newMessageIds = newMessageIds;
            _type = type;
            _code = code;
            _option = option;
            _payloadLength = payloadLength;
            _extraResources = extraResources;
        }

        /// <inheritdoc/>
        public override string Setup()
        {
            _device = new Device(4, 5);
#if !NO_DISCOVERY
            for (int i = 0; i < _extraResources; i++)
            {
                _device.Server.Add(new ListedResource("sensors/s" + i, i % 2 == 0, "Sensor " + i));
            }
#endif

            CoapEndpoint client = Datagrams.Peer(1);
            string wrong = _device.Exchange(_request, client, _type, _code, _option, _payloadLength);
            if (wrong == null && _alternate != null)
            {
                _device.Transport.Prepare(_alternate, null, client, true);
                wrong = _device.Exchange(_alternate, client, _type, _code, _option, -1);
            }

            // A duplicate is answered from what the first exchange left; a new request gets a new Message ID.
            _device.Transport.Prepare(_request, _alternate, client, _newMessageIds);
            _sentBefore = _device.Transport.Sent;
            return wrong;
        }

        /// <inheritdoc/>
        public override void Run(int operations)
        {
            BenchTransport transport = _device.Transport;
            CoapServer server = _device.Server;
            for (int i = 0; i < operations; i++)
            {
                transport.Ready = true;
                server.Poll(0);
            }
        }

        /// <inheritdoc/>
        public override string Verify(int operations)
        {
            BenchTransport transport = _device.Transport;
            int sent = transport.Sent - _sentBefore;
            _sentBefore = transport.Sent;
            if (sent != operations)
            {
                return sent + " answers to " + operations + " requests";
            }

            if (((transport.LastFirstByte >> 4) & 3) != _type || transport.LastCode != _code)
            {
                return "the last answer was type " + ((transport.LastFirstByte >> 4) & 3) + " code " + transport.LastCode;
            }

            return null;
        }
    }

#if !NO_OBSERVE
    /// <summary>
    /// A change of /temp notified to <see cref="Observers"/> observers: each operation calls Changed() and
    /// runs the loop until every notification is out and, when they are confirmable, every ACK is in.
    /// </summary>
    public sealed class NotifyPath : BenchPath
    {
        /// <summary>Observers registered.</summary>
        public const int Observers = 16;

        private readonly bool _confirmable;
        private Device _device;
        private int _sentBefore;
        private int _stuck;

        /// <summary>Every notification confirmable (and acknowledged) when <paramref name="confirmable"/>, else all non-confirmable.</summary>
        public NotifyPath(string name, int operations, bool confirmable)
            : base(name, operations)
        {
            _confirmable = confirmable;
        }

        /// <inheritdoc/>
        public override string Setup()
        {
            // RFC 7641 §4.5: 1 makes every notification confirmable; 255 keeps all but one in 255 NON.
            _device = new Device(Observers, _confirmable ? 1 : 255);
            _device.Transport.AcknowledgeConfirmables = true;
            for (int i = 0; i < Observers; i++)
            {
                byte[] register = Datagrams.Request(Datagrams.Confirmable, CoapCode.Get, 0x100 + i, 0x7A00 + i, "temp", 0, null);
                string wrong = _device.Exchange(register, Datagrams.Peer(100 + i), Datagrams.Acknowledgement, CoapCode.Content, Datagrams.Observe, 4);
                if (wrong != null)
                {
                    return "registration " + i + ": " + wrong;
                }
            }

            BenchTransport transport = _device.Transport;
            transport.KeepLastSent = true;
            int sent = transport.Sent;
            Run(1);
            transport.KeepLastSent = false;
            if (transport.Sent - sent != Observers || _stuck != 0)
            {
                return (transport.Sent - sent) + " notifications of one change to " + Observers + " observers";
            }

            _sentBefore = transport.Sent;
            return Datagrams.Check(transport.LastSent, transport.LastLength, _confirmable ? Datagrams.Confirmable : Datagrams.NonConfirmable, CoapCode.Content, Datagrams.Observe, 4);
        }

        /// <inheritdoc/>
        public override void Run(int operations)
        {
            BenchTransport transport = _device.Transport;
            CoapServer server = _device.Server;
            CoapResource temperature = _device.Temperature;
            for (int i = 0; i < operations; i++)
            {
                int target = transport.Sent + Observers;
                temperature.Changed();
                int turns = 0;
                do
                {
                    server.Poll(0);
                    turns++;
                }
                while ((transport.Sent < target || transport.Pending > 0) && turns < 4 * Observers);

                if (turns == 4 * Observers)
                {
                    _stuck++;
                }
            }
        }

        /// <inheritdoc/>
        public override string Verify(int operations)
        {
            BenchTransport transport = _device.Transport;
            int sent = transport.Sent - _sentBefore;
            _sentBefore = transport.Sent;
            if (sent != operations * Observers || _stuck != 0 || transport.LastCode != CoapCode.Content)
            {
                return sent + " notifications of " + operations + " changes to " + Observers + " observers (" + _stuck + " changes not fully sent)";
            }

            return null;
        }
    }

#endif

#if !NO_CLIENT
    /// <summary>
    /// The client: a CON GET /temp sent (Send, a turn that sends it) and its piggybacked 2.05 received
    /// (a turn that receives it and ends the request), per operation.
    /// </summary>
    public sealed class ClientPath : BenchPath
    {
        private readonly BenchTransport _transport = new BenchTransport();
        private CoapClient _client;
        private CoapRequest _request;
        private int _sentBefore;
        private int _refused;

        /// <summary>The path.</summary>
        public ClientPath(string name, int operations)
            : base(name, operations)
        {
        }

        /// <inheritdoc/>
        public override string Setup()
        {
            _transport.AnswerRequests = true;
            _client = new CoapClient(_transport, new StillClock(), new SequenceRandom(), new CoapClientOptions());
            _request = new CoapRequest(64);
            _request.SetEndpoint(Datagrams.Peer(7));
            _request.SetPath("temp");
            _transport.KeepLastSent = true;
            Run(1);
            _transport.KeepLastSent = false;
            string wrong = Datagrams.Check(_transport.LastSent, _transport.LastLength, Datagrams.Confirmable, CoapCode.Get, Datagrams.UriPath, 0);
            if (wrong == null)
            {
                wrong = Verify(1);
            }

            return wrong;
        }

        /// <inheritdoc/>
        public override void Run(int operations)
        {
            CoapClient client = _client;
            CoapRequest request = _request;
            for (int i = 0; i < operations; i++)
            {
                if (client.Send(request) != CoapClientResult.Pending)
                {
                    _refused++;
                }

                client.Poll(0);
                client.Poll(0);
            }
        }

        /// <inheritdoc/>
        public override string Verify(int operations)
        {
            int sent = _transport.Sent - _sentBefore;
            _sentBefore = _transport.Sent;
            if (sent != operations || _refused != 0)
            {
                return sent + " requests sent for " + operations + " operations (" + _refused + " refused)";
            }

            if (_request.IsPending || _request.Result != CoapClientResult.Response || _request.Code != CoapCode.Content || _request.PayloadLength != 4)
            {
                return "the request ended " + _request.Result + " with code " + _request.Code + " and " + _request.PayloadLength + " bytes";
            }

            return null;
        }
    }
#endif
}
