using System;
using System.Threading;
using Coap.Micro;
using ThermoDev.Supervision;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// Keeps a device registered with a CoRE Resource Directory (RFC 9176): finds the RD's registration
    /// interface (§4.3), registers the device's links under its endpoint name (§5), updates the registration
    /// before its lifetime ends (§5.3.1), registers anew when the RD has lost it (a 4.xx answer to an update),
    /// waits longer and longer (with jitter, up to a bound) while the RD cannot be reached, and removes the
    /// registration when asked (§5.3.2). Each step and each fault is one line in the <see cref="ILogSink"/>.
    /// </summary>
    /// <remarks>
    /// Driven by <see cref="Step"/>: on its own thread (<see cref="Start"/>, <see cref="Stop"/>) or by the
    /// caller. It owns the <see cref="CoapClient"/> it is given: the client's loop runs in the blocking
    /// requests made here, so nobody else may send on it. The requests, their paths and their buffers are made
    /// here once; an update allocates nothing. The registration leaves from the client's port, not the
    /// server's, so <see cref="RegistrationSettings.BaseUri"/> should say where the links are.
    /// </remarks>
    public sealed class ResourceDirectoryRegistration : ICoapResponseHandler
    {
        /// <summary>Longest single wait <see cref="Step"/> returns, ms (it is called again then).</summary>
        public const int MaxWaitMilliseconds = 3600000;

        private const int LookupResponseBytes = 512;
        private const int ResponseBytes = 128;
        private const int PathBytes = 256;

        private static readonly byte[] EndpointKey = Ascii.Bytes("ep=");
        private static readonly byte[] LifetimeKey = Ascii.Bytes("lt=");
        private static readonly byte[] BaseKey = Ascii.Bytes("base=");

        // Log text, kept in fields: a string literal allocates each time it is evaluated on nanoFramework.
        private static readonly string LookupPath = "/.well-known/core?rt=core.rd";
        private static readonly string RegisteredText = "Registered with ";
        private static readonly string AsText = " as ";
        private static readonly string LifetimeText = ", lifetime ";
        private static readonly string SecondsText = " s";
        private static readonly string TheRdText = "The RD ";
        private static readonly string RdText = "RD ";
        private static readonly string UpdateLostText = " answered the update ";
        private static readonly string RegisteringAnewText = ": registering anew";
        private static readonly string NotListedText = " did not list its registration interface (";
        private static readonly string NoInterfaceText = " lists no registration interface (rt=core.rd)";
        private static readonly string RefusedRegistrationText = " refused the registration (";
        private static readonly string RefusedUpdateText = " refused the update (";
        private static readonly string RemovedText = "Removed the registration from ";
        private static readonly string RegistrationWithText = "The registration with ";
        private static readonly string NotRemovedText = " could not be removed: ";
        private static readonly string ClosingText = ")";
        private static readonly string RetryingText = ", retrying in ";
        private static readonly string NoAnswerText = " unreachable (no answer)";
        private static readonly string ResetText = " unreachable (reset)";
        private static readonly string NotAskedText = " not asked (client result ";
        private static readonly string FoundText = "Found the RD ";
        private static readonly string ByMulticastText = " by multicast";
        private static readonly string NoneAnsweredText = " (multicast): no RD answered GET /.well-known/core?rt=core.rd";
        private static readonly string SchemeText = "coap://";
        private static readonly string ColonText = ":";

        private readonly CoapClient _client;
        private readonly ICoapClock _clock;
        private readonly ICoapRandom _random;
        private readonly ILogSink _log;
        private readonly RegistrationSettings _settings;
        private readonly byte[] _links;
        private readonly byte[] _endpointQuery;
        private readonly byte[] _lifetimeQuery;
        private readonly byte[] _baseQuery;
        private readonly CoapRequest _lookup;
        private readonly CoapRequest _register;
        private readonly CoapRequest _update;
        private readonly CoapRequest _remove;
        private readonly CoapPath _registerPath = new CoapPath(PathBytes);
        private readonly CoapPath _location = new CoapPath(PathBytes);
        private readonly MulticastDirectoryFinder _finder;
        private readonly CoapEndpoint _found = new CoapEndpoint();
        private string _directoryText;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private RegistrationState _state = RegistrationState.Finding;
        private long _dueAt;
        private long _expiresAt;
        private int _failures;
        private int _registrations;
        private int _updates;
        private int _stopping;
        private Thread _thread;

        /// <summary>
        /// A registration of <paramref name="links"/> (link-format, see <see cref="DirectoryLinks.Encode"/>) with
        /// the RD at <paramref name="directory"/>, through <paramref name="client"/>, which it then owns. Nothing
        /// is sent before the first <see cref="Step"/>.
        /// </summary>
        public ResourceDirectoryRegistration(CoapClient client, CoapEndpoint directory, byte[] links, RegistrationSettings settings,
            ICoapClock clock, ICoapRandom random, ILogSink log)
            : this(client, directory, null, links, settings, clock, random, log)
        {
        }

        /// <summary>
        /// A registration with the first RD that answers a multicast discovery through <paramref name="finder"/>
        /// (made on the client's own transport, RFC 9176 §4.1); it is looked for again whenever the RD cannot be reached.
        /// </summary>
        public ResourceDirectoryRegistration(CoapClient client, MulticastDirectoryFinder finder, byte[] links, RegistrationSettings settings,
            ICoapClock clock, ICoapRandom random, ILogSink log)
            : this(client, null, finder, links, settings, clock, random, log)
        {
        }

        private ResourceDirectoryRegistration(CoapClient client, CoapEndpoint directory, MulticastDirectoryFinder finder, byte[] links,
            RegistrationSettings settings, ICoapClock clock, ICoapRandom random, ILogSink log)
        {
            if (client == null || (directory == null && finder == null) || links == null || settings == null || clock == null || random == null || log == null)
            {
                throw new ArgumentNullException(client == null ? "client" : directory == null && finder == null ? "directory" : links == null ? "links"
                    : settings == null ? "settings" : clock == null ? "clock" : random == null ? "random" : "log");
            }

            if (directory != null && directory.Length == 0)
            {
                throw new ArgumentException("the RD's endpoint is not set", "directory");
            }

            _finder = finder;
            _directoryText = settings.DirectoryText;
            if (directory != null)
            {
                _found.CopyFrom(directory);
            }

            settings.Validate();
            _client = client;
            _clock = clock;
            _random = random;
            _log = log;
            _settings = settings;
            _links = links;
            _endpointQuery = Query(EndpointKey, settings.EndpointName);
            _lifetimeQuery = Query(LifetimeKey, settings.LifetimeSeconds.ToString());
            _baseQuery = settings.BaseUri == null || settings.BaseUri.Length == 0 ? null : Query(BaseKey, settings.BaseUri);

            // GET /.well-known/core?rt=core.rd (§4.3).
            _lookup = NewRequest(_found, CoapCode.Get, LookupResponseBytes);
            _lookup.Path = new CoapPath(LookupPath);

            // POST <registration interface>?ep=...&lt=...&base=... with the links, Content-Format 40 (§5).
            _register = NewRequest(_found, CoapCode.Post, ResponseBytes);
            _register.Path = _registerPath;
            _register.SetPayload(links, 0, links.Length);
            _register.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.LinkFormat);

            // POST <registration resource>, empty (§5.3.1); DELETE <registration resource> (§5.3.2).
            _update = NewRequest(_found, CoapCode.Post, ResponseBytes);
            _update.Path = _location;
            _remove = NewRequest(_found, CoapCode.Delete, ResponseBytes);
            _remove.Path = _location;
        }

        /// <summary>Where the registration stands.</summary>
        public RegistrationState State
        {
            get { return _state; }
        }

        /// <summary>Failed steps in a row (0 after a success).</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Successful registrations (2.01) so far.</summary>
        public int Registrations
        {
            get { return _registrations; }
        }

        /// <summary>Successful updates (2.04) so far.</summary>
        public int Updates
        {
            get { return _updates; }
        }

        /// <summary>The registration resource the RD gave (Location-Path, §5); empty before the first registration.</summary>
        public CoapPath Location
        {
            get { return _location; }
        }

        /// <summary>The RD registered with: the one given, or the one found by multicast (unset until then).</summary>
        public CoapEndpoint Directory
        {
            get { return _found; }
        }

        /// <summary>The registration interface registered at (§4.3); empty until it is known.</summary>
        public CoapPath RegistrationPath
        {
            get { return _registerPath; }
        }

        /// <summary>The links registered: the payload of each registration.</summary>
        public byte[] Links
        {
            get { return _links; }
        }

        /// <summary>When the next step is due, in the clock's milliseconds.</summary>
        public long DueAt
        {
            get { return _dueAt; }
        }

        /// <summary>
        /// Does what is due now (find the RD, register or update; each a blocking request of at most
        /// <see cref="RegistrationSettings.RequestTimeoutMilliseconds"/>) and returns the milliseconds until
        /// the next step is due (at most <see cref="MaxWaitMilliseconds"/>). Not on the client's loop thread.
        /// </summary>
        public int Step()
        {
            if (_clock.NowMilliseconds >= _dueAt)
            {
                if (_state == RegistrationState.Finding)
                {
                    Find();
                }
                else if (_state == RegistrationState.Registering)
                {
                    Register();
                }
                else if (_state == RegistrationState.Registered)
                {
                    Update();
                }
                else
                {
                    return MaxWaitMilliseconds;
                }
            }

            long left = _dueAt - _clock.NowMilliseconds;
            return left <= 0 ? 0 : (left > MaxWaitMilliseconds ? MaxWaitMilliseconds : (int)left);
        }

        /// <summary>Runs <see cref="Step"/> on a thread of its own until <see cref="Stop"/>.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("started already");
            }

            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>
        /// Ends the thread (a request in progress is cancelled) and waits up to <paramref name="timeoutMilliseconds"/>
        /// for it; then, when <paramref name="remove"/> and registered, removes the registration (DELETE, §5.3.2),
        /// waiting as long again. True when the thread ended (and the removal, if asked for, was answered 2.02).
        /// </summary>
        public bool Stop(bool remove, int timeoutMilliseconds)
        {
            Interlocked.Exchange(ref _stopping, 1);
            _wake.Set();
            _client.Cancel(_lookup);
            _client.Cancel(_register);
            _client.Cancel(_update);
            if (_thread != null && !_thread.Join(timeoutMilliseconds))
            {
                return false;
            }

            bool registered = _state == RegistrationState.Registered;
            _state = RegistrationState.Stopped;
            return !remove || !registered || Remove(timeoutMilliseconds);
        }

        /// <inheritdoc/>
        public void Response(CoapRequest request, CoapMessage message)
        {
            // The registration resource is where the 2.01 points (Location-Path, RFC 9176 §5).
            if (request != _register || request.Code != CoapCode.Created)
            {
                return;
            }

            _location.Clear();
            for (int i = 0; i < message.OptionCount; i++)
            {
                if (message.GetOptionNumber(i) == CoapOption.LocationPath
                    && !_location.AddSegment(message.Buffer, message.GetOptionOffset(i), message.GetOptionLength(i)))
                {
                    _location.Clear();
                    return;
                }
            }
        }

        /// <inheritdoc/>
        public void Ended(CoapRequest request)
        {
        }

        private void Run()
        {
            while (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                int wait = Step();
                if (wait > 0)
                {
                    _wake.WaitOne(wait, false);
                }
            }
        }

        // §4.3: the registration interface, from the configuration or the RD's discovery; §4.1: the RD by multicast.
        private void Find()
        {
            if (_finder != null)
            {
                FindByMulticast();
                return;
            }

            string configured = _settings.RegistrationPath;
            if (configured != null && configured.Length > 0)
            {
                if (!_registerPath.Set(configured))
                {
                    throw new ArgumentException("not a valid path", "RegistrationPath");
                }

                ToRegistering();
                return;
            }

            CoapClientResult result = _client.Request(_lookup, _settings.RequestTimeoutMilliseconds);
            if (result != CoapClientResult.Response)
            {
                Fail(RequestFault(result));
            }
            else if (_lookup.Code != CoapCode.Content)
            {
                Fail(NotListedText, _lookup.Code);
            }
            else if (!DirectoryLinks.FindRegistrationInterface(_lookup.ResponseBuffer, _lookup.PayloadOffset, _lookup.PayloadLength, _registerPath))
            {
                Fail(NoInterfaceText, 0);
            }
            else
            {
                ToRegistering();
            }
        }

        private void FindByMulticast()
        {
            if (!_finder.Find(_settings.MulticastWaitMilliseconds, _found, _registerPath))
            {
                Fail(NoneAnsweredText);
                return;
            }

            _lookup.SetEndpoint(_found);
            _register.SetEndpoint(_found);
            _update.SetEndpoint(_found);
            _remove.SetEndpoint(_found);
            if (_found.Length == Ipv4Endpoint.Length)
            {
                _directoryText = SchemeText + Ipv4Text.Format(Ipv4Endpoint.AddressOf(_found)) + ColonText + Ipv4Endpoint.PortOf(_found).ToString();
            }

            _log.Line(FoundText + _directoryText + ByMulticastText);
            ToRegistering();
        }

        private void ToRegistering()
        {
            // Queries after the path; the path was just set (configured or found), so they fit or the path is too long.
            if (!_registerPath.AddQuery(_endpointQuery, 0, _endpointQuery.Length)
                || !_registerPath.AddQuery(_lifetimeQuery, 0, _lifetimeQuery.Length)
                || (_baseQuery != null && !_registerPath.AddQuery(_baseQuery, 0, _baseQuery.Length)))
            {
                throw new ArgumentException("the registration path and query are longer than " + PathBytes.ToString() + " bytes");
            }

            _failures = 0;
            _state = RegistrationState.Registering;
            _dueAt = _clock.NowMilliseconds;
        }

        // §5: POST to the registration interface; 2.01 with Location-Path.
        private void Register()
        {
            _location.Clear();
            CoapClientResult result = _client.Request(_register, _settings.RequestTimeoutMilliseconds);
            if (result != CoapClientResult.Response)
            {
                // An RD found by multicast that no longer answers is looked for again.
                if (_finder != null)
                {
                    _state = RegistrationState.Finding;
                }

                Fail(RequestFault(result));
                return;
            }

            if (_register.Code != CoapCode.Created || _location.Length == 0)
            {
                // A registration interface that moved away is looked for again (unless it was configured).
                if (_register.Code == CoapCode.NotFound && (_settings.RegistrationPath == null || _settings.RegistrationPath.Length == 0))
                {
                    _state = RegistrationState.Finding;
                }

                Fail(RefusedRegistrationText, _register.Code);
                return;
            }

            long now = _clock.NowMilliseconds;
            _registrations++;
            _failures = 0;
            _state = RegistrationState.Registered;
            _expiresAt = now + _settings.LifetimeSeconds * 1000L;
            _dueAt = now + RegistrationTiming.UpdateDelaySeconds(_settings.LifetimeSeconds) * 1000L;
            _log.Line(RegisteredText + _directoryText + AsText + _settings.EndpointName + LifetimeText
                + _settings.LifetimeSeconds.ToString() + SecondsText);
        }

        // §5.3.1: POST to the registration resource, empty; 2.04. A 4.xx means the RD no longer has it.
        private void Update()
        {
            CoapClientResult result = _client.Request(_update, _settings.RequestTimeoutMilliseconds);
            long now = _clock.NowMilliseconds;
            if (result == CoapClientResult.Response && _update.Code == CoapCode.Changed)
            {
                _updates++;
                _failures = 0;
                _expiresAt = now + _settings.LifetimeSeconds * 1000L;
                _dueAt = now + RegistrationTiming.UpdateDelaySeconds(_settings.LifetimeSeconds) * 1000L;
                return;
            }

            if (result == CoapClientResult.Response && CoapCode.ClassOf(_update.Code) == 4)
            {
                if (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
                {
                    _log.Line(TheRdText + _directoryText + UpdateLostText + CodeText(_update.Code) + RegisteringAnewText);
                }

                _failures = 0;
                _state = RegistrationState.Registering;
                _dueAt = now;
                return;
            }

            if (result == CoapClientResult.Response)
            {
                Fail(RefusedUpdateText, _update.Code);
            }
            else
            {
                Fail(RequestFault(result));
            }

            // Past the lifetime the RD has dropped the registration: the next attempt registers anew.
            if (_dueAt >= _expiresAt)
            {
                _state = RegistrationState.Registering;
            }
        }

        // §5.3.2: DELETE the registration resource; 2.02.
        private bool Remove(int timeoutMilliseconds)
        {
            CoapClientResult result = _client.Request(_remove, timeoutMilliseconds);
            if (result == CoapClientResult.Response && _remove.Code == CoapCode.Deleted)
            {
                _log.Line(RemovedText + _directoryText);
                return true;
            }

            _log.Line(RegistrationWithText + _directoryText + NotRemovedText
                + (result == CoapClientResult.Response ? CodeText(_remove.Code) : RequestFault(result)));
            return false;
        }

        // A failed step: waits longer each time in a row, and says so.
        private void Fail(string what, byte code)
        {
            Fail(what + (code == 0 ? string.Empty : CodeText(code) + ClosingText));
        }

        private void Fail(string what)
        {
            _failures++;
            int delay = RegistrationTiming.RetryDelayMilliseconds(_failures, _settings.FirstRetrySeconds, _settings.MaxRetrySeconds, _random);
            _dueAt = _clock.NowMilliseconds + delay;
            if (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                _log.Line(RdText + _directoryText + what + RetryingText + ((delay + 500) / 1000).ToString() + SecondsText);
            }
        }

        private static string RequestFault(CoapClientResult result)
        {
            if (result == CoapClientResult.Timeout || result == CoapClientResult.Reset)
            {
                return result == CoapClientResult.Timeout ? NoAnswerText : ResetText;
            }

            return NotAskedText + ((int)result).ToString() + ClosingText;
        }

        // "4.04".
        private static string CodeText(byte code)
        {
            byte[] text = new byte[4];
            int n = CoapCode.WriteDotted(code, text, 0);
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                chars[i] = (char)text[i];
            }

            return new string(chars);
        }

        private CoapRequest NewRequest(CoapEndpoint directory, byte method, int responseBytes)
        {
            CoapRequest request = new CoapRequest(responseBytes);
            request.Method = method;
            request.Confirmable = true;
            request.SetEndpoint(directory);
            request.Handler = this;
            return request;
        }

        // key followed by the text's bytes (ASCII: endpoint names and URIs are).
        private static byte[] Query(byte[] key, string value)
        {
            byte[] query = new byte[key.Length + value.Length];
            Array.Copy(key, query, key.Length);
            for (int i = 0; i < value.Length; i++)
            {
                query[key.Length + i] = (byte)value[i];
            }

            return query;
        }
    }
}
