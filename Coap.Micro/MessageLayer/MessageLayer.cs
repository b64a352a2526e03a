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
        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly CoapServerCounters _counters;
        private readonly CoapServerOptions _options;
        private readonly byte[] _receiveBuffer;
        private readonly CoapMessage _request;
        private readonly CoapEndpoint _source = new CoapEndpoint();
        private readonly DeduplicationTable _exchanges;
        private readonly RetransmissionTable _retransmissions;
        private readonly CoapResponse _response;
        private readonly int _observerSlots;
        private ushort _nextMessageId;
        private RequestDispatcher _dispatcher;
        private ObserveLayer _observe;
        private SeparateResponder _separate;

        internal MessageLayer(ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapServerOptions options, CoapServerCounters counters, CoapResponse response)
        {
            _transport = transport;
            _clock = clock;
            _options = options;
            _counters = counters;
            _response = response;
            _receiveBuffer = new byte[options.MaxRequestSize + 1];
            _request = new CoapMessage(options.MaxOptions);
            _exchanges = new DeduplicationTable(options.DeduplicationEntries, options.MaxResponseSize);
            _observerSlots = options.MaxObservers;
            _retransmissions = new RetransmissionTable(options.MaxObservers + options.MaxSeparateResponses, random);

            // RFC 7252 §4.4: Message IDs start at a random value.
            _nextMessageId = (ushort)random.Next(0x10000);
        }

        /// <summary>The optional exchange log; null costs nothing.</summary>
        internal ICoapServerTrace Trace { get; set; }

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

        /// <summary>Retransmits or gives up every confirmable message whose timeout has expired (RFC 7252 §4.2).</summary>
        internal void ServiceRetransmissions(long now)
        {
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
                    if (slot < _observerSlots)
                    {
                        _observe.GaveUp(slot);
                    }
                    else
                    {
                        _separate.Finished(slot - _observerSlots);
                    }

                    continue;
                }

                _retransmissions.Retransmitted(slot, now);
                _counters.Increment(CoapServerCounters.RetransmissionsIndex);
                if (slot < _observerSlots)
                {
                    _observe.Retransmit(slot, now);
                }
                else
                {
                    _separate.Retransmit(slot - _observerSlots);
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
            return _observerSlots + separateSlot;
        }

        private void HandleDatagram(int length)
        {
            _counters.Increment(CoapServerCounters.DatagramsIndex);
            bool oversized = length > _options.MaxRequestSize;
            CoapParseResult result = _request.Parse(_receiveBuffer, 0, oversized ? _options.MaxRequestSize : length);

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
                bool fromOwner = slot < _observerSlots
                    ? _observe.IsFrom(slot, _source)
                    : _separate.IsFrom(slot - _observerSlots, _source);
                if (!fromOwner)
                {
                    continue;
                }

                _retransmissions.Stop(slot);
                _counters.Increment(reset ? CoapServerCounters.ResetsReceivedIndex : CoapServerCounters.AcknowledgedIndex);
                if (slot < _observerSlots)
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
                    _separate.Finished(slot - _observerSlots);
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

            // Message-id sublayer (§4.5): a duplicate (same endpoint and Message ID) is processed only
            // once. A CON gets the same answer again; a NON is silently ignored; a CON reusing a NON's
            // Message ID has no ACK to repeat and is rejected.
            int slot = _exchanges.Find(_source, _request.MessageId, now);
            if (slot >= 0)
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

                int stored = _exchanges.GetResponseLength(slot);
                if (stored > 0 && !_transport.Send(_exchanges.GetResponse(slot), 0, stored, _source))
                {
                    _counters.Increment(CoapServerCounters.SendFailuresIndex);
                }

                Log(_exchanges.GetResponse(slot), 0, stored);
                return;
            }

            _counters.Increment(CoapServerCounters.RequestsIndex);
            int offset;
            int length = _dispatcher.Respond(_request, _source, oversized, now, out offset);
            if (length < 0)
            {
                Drop();
                return;
            }

            // Remembered only once answered, so a fault can never leave an entry without its response.
            int evictions = _exchanges.Evictions;
            slot = _exchanges.Add(_source, _request.MessageId, confirmable, now, confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime);
            if (_exchanges.Evictions != evictions)
            {
                _counters.Increment(CoapServerCounters.EvictionsIndex);
            }

            _exchanges.StoreResponse(slot, _response.Buffer, offset, length);
            if (length > 0 && !_transport.Send(_response.Buffer, offset, length, _source))
            {
                _counters.Increment(CoapServerCounters.SendFailuresIndex);
            }

            Log(_response.Buffer, offset, length);
        }

        // RFC 7252 §4.2: RST echoes the Message ID, carries no token and code 0.00.
        private void SendReset()
        {
            _counters.Increment(CoapServerCounters.ResetsIndex);
            _response.Begin(CoapMessageType.Reset, CoapCode.Empty, _request.MessageId, null, 0, 0, null);
            int offset;
            int length = _response.Finish(out offset);
            if (!_transport.Send(_response.Buffer, offset, length, _source))
            {
                _counters.Increment(CoapServerCounters.SendFailuresIndex);
            }

            Log(_response.Buffer, offset, length);
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
