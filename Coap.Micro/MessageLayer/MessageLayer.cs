namespace Coap.Micro
{
    /// <summary>
    /// The message layer of RFC 7252 §4: takes a datagram in, decides about it from its header, and
    /// hands the requests it does not answer itself up through <see cref="ICoapRequestHandler"/>;
    /// message-id sublayer: duplicate handling (§4.5); message-type sublayer: retransmission of the
    /// server's own confirmable messages (§4.2), whose owners hear of them through
    /// <see cref="IConfirmableOwner"/>. Every datagram the server sends leaves from here, on the loop thread.
    /// </summary>
    /// <remarks>
    /// A datagram is decided in as few steps as it needs: pings, format errors, responses, ACKs and RSTs
    /// are answered or matched from the four header bytes, and a duplicate from its Message ID and
    /// source, before any option is read; the options of a new request are walked once, by the parse.
    /// </remarks>
    internal sealed class MessageLayer
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |Ver| T |  TKL  |      Code     |          Message ID           |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // RFC 7252 §3
        private const int Confirmable = 0;
        private const int NonConfirmable = 1;
        private const int Acknowledgement = 2;
        private const int Reset = 3;
        private const int VersionBits = 0x40;

        // Request codes are class 0, details 1-31 (§12.1.1): anything above is a response or reserved.
        private const int LastRequestCode = 0x1F;

        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly CoapServerCounters _counters;

        // The counters' values, counted in place (loop thread only).
        private readonly int[] _counts;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private readonly CoapMessage _request;

        // Where the datagram being handled came from; once it is answered, the destination of what the
        // server sends on its own (see SendOwn).
        private readonly CoapEndpoint _source;
        private readonly DeduplicationTable _exchanges;
        private readonly RetransmissionTable _retransmissions;

        // The clients of the server's own messages, one slot each, in the retransmission table's order.
        private readonly PeerSlots _peers;
        private ushort _nextMessageId;
        private ICoapRequestHandler _handler;
        private IConfirmableOwner _lowOwner;
        private IConfirmableOwner _highOwner;
        private int _ownerSplit;

        // True once the request view shows the datagram being handled (for the trace, which reads it).
        private bool _parsed;

        // Bytes at the end of the receive buffer a Block1 transfer keeps between datagrams (see Block1Tail).
        private int _keptAtEnd;

        /// <summary>
        /// RFC 7252 §8.2: the request to a multicast group that waits out its leisure, or null when such
        /// requests are ignored (nothing else is kept for them): the leisure (2 bytes), when it ends (the low
        /// 32 bits of the clock's milliseconds, 4 bytes), the source's length (0 while none waits), the
        /// source (as many bytes as an endpoint holds), the request's length and the request. Big-endian.
        /// </summary>
        internal readonly byte[] _group;

        /// <summary>Where <see cref="_group"/> holds the source's length: not 0 while a request waits.</summary>
        internal const int GroupWaitingAt = 6;
        private const int GroupDueAt = 2;
        private const int GroupSourceAt = 7;

        /// <summary>The optional exchange log; null costs nothing.</summary>
        internal ICoapServerTrace Trace;

        internal MessageLayer(ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapServerOptions options, CoapServerCounters counters, byte[] sendBuffer, PeerSlots peers)
        {
            _transport = transport;
            _clock = clock;
            _counters = counters;
            _counts = counters.Values;
            _sendBuffer = sendBuffer;
            _peers = peers;
            _source = new CoapEndpoint(transport.MaxEndpointLength);
            _receiveBuffer = new byte[options.MaxRequestSize + 1];
            _request = new CoapMessage(options.MaxOptions);
            _exchanges = new DeduplicationTable(options.DeduplicationEntries, transport.MaxEndpointLength, options.ReplayCacheBytes);
            _retransmissions = new RetransmissionTable(peers.Capacity, random);

            // RFC 7252 §4.4: Message IDs start at a random value.
            _nextMessageId = (ushort)random.Next(0x10000);
            int groupRequestBytes = options.MulticastRequestBytes;
            if (groupRequestBytes > 0)
            {
                int leisure = options.MulticastLeisureMilliseconds;
                _group = new byte[GroupSourceAt + transport.MaxEndpointLength + 1 + groupRequestBytes];
                _group[0] = (byte)(leisure >> 8);
                _group[1] = (byte)leisure;
            }
        }

        /// <summary>The server's OSCORE protection, or null.</summary>
        internal ICoapMessageSecurity Security
        {
            get { return _peers._security; }
        }

        /// <summary>Protects requests, answers and the server's own messages with <paramref name="security"/> from now on (start-up only, once).</summary>
        internal void Secure(ICoapMessageSecurity security)
        {
            // Kept in the peer slots, which tell it of every slot a request takes; without OSCORE (null) a protected
            // request is refused as an unrecognized critical option (4.02, RFC 7252 §5.4.1).
            security.Attach(_receiveBuffer.Length - 1, _sendBuffer.Length, _peers.Capacity);
            _peers._security = security;
        }

        /// <summary>Fills in the options this layer was sized with (see <see cref="CoapServer.Options"/>).</summary>
        internal void CopySizesTo(CoapServerOptions options)
        {
            options.MaxRequestSize = MaxRequestSize;
            options.MaxOptions = _request.MaxOptions;
            options.DeduplicationEntries = _exchanges.Capacity;
            options.ReplayCacheBytes = _exchanges.Cache.Length;
            byte[] group = _group;
            if (group != null)
            {
                options.MulticastRequestBytes = group.Length - GroupSourceAt - 1 - _source._bytes.Length;
                options.MulticastLeisureMilliseconds = (group[0] << 8) | group[1];
            }
            else
            {
                options.MulticastRequestBytes = 0;
            }
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

        /// <summary>Largest request accepted: the receive buffer less the byte that tells a larger one.</summary>
        internal int MaxRequestSize
        {
            get { return _receiveBuffer.Length - 1; }
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

        /// <summary>Confirmable messages in flight, for the layers above.</summary>
        internal RetransmissionTable Retransmissions
        {
            get { return _retransmissions; }
        }

        /// <summary>
        /// Wires the layers above: <paramref name="handler"/> answers requests; slots below
        /// <paramref name="split"/> of the retransmission table belong to <paramref name="lowOwner"/>, the
        /// others to <paramref name="highOwner"/>.
        /// </summary>
        internal void Connect(ICoapRequestHandler handler, IConfirmableOwner lowOwner, int split, IConfirmableOwner highOwner)
        {
            _handler = handler;
            _lowOwner = lowOwner;
            _ownerSplit = split;
            _highOwner = highOwner;
        }

        /// <summary>The next Message ID for a message the server starts (RFC 7252 §4.4).</summary>
        internal ushort NextMessageId()
        {
            return _nextMessageId++;
        }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for one datagram and answers it; false when none came.</summary>
        internal bool ReceiveOne(int timeoutMilliseconds)
        {
            byte[] buffer = _receiveBuffer;
            int length = _transport.Receive(buffer, 0, buffer.Length, _source, timeoutMilliseconds);
            if (length < 0)
            {
                return false;
            }

            bool toGroup = length >= CoapMulticast.ReceivedOnGroup;
            if (toGroup)
            {
                length -= CoapMulticast.ReceivedOnGroup;
            }

            if (length > buffer.Length - _keptAtEnd)
            {
                // It overwrote the Block1 body kept at the buffer's end: that transfer is over.
                _keptAtEnd = 0;
            }

            if (toGroup)
            {
                KeepGroupRequest(buffer, length);
            }
            else
            {
                HandleDatagram(buffer, length);
            }

            return true;
        }

        /// <summary>
        /// Answers the request kept for a multicast group once its leisure is over (RFC 7252 §8.2): as a NON,
        /// and only with something useful (see <see cref="ICoapRequestHandler.RespondToGroup"/>).
        /// </summary>
        internal void AnswerGroupRequest(long now)
        {
            byte[] group = _group;
            CoapEndpoint source = _source;
            int requestAt = GroupSourceAt + source._bytes.Length;
            int length = group[requestAt];
            byte[] buffer = _receiveBuffer;
            _parsed = false;
            source.Set(group, GroupSourceAt, group[GroupWaitingAt]);
            group[GroupWaitingAt] = 0;
            if (length > buffer.Length - 1 - _keptAtEnd)
            {
                // A Block1 transfer keeps the room it would need: not answered.
                Drop(0);
                return;
            }

            System.Array.Copy(group, requestAt + 1, buffer, 0, length);
            CoapParseResult result = Parse(length);
            if (result != CoapParseResult.Ok && result != CoapParseResult.TooManyOptions)
            {
                // §8.1: never an RST to a group; a format error is ignored.
                Drop(length);
                return;
            }

            _counts[CoapServerCounters.RequestsIndex]++;
            int offset;
            int answered = _handler.RespondToGroup(_request, source, now, out offset);
            if (answered > 0)
            {
                _exchanges.Remember(source, _request._messageId, (byte)_request._code, false, now, CoapTiming.NonLifetime, _sendBuffer, offset, answered);
            }

            Send(_sendBuffer, offset, answered, length);
        }

        // RFC 7252 §8.1: a request that came to a multicast group. Nothing is ever sent for it now: no
        // RST, no ACK (a CON is taken as a NON, as the group request it should have been), and what is not
        // a request is ignored. A new request is kept, to be answered at a random point in the leisure
        // (§8.2); one waits at a time (a new leisure starts only after the previous one, §8.2), so a
        // second one in that time is ignored, as is one longer than MulticastRequestBytes.
        private void KeepGroupRequest(byte[] buffer, int length)
        {
            _parsed = false;
            _counts[CoapServerCounters.DatagramsIndex]++;
            byte[] group = _group;
            CoapEndpoint source = _source;
            int requestAt = GroupSourceAt + source._bytes.Length;
            if (group == null || group[GroupWaitingAt] != 0 || length < CoapMessage.HeaderLength || length > group.Length - requestAt - 1 || source._length == 0)
            {
                Drop(length);
                return;
            }

            int first = buffer[0];
            int code = buffer[1];
            if ((first & 0xC0) != VersionBits || ((first >> 4) & 0x03) >= Acknowledgement || code == CoapCode.Empty
                || (first & 0x0F) > CoapMessage.MaxTokenLength || code > LastRequestCode)
            {
                Drop(length);
                return;
            }

            long now = _clock.NowMilliseconds;
            if (_exchanges.Find(source, (buffer[2] << 8) | buffer[3], now) >= 0)
            {
                // §4.5: answered already; a duplicate to a group is never answered again.
                _counts[CoapServerCounters.DuplicatesIndex]++;
                if (Trace != null)
                {
                    Log(null, 0, 0, length);
                }

                return;
            }

            group[GroupWaitingAt] = (byte)source._length;
            System.Array.Copy(source._bytes, 0, group, GroupSourceAt, source._length);
            group[requestAt] = (byte)length;
            System.Array.Copy(buffer, 0, group, requestAt + 1, length);
            group[requestAt + 1] = (byte)((first & 0xCF) | (NonConfirmable << 4));
            int leisure = (group[0] << 8) | group[1];
            int due = (int)now + (leisure == 0 ? 0 : _retransmissions.Random.Next(leisure + 1));
            group[GroupDueAt] = (byte)(due >> 24);
            group[GroupDueAt + 1] = (byte)(due >> 16);
            group[GroupDueAt + 2] = (byte)(due >> 8);
            group[GroupDueAt + 3] = (byte)due;
        }

        /// <summary>
        /// Milliseconds until the request waiting in <see cref="_group"/> is to be answered (0 or less: now);
        /// call only while one waits. The leisure is short, so the low 32 bits of the clock tell it.
        /// </summary>
        internal int TimeToGroupAnswer(long now)
        {
            byte[] group = _group;
            int due = (group[GroupDueAt] << 24) | (group[GroupDueAt + 1] << 16) | (group[GroupDueAt + 2] << 8) | group[GroupDueAt + 3];
            return due - (int)now;
        }

        /// <summary>Sends a message to <paramref name="destination"/>, counting a refusal; logs it when a trace is set.</summary>
        internal void Transmit(byte[] buffer, int offset, int length, CoapEndpoint destination, CoapTransmission kind)
        {
            if (!_transport.Send(buffer, offset, length, destination))
            {
                _counts[CoapServerCounters.SendFailuresIndex]++;
            }

            ICoapServerTrace trace = Trace;
            if (trace != null)
            {
                trace.Sent(destination, buffer, offset, length, kind);
            }
        }

        /// <summary>
        /// Sends a message of the server's own from <paramref name="slot"/> to that slot's client (the one
        /// path for notifications, separate responses and their retransmissions): a CON is retransmitted
        /// until acknowledged (RFC 7252 §4.2), a NON is remembered so an RST can name it (§4.3).
        /// </summary>
        internal void SendOwn(int slot, byte[] buffer, int offset, int length, int messageId, bool confirmable, CoapTransmission kind, long now)
        {
            ICoapMessageSecurity security = _peers._security;
            if (security != null && security.IsProtected(slot))
            {
                // RFC 8613 §8.3: to a protected request's client, protected each time, with a Partial IV of its own.
                length = security.ProtectOwn(slot, buffer, offset, length);
                if (length < 0)
                {
                    _counts[CoapServerCounters.SendFailuresIndex]++;
                    return;
                }

                buffer = security.WireBuffer;
                offset = 0;
            }

            CoapEndpoint peer = _source;
            _peers.CopyEndpoint(slot, peer);
            Transmit(buffer, offset, length, peer, kind);
            if (kind == CoapTransmission.Retransmission)
            {
                return;
            }

            if (confirmable)
            {
                _counts[CoapServerCounters.ConfirmablesSentIndex]++;
                _retransmissions.Start(slot, messageId, now);
            }
            else
            {
                _retransmissions.Record(slot, messageId);
            }
        }

        /// <summary>Forgets the messages of <paramref name="slot"/>: its relation or response ended.</summary>
        internal void Forget(int slot)
        {
            _retransmissions.Forget(slot);
        }

        /// <summary>True when a confirmable message may be due at <paramref name="now"/>; then call <see cref="ServiceRetransmissions"/>.</summary>
        internal bool AnyDue(long now)
        {
            return _retransmissions.AnyDue(now);
        }

        /// <summary>Retransmits or gives up every confirmable message whose timeout has expired (RFC 7252 §4.2).</summary>
        internal void ServiceRetransmissions(long now)
        {
            RetransmissionTable table = _retransmissions;

            for (int slot = 0; slot < table.Capacity; slot++)
            {
                if (!table.IsDue(slot, now))
                {
                    continue;
                }

                IConfirmableOwner owner = slot < _ownerSplit ? _lowOwner : _highOwner;
                if (table.IsExhausted(slot))
                {
                    table.Stop(slot);
                    _counts[CoapServerCounters.GaveUpIndex]++;
                    owner.GaveUp(slot);
                    continue;
                }

                table.Retransmitted(slot, now);
                _counts[CoapServerCounters.RetransmissionsIndex]++;
                owner.Retransmit(slot, now);
            }

            table.RecomputeEarliest();
        }

        /// <summary>Milliseconds until the next retransmission is due, or -1 when nothing is in flight.</summary>
        internal long TimeToNextDeadline(long now)
        {
            return _retransmissions.TimeToNextDeadline(now);
        }

        private void HandleDatagram(byte[] buffer, int length)
        {
            _parsed = false;
            _counts[CoapServerCounters.DatagramsIndex]++;

            // RFC 7252 §3: shorter than a header, or an unknown version: silently ignored. So is a source
            // longer than the tables keep (it could not be answered).
            if (length < CoapMessage.HeaderLength || (buffer[0] & 0xC0) != VersionBits || _source.Length == 0)
            {
                Drop(length);
                return;
            }

            int first = buffer[0];
            int type = (first >> 4) & 0x03;
            int code = buffer[1];
            int messageId = (buffer[2] << 8) | buffer[3];
            if (type >= Acknowledgement)
            {
                // §4.2, §4.3: ACK and RST are never answered; they end a message of ours or are ignored.
                // An empty one is well formed from its header; anything longer is parsed first.
                bool wellFormed = (length == CoapMessage.HeaderLength && code == CoapCode.Empty && (first & 0x0F) == 0)
                    || (length < _receiveBuffer.Length && Parse(length) == CoapParseResult.Ok);
                if (!wellFormed || !MatchOwn(type == Reset, messageId, length))
                {
                    Drop(length);
                }

                return;
            }

            // §4.1, §4.2, §4.3: an Empty message (a ping, or one with bytes after its header: a format
            // error), a token longer than 8, a response or a reserved class cannot be processed: a CON is
            // rejected with RST, a NON ignored. None needs more than the header to tell.
            if (code == CoapCode.Empty || (first & 0x0F) > CoapMessage.MaxTokenLength || code > LastRequestCode)
            {
                if (type == Confirmable)
                {
                    SendReset(messageId, length);
                }
                else
                {
                    Drop(length);
                }

                return;
            }

            // Message-id sublayer (§4.5): a duplicate (same endpoint and Message ID) is processed only once.
            long now = _clock.NowMilliseconds;
            int slot = _exchanges.Find(_source, messageId, now);
            if (slot >= 0)
            {
                AnswerDuplicate(slot, type == Confirmable, length, now);
                return;
            }

            HandleRequest(length, type == Confirmable, now);
        }

        private void HandleRequest(int length, bool confirmable, long now)
        {
            byte[] buffer = _receiveBuffer;
            bool oversized = length >= buffer.Length;
            _parsed = true;
            CoapParseResult result = _request.Parse(buffer, 0, oversized ? buffer.Length - 1 : length);
            if (result != CoapParseResult.Ok && result != CoapParseResult.TooManyOptions && !(oversized && CutByBuffer(result)))
            {
                // A format error in the token or options (§3): RST for a CON, ignored otherwise (§4.2, §4.3).
                if (confirmable)
                {
                    SendReset(_request.MessageId, length);
                }
                else
                {
                    Drop(length);
                }

                return;
            }

            if (_request._options[CoapMessage.OtherCriticalAt] != 0 && _peers._security != null && _request.FindOption(CoapOption.Oscore) >= 0)
            {
                HandleProtectedRequest(length, confirmable, oversized, now);
                return;
            }

            _counts[CoapServerCounters.RequestsIndex]++;
            DeduplicationTable exchanges = _exchanges;
            int offset;
            int answered;
            int retryAfter = _request._code == CoapCode.Get ? -1 : exchanges.RetryAfter(_source, (byte)_request._code, now);
            if (retryAfter >= 0)
            {
                // A write that could not be remembered is not processed (§4.5): 5.03, retry later (§5.9.3.4).
                _counts[CoapServerCounters.EvictionsIndex]++;
                answered = _handler.RespondUnavailable(_request, (uint)retryAfter, out offset);
                Send(_sendBuffer, offset, answered, length);
                return;
            }

            answered = _handler.Respond(_request, _source, oversized, now, out offset);
            if (answered < 0)
            {
                Drop(length);
                return;
            }

            // Remembered only once answered, so a fault can never leave an entry without its answer.
            int evictions = exchanges._evictions;
            int slot = exchanges.Remember(_source, _request._messageId, (byte)_request._code, confirmable, now, confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime, _sendBuffer, offset, answered);
            if (exchanges._evictions != evictions || slot < 0)
            {
                // A live entry was pushed out, or (slot -1) every slot holds a live write: a GET is
                // answered unremembered (safe to process again, §5.1).
                _counts[CoapServerCounters.EvictionsIndex]++;
            }

            Send(_sendBuffer, offset, answered, length);
        }

        // RFC 8613 §8.2: a request with an OSCORE option is verified and decrypted first; the layers above see the
        // plain request, and its answer is protected (§8.3) before it is remembered and sent. A refusal is
        // answered unprotected and not remembered (a retransmission is refused again).
        private void HandleProtectedRequest(int length, bool confirmable, bool oversized, long now)
        {
            _counts[CoapServerCounters.RequestsIndex]++;
            ICoapMessageSecurity security = _peers._security;
            int offset;
            int answered;
            int plainLength = oversized ? -CoapCode.RequestEntityTooLarge : security.UnprotectRequest(_receiveBuffer, length, _source);
            CoapParseResult result = CoapParseResult.Ok;
            if (plainLength >= 0)
            {
                result = _request.Parse(security.PlainBuffer, 0, plainLength);
            }

            if (plainLength < 0 || (result != CoapParseResult.Ok && result != CoapParseResult.TooManyOptions))
            {
                _counts[CoapServerCounters.SecurityRefusalsIndex]++;
                byte[] diagnostic = oversized ? null : security.RefusalDiagnostic;
                if (plainLength >= 0)
                {
                    // The plain request is not a CoAP message (its sender holds the key): 4.00, unprotected.
                    Parse(length);
                    plainLength = -CoapCode.BadRequest;
                    diagnostic = null;
                }

                answered = _handler.RespondRefused(_request, (byte)-plainLength, diagnostic, null, out offset);
                Send(_sendBuffer, offset, answered, length);
                return;
            }

            byte[] echo = security.EchoChallenge;
            if (echo != null)
            {
                // RFC 8613 Appendix B.1.2: the replay window is new; the request is answered, protected, with a
                // 4.01 carrying Echo (RFC 9175 §2.4), not processed. Not remembered: the repeat is a new request.
                _counts[CoapServerCounters.SecurityRefusalsIndex]++;
                answered = _handler.RespondRefused(_request, CoapCode.Unauthorized, null, echo, out offset);
                answered = security.ProtectResponse(_sendBuffer, offset, answered);
                if (answered > 0)
                {
                    Send(security.WireBuffer, 0, answered, length);
                }

                return;
            }

            // Peer slots the request takes (an observation, a separate response) are bound to it (PeerSlots.Set).
            _request._protected = true;
            answered = _handler.Respond(_request, _source, false, now, out offset);
            if (answered < 0)
            {
                Drop(length);
                return;
            }

            byte[] send = _sendBuffer;
            if (answered > 0 && send[offset + 1] != CoapCode.Empty)
            {
                answered = security.ProtectResponse(send, offset, answered);
                if (answered < 0)
                {
                    _counts[CoapServerCounters.SendFailuresIndex]++;
                    Drop(length);
                    return;
                }

                send = security.WireBuffer;
                offset = 0;
            }

            DeduplicationTable exchanges = _exchanges;
            int evictions = exchanges._evictions;
            int slotRemembered = exchanges.Remember(_source, _request._messageId, (byte)_request._code, confirmable, now, confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime, send, offset, answered);
            if (exchanges._evictions != evictions || slotRemembered < 0)
            {
                _counts[CoapServerCounters.EvictionsIndex]++;
            }

            Send(send, offset, answered, length);
        }

        // Parses the datagram in the receive buffer (as much as the buffer holds of it) into the request view.
        private CoapParseResult Parse(int length)
        {
            _parsed = true;
            int maxRequestSize = _receiveBuffer.Length - 1;
            return _request.Parse(_receiveBuffer, 0, length > maxRequestSize ? maxRequestSize : length);
        }

        // A datagram cut at the buffer's end fails to parse only in these ways.
        private static bool CutByBuffer(CoapParseResult result)
        {
            return result == CoapParseResult.TruncatedOption || result == CoapParseResult.OptionValueOverrun
                || result == CoapParseResult.EmptyPayloadAfterMarker || result == CoapParseResult.TooManyOptions;
        }

        // An ACK ends the CON of ours with its Message ID from that endpoint (§4.2); an RST ends the
        // message of ours it names, CON or NON (§4.3; for a notification RFC 7641 §3.6). True when it matched.
        private bool MatchOwn(bool reset, int messageId, int length)
        {
            RetransmissionTable table = _retransmissions;
            for (int slot = table.Find(messageId, reset, 0); slot >= 0; slot = table.Find(messageId, reset, slot + 1))
            {
                if (!_peers.IsFrom(slot, _source))
                {
                    continue;
                }

                table.Stop(slot);
                IConfirmableOwner owner = slot < _ownerSplit ? _lowOwner : _highOwner;
                if (reset)
                {
                    _counts[CoapServerCounters.ResetsReceivedIndex]++;
                    owner.Reset(slot);
                }
                else
                {
                    _counts[CoapServerCounters.AcknowledgedIndex]++;
                    owner.Acknowledged(slot, _clock.NowMilliseconds);
                }

                if (Trace != null)
                {
                    Log(null, 0, 0, length);
                }

                return true;
            }

            return false;
        }

        // §4.5: a NON duplicate is silently ignored; a CON reusing a NON's Message ID has no ACK to repeat
        // and is rejected; a CON duplicate gets its answer again: the same bytes while the replay cache
        // keeps them. Once they are gone, a GET is safe to process again (§5.1; §4.5 lets a server answer
        // idempotent requests anew), while any other method is not processed twice (a PUT could undo a
        // newer one): it is answered with its first answer's code and the request's token, without the
        // options and payload that went with it. An empty ACK is rebuilt exactly that way.
        private void AnswerDuplicate(int slot, bool confirmable, int length, long now)
        {
            _counts[CoapServerCounters.DuplicatesIndex]++;
            DeduplicationTable exchanges = _exchanges;
            byte[] buffer = _receiveBuffer;
            if (!confirmable)
            {
                if (Trace != null)
                {
                    Log(null, 0, 0, length);
                }

                return;
            }

            int messageId = (buffer[2] << 8) | buffer[3];
            int cachedLength;
            int cached = exchanges.Replay(slot, out cachedLength);
            if (cached >= 0)
            {
                Send(exchanges.Cache, cached, cachedLength, length);
                return;
            }

            if (cached == -2)
            {
                SendReset(messageId, length);
                return;
            }

            if (!exchanges.WasAnswered(slot))
            {
                if (Trace != null)
                {
                    Log(null, 0, 0, length);
                }

                return;
            }

            _counts[CoapServerCounters.ReplayMissesIndex]++;
            if (_peers._security != null)
            {
                Parse(length);
                if (_request._options[CoapMessage.OtherCriticalAt] != 0 && _request.FindOption(CoapOption.Oscore) >= 0)
                {
                    // RFC 8613 §7.4: a protected request is never processed twice, and its first answer is gone.
                    if (Trace != null)
                    {
                        Log(null, 0, 0, length);
                    }

                    return;
                }
            }

            byte code = exchanges.CodeOf(slot);
            if (code != CoapCode.Empty && exchanges.KindOf(slot) == DeduplicationTable.Safe)
            {
                bool oversized = length > MaxRequestSize;
                Parse(length);
                _counts[CoapServerCounters.RequestsIndex]++;
                int offset;
                int answered = _handler.Respond(_request, _source, oversized, now, out offset);
                if (answered < 0)
                {
                    Drop(length);
                    return;
                }

                exchanges.Answered(slot, (byte)_request._code, _sendBuffer, offset, answered, now);
                Send(_sendBuffer, offset, answered, length);
                return;
            }

            // The first answer's code in an ACK with the request's token (none for an empty ACK).
            byte[] send = _sendBuffer;
            int tokenLength = code == CoapCode.Empty ? 0 : buffer[0] & 0x0F;
            send[0] = (byte)(VersionBits | (Acknowledgement << 4) | tokenLength);
            send[1] = code;
            send[2] = buffer[2];
            send[3] = buffer[3];
            for (int i = 0; i < tokenLength; i++)
            {
                send[CoapMessage.HeaderLength + i] = buffer[CoapMessage.HeaderLength + i];
            }

            Send(send, 0, CoapMessage.HeaderLength + tokenLength, length);
        }

        // Sends an answer to the request's source (nothing when empty) and logs the exchange.
        private void Send(byte[] buffer, int offset, int answerLength, int length)
        {
            if (answerLength > 0 && !_transport.Send(buffer, offset, answerLength, _source))
            {
                _counts[CoapServerCounters.SendFailuresIndex]++;
            }

            if (Trace != null)
            {
                Log(buffer, offset, answerLength, length);
            }
        }

        // RFC 7252 §4.2: RST echoes the Message ID, carries no token and code 0.00.
        private void SendReset(int messageId, int length)
        {
            _counts[CoapServerCounters.ResetsIndex]++;
            byte[] send = _sendBuffer;
            send[0] = VersionBits | (Reset << 4);
            send[1] = CoapCode.Empty;
            send[2] = (byte)(messageId >> 8);
            send[3] = (byte)messageId;
            Send(send, 0, CoapMessage.HeaderLength, length);
        }

        private void Drop(int length)
        {
            _counts[CoapServerCounters.DroppedIndex]++;
            if (Trace != null)
            {
                Log(null, 0, 0, length);
            }
        }

        // A host's log of the exchange: the request view is filled for it when the datagram was decided
        // from its header alone. Called only when a trace is set (the check is at the call site: a call
        // costs a frame on nanoFramework, and a device without a trace pays nothing).
        private void Log(byte[] answer, int offset, int answerLength, int length)
        {
            ICoapServerTrace trace = Trace;
            if (trace == null)
            {
                return;
            }

            if (!_parsed)
            {
                Parse(length);
            }

            trace.Exchanged(_source, _request, answer, offset, answerLength);
        }
    }
}
