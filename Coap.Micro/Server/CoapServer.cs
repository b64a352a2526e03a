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
        // The server composes the layers, bottom up: the message layer (its tables, the loop's signal),
        // the request layer (the resources, the dispatcher, separate responses) and Observe. Each lower
        // layer reaches an upper one only through an interface of its own (ICoapRequestHandler,
        // IConfirmableOwner, IObserveRegistrar); the server keeps no copy of its options.
        private readonly int _receivePollMilliseconds;
        private readonly MessageLayer _messages;
        private readonly ResourceRegistry _resources;
        private readonly RequestDispatcher _dispatcher;
        private readonly SeparateResponder _separate;
        private readonly ObserveLayer _observe;
        private readonly LoopSignal _signal;
        private readonly ICoapClock _clock;

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
            _clock = clock;
            CoapResponse response = new CoapResponse(sizes.MaxResponseSize, sizes.MaxResponseOptions, sizes.ResponseOptionBytes, sizes.BlockSize);

            // Observers have the first slots of the peer and retransmission tables, separate responses the rest.
            PeerSlots peers = new PeerSlots(sizes.MaxObservers + sizes.MaxSeparateResponses, transport.MaxEndpointLength);
            _messages = new MessageLayer(transport, clock, random, sizes, new CoapServerCounters(), response.Buffer, peers);
            _signal = new LoopSignal(transport, new LoopThread());
            SeparateResponseTable separateTable = new SeparateResponseTable(sizes.MaxSeparateResponses, peers);
            _resources = new ResourceRegistry(_signal, separateTable);
            _dispatcher = new RequestDispatcher(_messages, response, _resources, separateTable);
            _separate = new SeparateResponder(_messages, response, _resources, separateTable, sizes.MaxObservers);
            _observe = new ObserveLayer(sizes, _messages, response, _dispatcher.Conditional, _resources, random, peers);
            _dispatcher.Connect(_observe);
            _messages.Connect(_dispatcher, _observe, sizes.MaxObservers, _separate);
            if (sizes.Discovery)
            {
                _resources.AddDiscovery(sizes.MaxRequestSize);
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
                _dispatcher.Response.CopySizesTo(options);
                _observe.CopySizesTo(options);
                options.MaxSeparateResponses = _separate.Capacity;
                options.Discovery = _resources.Discovery;
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
        public CoapWritePolicy WritePolicy
        {
            get { return _dispatcher.WritePolicy; }
            set { _dispatcher.WritePolicy = value; }
        }

        /// <summary>
        /// OSCORE (RFC 8613) for this server, from Coap.Micro.Oscore; null (the default) serves plain CoAP only and
        /// refuses a protected request with 4.02 Bad Option. Set it once, before <see cref="Start"/>.
        /// </summary>
        public ICoapMessageSecurity Security
        {
            get { return _messages.Security; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                if (_messages.Security != null)
                {
                    throw new InvalidOperationException("Security is set once");
                }

                _messages.Secure(value);
            }
        }

        /// <summary>
        /// True: PUT, POST and DELETE are taken only with OSCORE; others get 4.01 Unauthorized "OSCORE required"
        /// before the <see cref="WritePolicy"/>, which still applies. False by default. Set it before <see cref="Start"/>.
        /// </summary>
        public bool RequireProtectedWrites
        {
            get { return (_dispatcher.ProtectionRequired & RequestChecks.ProtectedWrites) != 0; }
            set { SetRequirement(RequestChecks.ProtectedWrites, value); }
        }

        /// <summary>
        /// True: GET is taken only with OSCORE (4.01 Unauthorized "OSCORE required" otherwise), except on the
        /// built-in /.well-known/core. False by default. Set it before <see cref="Start"/>.
        /// </summary>
        public bool RequireProtectedReads
        {
            get { return (_dispatcher.ProtectionRequired & RequestChecks.ProtectedReads) != 0; }
            set { SetRequirement(RequestChecks.ProtectedReads, value); }
        }

        /// <summary>Number of registered resources.</summary>
        public int ResourceCount
        {
            get { return _resources.Count; }
        }

        /// <summary>True while the loop thread runs (also while a <see cref="Stop"/> that timed out waits for it).</summary>
        public bool IsRunning
        {
            get { return _signal.Loop.IsRunning; }
        }

        /// <summary>The resource registered <paramref name="index"/>-th (0-based).</summary>
        public CoapResource GetResource(int index)
        {
            return _resources.At(index);
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

            // Registration happens at start-up only: the registry grows by one each time.
            _resources.Add(resource, _messages.MaxRequestSize);
        }

        /// <summary>Starts the loop on its own thread. Throws when a loop is running (also one that a timed-out <see cref="Stop"/> left ending).</summary>
        public void Start()
        {
            _signal.Loop.Start(RunLoop);
        }

        /// <summary>
        /// Asks the loop to stop, wakes it and waits up to <paramref name="timeoutMilliseconds"/>. True when
        /// it has ended (or never ran); false when it is still finishing a handler: it ends on its own,
        /// and <see cref="Stop"/> may be called again to wait longer. Call it from the controlling thread,
        /// not from a handler (the loop would wait for itself).
        /// </summary>
        public bool Stop(int timeoutMilliseconds)
        {
            if (_signal.Loop.RequestStop())
            {
                _signal.Signal();
            }

            return _signal.Loop.Join(timeoutMilliseconds);
        }

        /// <summary>
        /// Runs one turn of the loop on the calling thread, for hosts that drive the server themselves
        /// and for tests: waits up to <paramref name="timeoutMilliseconds"/> for a datagram and answers
        /// it, then sends what is due (notifications, retransmissions, separate responses). True when a
        /// datagram was handled. Throws when the loop thread is running.
        /// </summary>
        public bool Poll(int timeoutMilliseconds)
        {
            _signal.Loop.Enter();
            try
            {
                return Turn(timeoutMilliseconds < 0 ? 0 : timeoutMilliseconds);
            }
            finally
            {
                _signal.Loop.Exit();
            }
        }

        private void SetRequirement(int bit, bool required)
        {
            int flags = _dispatcher.ProtectionRequired;
            _dispatcher.ProtectionRequired = required ? flags | bit : flags & ~bit;
        }

        private void RunLoop()
        {
            try
            {
                while (!_signal.Loop.StopRequested)
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
                        _signal.Wait(_receivePollMilliseconds);
                    }
                }
            }
            finally
            {
                _signal.Loop.Exit();
            }
        }

        // Receives (waiting at most timeoutMilliseconds), then sends what is due.
        private bool Turn(int timeoutMilliseconds)
        {
            // Read only for a receive that may wait (a call each on nanoFramework).
            ICoapClock clock = null;
            long start = 0;
            int signals = 0;
            if (timeoutMilliseconds > 0)
            {
                clock = _messages.Clock;
                start = clock.NowMilliseconds;
                signals = Interlocked.CompareExchange(ref _signal._signals, 0, 0);
            }

            bool received = _messages.ReceiveOne(timeoutMilliseconds);
            if (!received && timeoutMilliseconds > 0)
            {
                // A transport may return early (socket error, network down, nothing to wait on): wait
                // out the rest of the timeout unless something woke us, so the loop never spins.
                long elapsed = clock.NowMilliseconds - start;
                if (elapsed >= 0 && elapsed < timeoutMilliseconds && Interlocked.CompareExchange(ref _signal._signals, 0, 0) == signals)
                {
                    _signal.Wait((int)(timeoutMilliseconds - elapsed));
                }
            }

            ServiceDue();
            return received;
        }

        private void ServiceDue()
        {
            long now = _clock.NowMilliseconds;
            LoopSignal signal = _signal;
            int signals = Interlocked.CompareExchange(ref signal._signals, 0, 0);
            bool signalled = signals != signal._serviced;

            // Everything the server sends on its own: retransmissions, separate responses marked ready,
            // notifications (of changes, when something was signalled since the last time, and refreshes).
            // Each is looked at only when it may have work: a turn with none makes no call for it.
            if (_messages.AnyDue(now))
            {
                _messages.ServiceRetransmissions(now);
            }

            // A request to a multicast group whose leisure is over (RFC 7252 §8.2).
            byte[] group = _messages._group;
            if (group != null && group[MessageLayer.GroupWaitingAt] != 0 && _messages.TimeToGroupAnswer(now) <= 0)
            {
                _messages.AnswerGroupRequest(now);
            }

            if (_separate._table._ready != 0)
            {
                _separate.Service(now);
            }

            if (signalled || now >= _observe._nextRefresh)
            {
                _observe.Service(signalled, now);
            }

            // Marked serviced only once everything was serviced: after a fault (the loop survives it) the
            // next turn looks at every observer again, so no signalled change is lost.
            signal._serviced = signals;
        }

        // How long the next receive may wait: the poll interval, or less when a retransmission or an
        // Observe refresh is due sooner, or nothing when a signal came in since the last service.
        private int NextWait()
        {
            if (Interlocked.CompareExchange(ref _signal._signals, 0, 0) != _signal._serviced)
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

            // A request to a multicast group waiting out its leisure.
            byte[] group = _messages._group;
            if (group != null && group[MessageLayer.GroupWaitingAt] != 0)
            {
                int left = _messages.TimeToGroupAnswer(now);
                if (left < wait)
                {
                    wait = left < 0 ? 0 : left;
                }
            }

            // An Observe relation's refresh before its Max-Age runs out (RFC 7641 §4.3.1).
            next = _observe.TimeToNextRefresh(now);
            if (next >= 0 && next < wait)
            {
                wait = (int)next;
            }

            return wait;
        }
    }
}
