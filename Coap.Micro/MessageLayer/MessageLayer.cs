namespace Coap.Micro
{
    /// <summary>
    /// The message layer of RFC 7252 §4: takes a datagram in, sorts it by message type and hands
    /// requests up to the request layer; matches ACK and RST to the server's own confirmable messages;
    /// message-id sublayer: duplicate handling (§4.5); message-type sublayer: retransmission (§4.2).
    /// Every datagram the server sends leaves through <see cref="Transmit"/>, on the loop thread.
    /// </summary>
    internal sealed class MessageLayer
    {
        private readonly CoapServer _server;
        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly CoapServerCounters _counters;
        private readonly byte[] _receiveBuffer;
        private readonly CoapMessage _request;

        // Where the datagram being handled came from; once it is answered, the destination the layers
        // above fill for what the server sends on its own (see Peer).
        private readonly CoapEndpoint _source;
        private readonly DeduplicationTable _exchanges;
        private readonly RetransmissionTable _retransmissions;
        private readonly CoapResponse _response;
        private ushort _nextMessageId;

        // Bytes at the end of the receive buffer a Block1 transfer keeps between datagrams (see Block1Tail).
        private int _keptAtEnd;
        private RequestDispatcher _dispatcher;
        private ObserveLayer _observe;
        private SeparateResponder _separate;

        internal MessageLayer(CoapServer server, ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapServerOptions options, CoapServerCounters counters, CoapResponse response)
        {
            _server = server;
            _transport = transport;
            _clock = clock;
            _counters = counters;
            _response = response;
            _source = new CoapEndpoint(transport.MaxEndpointLength);
            _receiveBuffer = new byte[options.MaxRequestSize + 1];
            _request = new CoapMessage(options.MaxOptions);
            _exchanges = new DeduplicationTable(options.DeduplicationEntries, transport.MaxEndpointLength, options.ReplayCacheBytes);
            _retransmissions = new RetransmissionTable(options.MaxObservers + options.MaxSeparateResponses, random);

            // RFC 7252 §4.4: Message IDs start at a random value.
            _nextMessageId = (ushort)random.Next(0x10000);
        }

        /// <summary>The optional exchange log; null costs nothing.</summary>
        internal ICoapServerTrace Trace { get; set; }

        /// <summary>Fills in the options this layer and the layers above were sized with (see <see cref="CoapServer.Options"/>).</summary>
        internal void CopySizesTo(CoapServerOptions options)
        {
            options.MaxRequestSize = MaxRequestSize;
            options.MaxOptions = _request.MaxOptions;
            options.DeduplicationEntries = _exchanges.Capacity;
            options.ReplayCacheBytes = _exchanges.Cache.Length;
            options.MaxSeparateResponses = _separate.Capacity;
            _response.CopySizesTo(options);
            _observe.CopySizesTo(options);
        }

        /// <summary>The server, whose resources the layers above answer with.</summary>
        internal CoapServer Server
        {
            get { return _server; }
        }

        /// <summary>The observe layer, for the request layer that registers observers.</summary>
        internal ObserveLayer Observe
        {
            get { return _observe; }
        }

        /// <summary>The transport every datagram goes through.</summary>
        internal ICoapTransport Transport
        {
            get { return _transport; }
        }

        /// <summary>The clock the server is timed by.</summary>
        internal ICoapClock Clock
        {
            get { return _clock; }
        }

        /// <summary>The server's counters, for the layers above.</summary>
        internal CoapServerCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>The one response every layer writes in (loop thread only, one message at a time).</summary>
        internal CoapResponse Response
        {
            get { return _response; }
        }

        /// <summary>The request layer, for a resource that takes block-wise payloads.</summary>
        internal RequestDispatcher Dispatcher
        {
            get { return _dispatcher; }
        }

        /// <summary>The separate responses, for a resource that says one is ready.</summary>
        internal SeparateResponder Separate
        {
            get { return _separate; }
        }

        /// <summary>Largest request accepted: the receive buffer less the byte that tells a larger one.</summary>
        internal int MaxRequestSize
        {
            get { return _receiveBuffer.Length - 1; }
        }

        /// <summary>Bytes kept per endpoint in the server's tables: the transport's longest endpoint.</summary>
        internal int EndpointCapacity
        {
            get { return _source.Capacity; }
        }

        /// <summary>
        /// A destination endpoint for the layers above to fill before <see cref="Transmit"/> (loop thread
        /// only). It is the received datagram's source endpoint: everything the server sends on its own
        /// (notifications, separate responses, retransmissions) is sent from <see cref="ServiceDue"/>,
        /// after the datagram was answered and before the next one is received.
        /// </summary>
        internal CoapEndpoint Peer
        {
            get { return _source; }
        }

        /// <summary>The receive buffer; free for the layers above once the datagram in it has been answered.</summary>
        internal byte[] ReceiveBuffer
        {
            get { return _receiveBuffer; }
        }

        /// <summary>
        /// Bytes at the end of <see cref="ReceiveBuffer"/> a Block1 transfer keeps between datagrams (0: none);
        /// a datagram that reaches into them ends the transfer (see <see cref="Block1Tail"/>).
        /// </summary>
        internal int KeptAtEnd
        {
            get { return _keptAtEnd; }
            set { _keptAtEnd = value; }
        }

        /// <summary>The request view; free for the layers above once the datagram it shows has been answered.</summary>
        internal CoapMessage Request
        {
            get { return _request; }
        }

        /// <summary>A client sharing the transport: offered the responses, ACKs and RSTs the server does not match; null when none.</summary>
        internal ICoapMessageSink Sink { get; set; }

        /// <summary>Confirmable messages in flight, for the layers above.</summary>
        internal RetransmissionTable Retransmissions
        {
            get { return _retransmissions; }
        }

        /// <summary>Wires the layers above (they and this layer refer to each other).</summary>
        internal void Connect(RequestDispatcher dispatcher, ObserveLayer observe, SeparateResponder separate)
        {
            _dispatcher = dispatcher;
            _observe = observe;
            _separate = separate;
        }

        /// <summary>The next Message ID for a message the server starts (RFC 7252 §4.4).</summary>
        internal ushort NextMessageId()
        {
            return _nextMessageId++;
        }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for one datagram and answers it; false when none came.</summary>
        internal bool ReceiveOne(int timeoutMilliseconds)
        {
            int length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, _source, timeoutMilliseconds);
            if (length < 0)
            {
                return false;
            }

            if (length > _receiveBuffer.Length - _keptAtEnd)
            {
                // It overwrote the Block1 body kept at the buffer's end: that transfer is over.
                _keptAtEnd = 0;
            }

            HandleDatagram(length);
            return true;
        }

        /// <summary>Sends a message to <paramref name="destination"/>, counting a refusal; logs it when a trace is set.</summary>
        internal void Transmit(byte[] buffer, int offset, int length, CoapEndpoint destination, CoapTransmission kind)
        {
            if (!_transport.Send(buffer, offset, length, destination))
            {
                _counters.Increment(CoapServerCounters.SendFailuresIndex);
            }

            ICoapServerTrace trace = Trace;
            if (trace != null)
            {
                trace.Sent(destination, buffer, offset, length, kind);
            }
        }

        /// <summary>
        /// Sends what is due, on the loop thread: retransmissions, separate responses marked ready and
        /// notifications (of changes, when <paramref name="signalled"/> says something was signalled
        /// since the last time); then gives a client sharing the transport its time.
        /// </summary>
        internal void ServiceDue(bool signalled, long now)
        {
            ServiceRetransmissions(now);
            _separate.Service(now);
            _observe.Service(signalled, now);
            ICoapMessageSink sink = Sink;
            if (sink != null)
            {
                sink.Service(now);
            }
        }

        /// <summary>Retransmits or gives up every confirmable message whose timeout has expired (RFC 7252 §4.2).</summary>
        private void ServiceRetransmissions(long now)
        {
            // The retransmission table has the observers' slots first, then the separate responses' (RFC 7252 §4.2 for both).
            for (int slot = 0; slot < _retransmissions.Capacity; slot++)
            {
                if (!_retransmissions.IsDue(slot, now))
                {
                    continue;
                }

                if (_retransmissions.IsExhausted(slot))
                {
                    _retransmissions.Stop(slot);
                    _counters.Increment(CoapServerCounters.GaveUpIndex);
                    if (slot < _observe.Capacity)
                    {
                        _observe.GaveUp(slot);
                    }
                    else
                    {
                        _separate.Finished(slot - _observe.Capacity);
                    }

                    continue;
                }

                _retransmissions.Retransmitted(slot, now);
                _counters.Increment(CoapServerCounters.RetransmissionsIndex);
                if (slot < _observe.Capacity)
                {
                    _observe.Retransmit(slot, now);
                }
                else
                {
                    _separate.Retransmit(slot - _observe.Capacity);
                }
            }
        }

        /// <summary>Milliseconds until the next retransmission is due, or -1 when nothing is in flight.</summary>
        internal long TimeToNextDeadline(long now)
        {
            return _retransmissions.TimeToNextDeadline(now);
        }

        /// <summary>Retransmission slot of separate response slot <paramref name="separateSlot"/>.</summary>
        internal int SeparateRetransmissionSlot(int separateSlot)
        {
            return _observe.Capacity + separateSlot;
        }

        private void HandleDatagram(int length)
        {
            _counters.Increment(CoapServerCounters.DatagramsIndex);
            if (_source.Length == 0)
            {
                // The tables keep endpoints of the transport's declared size; a longer one cannot be answered.
                Drop();
                return;
            }

            int maxRequestSize = MaxRequestSize;
            bool oversized = length > maxRequestSize;
            CoapParseResult result = _request.Parse(_receiveBuffer, 0, oversized ? maxRequestSize : length);

            // RFC 7252 §3: shorter than a header, or an unknown version: silently ignored.
            if (!_request.HasHeader)
            {
                Drop();
                return;
            }

            if (_request.Type == CoapMessageType.Acknowledgement || _request.Type == CoapMessageType.Reset)
            {
                // RFC 7252 §4.2, §4.3: ACK and RST are never answered; they end a CON of ours (or of the
                // client sharing the transport) or are ignored.
                if (result != CoapParseResult.Ok || oversized || (!MatchAcknowledgement() && !OfferToSink()))
                {
                    Drop();
                }

                return;
            }

            bool wellFormed = result == CoapParseResult.Ok || result == CoapParseResult.TooManyOptions
                || (oversized && CutByBuffer(result));

            // Format errors, pings (Empty CON, §4.3), responses and reserved classes cannot be processed:
            // a CON is rejected with RST, anything else ignored (§4.2, §4.3); responses are first offered
            // to a client sharing the transport (§5.3.2).
            if (!wellFormed || !CoapCode.IsRequest(_request.Code))
            {
                if (result == CoapParseResult.Ok && !oversized && CoapCode.IsResponse(_request.Code) && OfferToSink())
                {
                    return;
                }

                if (_request.Type == CoapMessageType.Confirmable)
                {
                    SendReset();
                }
                else
                {
                    Drop();
                }

                return;
            }

            HandleRequest(oversized);
        }

        // True when a client sharing the transport took the message.
        private bool OfferToSink()
        {
            ICoapMessageSink sink = Sink;
            return sink != null && sink.Take(_request, _source, _clock.NowMilliseconds);
        }

        // A datagram cut at the buffer's end fails to parse only in these ways.
        private static bool CutByBuffer(CoapParseResult result)
        {
            return result == CoapParseResult.Ok || result == CoapParseResult.TruncatedOption
                || result == CoapParseResult.OptionValueOverrun || result == CoapParseResult.EmptyPayloadAfterMarker
                || result == CoapParseResult.TooManyOptions;
        }

        // An ACK or RST ends the CON of ours with that Message ID from that endpoint (§4.2); an RST
        // naming a NON notification cancels the observation (RFC 7641 §3.6). True when it matched.
        private bool MatchAcknowledgement()
        {
            long now = _clock.NowMilliseconds;
            bool reset = _request.Type == CoapMessageType.Reset;
            int messageId = _request.MessageId;
            for (int slot = _retransmissions.Find(messageId, 0); slot >= 0; slot = _retransmissions.Find(messageId, slot + 1))
            {
                bool fromOwner = slot < _observe.Capacity
                    ? _observe.IsFrom(slot, _source)
                    : _separate.IsFrom(slot - _observe.Capacity, _source);
                if (!fromOwner)
                {
                    continue;
                }

                _retransmissions.Stop(slot);
                _counters.Increment(reset ? CoapServerCounters.ResetsReceivedIndex : CoapServerCounters.AcknowledgedIndex);
                if (slot < _observe.Capacity)
                {
                    if (reset)
                    {
                        _observe.ResetBy(slot);
                    }
                    else
                    {
                        _observe.Acknowledged(slot, now);
                    }
                }
                else
                {
                    _separate.Finished(slot - _observe.Capacity);
                }

                Log(0, 0);
                return true;
            }

            if (reset && _observe.ResetNonConfirmable(messageId, _source))
            {
                _counters.Increment(CoapServerCounters.ResetsReceivedIndex);
                Log(0, 0);
                return true;
            }

            return false;
        }

        private void HandleRequest(bool oversized)
        {
            long now = _clock.NowMilliseconds;
            bool confirmable = _request.Type == CoapMessageType.Confirmable;

            // Message-id sublayer (§4.5): a duplicate (same endpoint and Message ID) is processed only once.
            int slot = _exchanges.Find(_source, _request.MessageId, now);
            if (slot >= 0)
            {
                AnswerDuplicate(slot, confirmable, oversized, now);
                return;
            }

            _counters.Increment(CoapServerCounters.RequestsIndex);
            int offset;
            int length;
            int retryAfter = _exchanges.RetryAfter(_source, _request.Code, now);
            if (retryAfter >= 0)
            {
                // A write that could not be remembered is not processed (§4.5): 5.03, retry later (§5.9.3.4).
                _counters.Increment(CoapServerCounters.EvictionsIndex);
                length = _dispatcher.RespondUnavailable(_request, (uint)retryAfter, Diagnostics.TooManyWrites, out offset);
                Send(_response.Buffer, offset, length);
                return;
            }

            length = _dispatcher.Respond(_request, _source, oversized, now, out offset);
            if (length < 0)
            {
                Drop();
                return;
            }

            // Remembered only once answered, so a fault can never leave an entry without its answer.
            int evictions = _exchanges.Evictions;
            slot = _exchanges.Add(_source, _request.MessageId, _request.Code, confirmable, now, confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime);
            if (_exchanges.Evictions != evictions)
            {
                _counters.Increment(CoapServerCounters.EvictionsIndex);
            }

            if (slot >= 0)
            {
                _exchanges.Answered(slot, _request.Code, _response.Buffer, offset, length, now);
            }
            else
            {
                // Every slot holds a live write: a GET is answered unremembered (safe to process again, §5.1).
                _counters.Increment(CoapServerCounters.EvictionsIndex);
            }

            Send(_response.Buffer, offset, length);
        }

        // §4.5: a NON duplicate is silently ignored; a CON reusing a NON's Message ID has no ACK to repeat
        // and is rejected; a CON duplicate gets its answer again: the same bytes while the replay cache
        // keeps them. Once they are gone, a GET is safe to process again (§5.1; §4.5 lets a server answer
        // idempotent requests anew), while any other method is not processed twice (a PUT could undo a
        // newer one): it is answered with its first answer's code and the request's token, without the
        // options and payload that went with it. An empty ACK is rebuilt exactly that way.
        private void AnswerDuplicate(int slot, bool confirmable, bool oversized, long now)
        {
            _counters.Increment(CoapServerCounters.DuplicatesIndex);
            if (!confirmable)
            {
                Log(0, 0);
                return;
            }

            if (!_exchanges.IsConfirmable(slot))
            {
                SendReset();
                return;
            }

            int cached = _exchanges.FindCached(slot);
            if (cached >= 0)
            {
                Send(_exchanges.Cache, cached, _exchanges.CachedLength(cached));
                return;
            }

            if (!_exchanges.WasAnswered(slot))
            {
                Log(0, 0);
                return;
            }

            _counters.Increment(CoapServerCounters.ReplayMissesIndex);
            byte code = _exchanges.CodeOf(slot);
            int offset;
            int length;
            if (code != CoapCode.Empty && _exchanges.KindOf(slot) == DeduplicationTable.Safe)
            {
                _counters.Increment(CoapServerCounters.RequestsIndex);
                length = _dispatcher.Respond(_request, _source, oversized, now, out offset);
                if (length < 0)
                {
                    Drop();
                    return;
                }

                _exchanges.Answered(slot, _request.Code, _response.Buffer, offset, length, now);
            }
            else if (code == CoapCode.Empty)
            {
                _response.Begin(CoapMessageType.Acknowledgement, CoapCode.Empty, _request.MessageId, null, 0, 0, null);
                length = _response.Finish(out offset);
            }
            else
            {
                _response.Begin(CoapMessageType.Acknowledgement, code, _request.MessageId, _request.Buffer, _request.TokenOffset, _request.TokenLength, null);
                length = _response.Finish(out offset);
            }

            Send(_response.Buffer, offset, length);
        }

        // Sends an answer to the request's source (nothing when empty) and logs the exchange.
        private void Send(byte[] buffer, int offset, int length)
        {
            if (length > 0 && !_transport.Send(buffer, offset, length, _source))
            {
                _counters.Increment(CoapServerCounters.SendFailuresIndex);
            }

            Log(buffer, offset, length);
        }

        // RFC 7252 §4.2: RST echoes the Message ID, carries no token and code 0.00.
        private void SendReset()
        {
            _counters.Increment(CoapServerCounters.ResetsIndex);
            _response.Begin(CoapMessageType.Reset, CoapCode.Empty, _request.MessageId, null, 0, 0, null);
            int offset;
            int length = _response.Finish(out offset);
            Send(_response.Buffer, offset, length);
        }

        private void Drop()
        {
            _counters.Increment(CoapServerCounters.DroppedIndex);
            Log(0, 0);
        }

        private void Log(int offset, int length)
        {
            Log(null, offset, length);
        }

        private void Log(byte[] answer, int offset, int length)
        {
            ICoapServerTrace trace = Trace;
            if (trace != null)
            {
                trace.Exchanged(_source, _request, answer, offset, length);
            }
        }
    }
}
