using System;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A CoAP server (RFC 7252, with Observe, RFC 7641): a resource registry, the message layer and the
    /// request layer on one transport, with every buffer and table allocated here and nothing allocated
    /// or logged per request.
    /// </summary>
    /// <remarks>
    /// Threading: one loop thread (<see cref="Start"/>) receives, answers and sends everything the
    /// server sends: responses, notifications, retransmissions and separate responses. Resource
    /// handlers run on it. Any other thread may call <see cref="CoapResource.Changed"/>,
    /// <see cref="CoapResource.EndObservations"/>, <see cref="CoapResource.SeparateReady"/> and read
    /// <see cref="Counters"/>: they only record a fact with <see cref="Interlocked"/> and wake the loop.
    /// <see cref="Add"/>, <see cref="Start"/>, <see cref="Stop"/> and <see cref="Poll"/> belong to the
    /// application's controlling thread; only one loop runs at a time.
    /// </remarks>
    public sealed class CoapServer
    {
        // The server keeps no copy of its options: each size lives in what it sized, read back by Options.
        private readonly int _receivePollMilliseconds;

        // The message layer wires the layers above it (they refer to each other) and keeps the transport,
        // the clock, the counters and a client sharing them: the server reaches all of those through it.
        private readonly MessageLayer _messages;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly CoapResource _wellKnownCore;
        private CoapResource[] _resourceTable = new CoapResource[0];
        private readonly LoopThread _loop = new LoopThread();
        private int _signals;
        private int _servicedSignals = -1;

        /// <summary>
        /// Creates a server on <paramref name="transport"/>, timed by <paramref name="clock"/>, drawing
        /// Message IDs and retransmission jitter from <paramref name="random"/>, sized by
        /// <paramref name="options"/> (defaults when null; checked, see <see cref="CoapServerOptions.Validate"/>).
        /// </summary>
        public CoapServer(ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapServerOptions options)
        {
            if (transport == null || clock == null || random == null)
            {
                throw new ArgumentNullException(transport == null ? "transport" : (clock == null ? "clock" : "random"));
            }

            CoapServerOptions sizes = options == null ? new CoapServerOptions() : options.Copy();
            sizes.Validate();
            if (transport.MaxEndpointLength < 1 || transport.MaxEndpointLength > CoapEndpoint.MaxLength)
            {
                throw new ArgumentOutOfRangeException("transport", "MaxEndpointLength must be from 1 to 32");
            }

            _receivePollMilliseconds = sizes.ReceivePollMilliseconds;
            CoapResponse response = new CoapResponse(sizes.MaxResponseSize, sizes.MaxResponseOptions, sizes.ResponseOptionBytes, sizes.BlockSize);
            _messages = new MessageLayer(this, transport, clock, random, sizes, new CoapServerCounters(), response);
            PeerSlots peers = new PeerSlots(sizes.MaxObservers + sizes.MaxSeparateResponses, _messages.EndpointCapacity);
            SeparateResponseTable separateTable = new SeparateResponseTable(sizes.MaxSeparateResponses, peers);
            ObserveLayer observe = new ObserveLayer(sizes, _messages, random, peers);
            SeparateResponder separate = new SeparateResponder(_messages, separateTable);
            RequestDispatcher dispatcher = new RequestDispatcher(_messages);
            _messages.Connect(dispatcher, observe, separate);
            if (sizes.Discovery)
            {
                _wellKnownCore = new WellKnownCore();
                _wellKnownCore.Attach(this, -1, sizes.MaxRequestSize);
            }
        }

        /// <summary>What the server has done so far; readable from any thread.</summary>
        public CoapServerCounters Counters
        {
            get { return _messages.Counters; }
        }

        /// <summary>
        /// The options the server was sized with, as a new object (read back from the buffers and tables
        /// they sized: changing the options given, or this object, has no effect on the server).
        /// </summary>
        public CoapServerOptions Options
        {
            get
            {
                CoapServerOptions options = new CoapServerOptions();
                _messages.CopySizesTo(options);
                options.Discovery = _wellKnownCore != null;
                options.ReceivePollMilliseconds = _receivePollMilliseconds;
                return options;
            }
        }

        /// <summary>An optional log of exchanges and of what the server sends on its own; null (the default) costs nothing.</summary>
        public ICoapServerTrace Trace
        {
            get { return _messages.Trace; }
            set { _messages.Trace = value; }
        }

        /// <summary>
        /// Who may send POST, PUT and DELETE (<see cref="CoapWritePolicy"/>); others get 4.03 Forbidden
        /// before any resource sees the request. Null (the default) lets everyone write. Set it before
        /// <see cref="Start"/>.
        /// </summary>
        public CoapWritePolicy WritePolicy { get; set; }

        /// <summary>Number of registered resources.</summary>
        public int ResourceCount
        {
            get { return _resourceTable.Length; }
        }

        /// <summary>True while the loop thread runs (also while a <see cref="Stop"/> that timed out waits for it).</summary>
        public bool IsRunning
        {
            get { return _loop.IsRunning; }
        }

        /// <summary>The resource registered <paramref name="index"/>-th (0-based).</summary>
        public CoapResource GetResource(int index)
        {
            return _resourceTable[index];
        }

        /// <summary>
        /// Registers a resource; do it before <see cref="Start"/>. A second resource on the same path is
        /// refused, and so are link attributes that are not printable ASCII. The resource's link for
        /// discovery is encoded now, from its attributes as they are now. A resource at
        /// ".well-known/core" replaces the built-in discovery resource.
        /// </summary>
        public void Add(CoapResource resource)
        {
            if (resource == null)
            {
                throw new ArgumentNullException("resource");
            }

            for (int i = 0; i < _resourceTable.Length; i++)
            {
                if (_resourceTable[i].Path == resource.Path)
                {
                    throw new ArgumentException("a resource is already registered at " + resource.Path);
                }
            }

            // Registration happens at start-up only: the table grows by one each time.
            resource.Attach(this, _resourceTable.Length, _messages.MaxRequestSize);

            CoapResource[] table = new CoapResource[_resourceTable.Length + 1];
            Array.Copy(_resourceTable, table, _resourceTable.Length);
            table[_resourceTable.Length] = resource;
            _resourceTable = table;
        }

        /// <summary>Starts the loop on its own thread. Throws when a loop is running (also one that a timed-out <see cref="Stop"/> left ending).</summary>
        public void Start()
        {
            _loop.Start(RunLoop);
        }

        /// <summary>
        /// Asks the loop to stop, wakes it and waits up to <paramref name="timeoutMilliseconds"/>. True when
        /// it has ended (or never ran); false when it is still finishing a handler: it ends on its own,
        /// and <see cref="Stop"/> may be called again to wait longer. Call it from the controlling thread,
        /// not from a handler (the loop would wait for itself).
        /// </summary>
        public bool Stop(int timeoutMilliseconds)
        {
            if (_loop.RequestStop())
            {
                Signal();
            }

            return _loop.Join(timeoutMilliseconds);
        }

        /// <summary>
        /// Runs one turn of the loop on the calling thread, for hosts that drive the server themselves
        /// and for tests: waits up to <paramref name="timeoutMilliseconds"/> for a datagram and answers
        /// it, then sends what is due (notifications, retransmissions, separate responses). True when a
        /// datagram was handled. Throws when the loop thread is running.
        /// </summary>
        public bool Poll(int timeoutMilliseconds)
        {
            _loop.Enter();
            try
            {
                return Turn(timeoutMilliseconds < 0 ? 0 : timeoutMilliseconds);
            }
            finally
            {
                _loop.Exit();
            }
        }

        /// <summary>Wakes the loop to look at its work (a change, a ready response, a stop); any thread, never blocks.</summary>
        internal void Signal()
        {
            Interlocked.Increment(ref _signals);
            if (_loop.IsCurrentThread)
            {
                // From a handler on the loop thread: the loop looks at its work as soon as this turn's
                // datagram is answered, so waking it would only cost a wake-up datagram.
                return;
            }

            _messages.Transport.Wake();
            _wake.Set();
        }

        /// <summary>
        /// Counts as a signal without waking anyone, so the next service looks at every observer: for
        /// the loop thread, which services right after the datagram it is handling (a registration or
        /// an acknowledgement that lets a waiting change go out, RFC 7641 §4.5.1).
        /// </summary>
        internal void Rescan()
        {
            Interlocked.Increment(ref _signals);
        }

        /// <summary>The transport, for a client that shares it.</summary>
        internal ICoapTransport Transport
        {
            get { return _messages.Transport; }
        }

        /// <summary>The clock, for a client that shares the loop.</summary>
        internal ICoapClock Clock
        {
            get { return _messages.Clock; }
        }

        /// <summary>
        /// Shares the loop and transport with <paramref name="sink"/> (a client): the message layer offers
        /// it what the server does not match, and each turn gives it its time. Before <see cref="Start"/>, once.
        /// </summary>
        internal void Attach(ICoapMessageSink sink)
        {
            if (_messages.Sink != null || _loop.IsBusy)
            {
                throw new InvalidOperationException("a client is attached only once, before the server runs");
            }

            _messages.Sink = sink;
        }

        /// <summary>The next Message ID of the server's counter, for a client sharing the transport (RFC 7252 §4.4: one sequence per endpoint).</summary>
        internal ushort NextMessageId()
        {
            return _messages.NextMessageId();
        }

        /// <summary>Marks a deferred response ready (see <see cref="CoapResource.SeparateReady"/>).</summary>
        internal bool SeparateReady(int ticket)
        {
            if (!_messages.Separate.MarkReady(ticket))
            {
                return false;
            }

            Signal();
            return true;
        }

        /// <summary>The resource whose path the request's Uri-Path options name (a registered one before the built-in /.well-known/core), or null.</summary>
        internal CoapResource FindResource(CoapMessage request)
        {
            CoapResource[] table = _resourceTable;
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].MatchesPath(request))
                {
                    return table[i];
                }
            }

            return _wellKnownCore != null && _wellKnownCore.MatchesPath(request) ? _wellKnownCore : null;
        }

        /// <summary>The resource at registry index <paramref name="index"/>.</summary>
        internal CoapResource ResourceAt(int index)
        {
            return _resourceTable[index];
        }

        private void RunLoop()
        {
            try
            {
                while (!_loop.StopRequested)
                {
                    try
                    {
                        Turn(NextWait());
                    }
                    catch (Exception)
                    {
                        // The loop survives anything (design: no exception escapes a receive loop), and
                        // a transport that keeps throwing is retried once per poll interval, not in a spin.
                        _messages.Counters.Increment(CoapServerCounters.LoopFaultsIndex);
                        _wake.WaitOne(_receivePollMilliseconds, false);
                    }
                }
            }
            finally
            {
                _loop.Exit();
            }
        }

        // Receives (waiting at most timeoutMilliseconds), then sends what is due.
        private bool Turn(int timeoutMilliseconds)
        {
            ICoapClock clock = _messages.Clock;
            long start = clock.NowMilliseconds;
            int signals = Interlocked.CompareExchange(ref _signals, 0, 0);
            bool received = _messages.ReceiveOne(timeoutMilliseconds);
            if (!received && timeoutMilliseconds > 0)
            {
                // A transport may return early (socket error, network down, nothing to wait on): wait
                // out the rest of the timeout unless something woke us, so the loop never spins.
                long elapsed = clock.NowMilliseconds - start;
                if (elapsed >= 0 && elapsed < timeoutMilliseconds && Interlocked.CompareExchange(ref _signals, 0, 0) == signals)
                {
                    _wake.WaitOne((int)(timeoutMilliseconds - elapsed), false);
                }
            }

            ServiceDue();
            return received;
        }

        private void ServiceDue()
        {
            long now = _messages.Clock.NowMilliseconds;
            int signals = Interlocked.CompareExchange(ref _signals, 0, 0);
            _messages.ServiceDue(signals != _servicedSignals, now);

            // Marked serviced only once everything was serviced: after a fault (the loop survives it) the
            // next turn looks at every observer again, so no signalled change is lost.
            _servicedSignals = signals;
        }

        // How long the next receive may wait: the poll interval, or less when a retransmission is due
        // sooner, or nothing when a signal came in since the last service.
        private int NextWait()
        {
            if (Interlocked.CompareExchange(ref _signals, 0, 0) != _servicedSignals)
            {
                return 0;
            }

            int wait = _receivePollMilliseconds;
            long now = _messages.Clock.NowMilliseconds;
            long next = _messages.TimeToNextDeadline(now);
            if (next >= 0 && next < wait)
            {
                wait = (int)next;
            }

            ICoapMessageSink sink = _messages.Sink;
            next = sink == null ? -1 : sink.TimeToNextDeadline(now);
            if (next >= 0 && next < wait)
            {
                wait = (int)next;
            }

            return wait;
        }
    }
}
