using System;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A CoAP client (RFC 7252, with Observe, RFC 7641, and block-wise transfers, RFC 7959) on any
    /// <see cref="ICoapTransport"/> of its own. Every buffer and table is allocated here; sending requests, receiving responses and notifications
    /// allocate nothing afterwards. Network conditions end a request with a <see cref="CoapClientResult"/>,
    /// never an exception.
    /// </summary>
    /// <remarks>
    /// Threading, as the server's: one loop thread sends everything the client sends and runs every
    /// <see cref="ICoapResponseHandler"/>: the client's thread (<see cref="Start"/>), or whichever thread
    /// calls <see cref="Poll"/> or is blocked in <see cref="Request"/> while no other runs the loop.
    /// Any thread may call <see cref="Send"/>, <see cref="Request"/>, <see cref="Cancel"/> and
    /// <see cref="StopObserving"/>, and read <see cref="Counters"/> and a request's results: they hand
    /// work over under a short lock or with <see cref="Interlocked"/> and wake the loop.
    /// </remarks>
    public sealed class CoapClient
    {
        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly CoapClientOptions _options;
        private readonly CoapClientCounters _counters = new CoapClientCounters();
        private readonly ClientMessageLayer _messages;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly int _pollMilliseconds;
        private readonly LoopThread _loop = new LoopThread();
        private int _signals;
        private int _servicedSignals = -1;

        /// <summary>
        /// A client on a transport of its own, timed by <paramref name="clock"/>, drawing Message IDs,
        /// tokens and retransmission jitter from <paramref name="random"/>, sized by <paramref name="options"/>
        /// (defaults when null; checked, see <see cref="CoapClientOptions.Validate"/>).
        /// </summary>
        public CoapClient(ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapClientOptions options)
        {
            if (transport == null || clock == null || random == null)
            {
                throw new ArgumentNullException(transport == null ? "transport" : (clock == null ? "clock" : "random"));
            }

            _transport = transport;
            _clock = clock;
            _options = options == null ? new CoapClientOptions() : options.Copy();
            _options.Validate();
            _pollMilliseconds = _options.ReceivePollMilliseconds;
            _messages = new ClientMessageLayer(transport, clock, random, _options, _counters);
        }

        /// <summary>What the client has done so far; readable from any thread.</summary>
        public CoapClientCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>
        /// OSCORE (RFC 8613) for the requests that name a security context (<see cref="CoapRequest.SecurityContext"/>),
        /// for example Coap.Micro.Oscore's OscoreClientSecurity; null (the default): none. Set once, before the loop
        /// runs (<see cref="Start"/>, <see cref="Request"/> or <see cref="Poll"/>); its buffers are made then.
        /// </summary>
        public ICoapClientSecurity Security
        {
            get { return _messages.Security; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                if (_messages.Security != null || _loop.IsRunning)
                {
                    throw new InvalidOperationException("Security is set once, before the client runs");
                }

                _messages.Security = value;
            }
        }

        /// <summary>A copy of the options the client was sized with.</summary>
        public CoapClientOptions Options
        {
            get { return _options.Copy(); }
        }

        /// <summary>True while the client's own loop thread runs.</summary>
        public bool IsRunning
        {
            get { return _loop.IsRunning; }
        }

        /// <summary>
        /// Sends <paramref name="request"/> and returns at once: <see cref="CoapClientResult.Pending"/>, or
        /// why it was not sent (<see cref="CoapClientResult.Busy"/>, <see cref="CoapClientResult.TableFull"/>,
        /// <see cref="CoapClientResult.InvalidRequest"/>). Its <see cref="CoapRequest.Handler"/> is told of
        /// each response and of the end; or poll <see cref="CoapRequest.IsPending"/> and its results.
        /// Any thread; allocates nothing.
        /// </summary>
        public CoapClientResult Send(CoapRequest request)
        {
            CoapClientResult result = Submit(request);

            // From the loop thread itself (a handler) there is nothing to wake: the loop looks for
            // submissions before it waits again.
            if (result == CoapClientResult.Pending && !_messages.InTurn)
            {
                Signal();
            }

            return result;
        }

        /// <summary>
        /// Sends <paramref name="request"/> and waits up to <paramref name="timeoutMilliseconds"/> for it to
        /// end, or for an observation's first notification: returns its result (<see cref="CoapClientResult.Response"/>
        /// when it got one). When the wait runs out the request is ended with <see cref="CoapClientResult.Timeout"/>.
        /// With no loop running, the calling thread runs the loop meanwhile.
        /// Not from the loop thread (a handler): that returns <see cref="CoapClientResult.WrongThread"/>.
        /// </summary>
        public CoapClientResult Request(CoapRequest request, int timeoutMilliseconds)
        {
            if (_messages.InTurn)
            {
                return CoapClientResult.WrongThread;
            }

            CoapClientResult sent = Submit(request);
            if (sent != CoapClientResult.Pending)
            {
                return sent;
            }

            if (!WaitFor(request, timeoutMilliseconds, false))
            {
                // Ended by the loop with Timeout; wait a little for that, so the request is idle on return.
                Interlocked.CompareExchange(ref request.Exchange.Cancel, ExchangeState.CancelTimedOut, ExchangeState.NoCancel);
                Signal();
                WaitFor(request, 1000, true);
                return CoapClientResult.Timeout;
            }

            CoapClientResult result = request.Result;
            return result == CoapClientResult.Pending ? CoapClientResult.Response : result;
        }

        /// <summary>
        /// Ends <paramref name="request"/> with <see cref="CoapClientResult.Cancelled"/> on the loop's next
        /// turn; a late response is rejected. An observation is forgotten: its next notification is answered
        /// with RST (RFC 7641 §3.6). Any thread; nothing when it is not pending.
        /// </summary>
        public void Cancel(CoapRequest request)
        {
            if (request != null && request.IsPending)
            {
                Interlocked.CompareExchange(ref request.Exchange.Cancel, ExchangeState.CancelNow, ExchangeState.NoCancel);
                Signal();
            }
        }

        /// <summary>
        /// Deregisters an observation by a GET with Observe 1 and its token (RFC 7641 §3.6); it ends with
        /// <see cref="CoapClientResult.Cancelled"/> when the server answers (or does not). Not established
        /// yet: cancelled. Any thread; false when it is not pending.
        /// </summary>
        public bool StopObserving(CoapRequest request)
        {
            if (request == null || !request.IsPending)
            {
                return false;
            }

            Interlocked.CompareExchange(ref request.Exchange.Cancel, ExchangeState.CancelDeregister, ExchangeState.NoCancel);
            Signal();
            return true;
        }

        /// <summary>Starts the client's loop on its own thread. Throws when a loop is running.</summary>
        public void Start()
        {
            _loop.Start(RunLoop);
        }

        /// <summary>
        /// Asks the loop thread to stop, wakes it and waits up to <paramref name="timeoutMilliseconds"/>:
        /// true when it has ended (or never ran). Requests in progress stay so until a loop runs again.
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
        /// Runs one turn of the loop on the calling thread: waits up to <paramref name="timeoutMilliseconds"/>
        /// for a datagram and handles it, then sends what is due. True when a datagram was handled. Throws
        /// while another thread runs the loop.
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

        // Validates and queues a request for the loop, without waking it.
        private CoapClientResult Submit(CoapRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }

            bool observe = request.Observe;
            int context = request.SecurityContext;
            if (request.Endpoint.Length == 0 || !CoapCode.IsRequest(request.Method) || (observe && !RequestWriter.RepeatsForBlocks(request.Method))
                || (context >= 0 && (_messages.Security == null || !_messages.Security.HasContext(context))))
            {
                return CoapClientResult.InvalidRequest;
            }

            if (!request.TryBegin())
            {
                return CoapClientResult.Busy;
            }

            int blockSzx = request.BlockSize > 0 ? BlockOption.SzxOf(request.BlockSize) : -1;
            int block1Szx = blockSzx >= 0 && request.SendPayloadLength > request.BlockSize ? blockSzx : -1;
            request.Exchange.Reset(observe ? ExchangeState.Register : ExchangeState.Plain, ClientRequestLayer.InitialBlock2Szx(request), block1Szx);
            if (!_messages.Exchanges.Submit(request))
            {
                request.Refuse(CoapClientResult.TableFull);
                return CoapClientResult.TableFull;
            }

            return CoapClientResult.Pending;
        }

        // True when the request ended, or an observation got its first notification, within the time.
        // A thread that finds no loop running runs it; else it wakes the loop (once) and waits.
        private bool WaitFor(CoapRequest request, int timeoutMilliseconds, bool signalled)
        {
            long deadline = _clock.NowMilliseconds + (timeoutMilliseconds < 0 ? 0 : timeoutMilliseconds);
            while (request.IsPending && !(request.Observe && request.Responses > 0))
            {
                long remaining = deadline - _clock.NowMilliseconds;
                if (remaining <= 0)
                {
                    return false;
                }

                int wait = remaining > int.MaxValue ? int.MaxValue : (int)remaining;
                if (_loop.TryEnter())
                {
                    // No loop runs: this thread runs it meanwhile.
                    try
                    {
                        int next = NextWait();
                        Turn(next < wait ? next : wait);
                    }
                    finally
                    {
                        _loop.Exit();
                    }
                }
                else
                {
                    if (!signalled)
                    {
                        Signal();
                        signalled = true;
                    }

                    request.Changed.WaitOne(wait < _pollMilliseconds ? wait : _pollMilliseconds, false);
                }
            }

            return true;
        }

        // Wakes the loop to look at its work; any thread, never blocks.
        private void Signal()
        {
            Interlocked.Increment(ref _signals);
            _transport.Wake();
            _wake.Set();
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
                        // Nothing escapes the loop; a transport that keeps throwing is retried once per poll interval.
                        _counters.Increment(CoapClientCounters.LoopFaultsIndex);
                        _wake.WaitOne(_pollMilliseconds, false);
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
            Thread previous = _messages.EnterTurn();
            try
            {
                long start = _clock.NowMilliseconds;
                int signals = Interlocked.CompareExchange(ref _signals, 0, 0);
                bool received = _messages.ReceiveOne(timeoutMilliseconds);
                if (!received && timeoutMilliseconds > 0)
                {
                    // A transport that returns early must not make the loop spin: wait out the rest unless woken.
                    long elapsed = _clock.NowMilliseconds - start;
                    if (elapsed >= 0 && elapsed < timeoutMilliseconds && Interlocked.CompareExchange(ref _signals, 0, 0) == signals)
                    {
                        _wake.WaitOne((int)(timeoutMilliseconds - elapsed), false);
                    }
                }

                _servicedSignals = Interlocked.CompareExchange(ref _signals, 0, 0);
                _messages.Service(_clock.NowMilliseconds);
                return received;
            }
            finally
            {
                _messages.LeaveTurn(previous);
            }
        }

        // The poll interval, or less when something is due sooner, or nothing when a signal came in.
        private int NextWait()
        {
            if (Interlocked.CompareExchange(ref _signals, 0, 0) != _servicedSignals)
            {
                return 0;
            }

            int wait = _pollMilliseconds;
            long next = _messages.TimeToNextDeadline(_clock.NowMilliseconds);
            if (next >= 0 && next < wait)
            {
                wait = (int)next;
            }

            return wait;
        }
    }
}
