using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// The client's message layer (RFC 7252 §4): sorts incoming messages by type; matches ACK and RST
    /// to the CON in flight by Message ID and endpoint; acknowledges CON responses and rejects unexpected
    /// ones; message-id sublayer: duplicate handling (§4.5); message-type sublayer: retransmission (§4.2)
    /// through the same <see cref="RetransmissionTable"/> as the server's; NSTART (§4.7) when it sends.
    /// Every datagram the client sends leaves from the loop thread through here.
    /// </summary>
    internal sealed class ClientMessageLayer
    {
        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly ICoapRandom _random;
        private readonly CoapClientOptions _options;
        private readonly CoapClientCounters _counters;
        private readonly ExchangeTable _exchanges;
        private readonly RetransmissionTable _retransmissions;
        private readonly ResponseDeduplication _duplicates;
        private readonly ClientRequestLayer _requests;
        private readonly RequestWriter _writer;
        private readonly byte[] _empty = new byte[CoapMessage.HeaderLength];
        private readonly byte[] _receiveBuffer;
        private readonly CoapMessage _received;
        private readonly CoapEndpoint _source;
        private ushort _nextMessageId;
        private Thread _turnThread;
        private ICoapClientSecurity _security;
        private CoapMessage _plain;

        /// <summary>A message layer on <paramref name="transport"/>, the client's own.</summary>
        internal ClientMessageLayer(ICoapTransport transport, ICoapClock clock, ICoapRandom random, CoapClientOptions options, CoapClientCounters counters)
        {
            _transport = transport;
            _clock = clock;
            _random = random;
            _options = options;
            _counters = counters;
            _exchanges = new ExchangeTable(options.MaxExchanges);
            _retransmissions = new RetransmissionTable(options.MaxExchanges, random);
            _duplicates = new ResponseDeduplication(options.DeduplicationEntries);
            _requests = new ClientRequestLayer(options, counters, _exchanges, _retransmissions);
            _writer = new RequestWriter(options.MaxMessageSize);
            _receiveBuffer = new byte[options.MaxMessageSize + 1];
            _received = new CoapMessage(options.MaxOptions);
            _source = new CoapEndpoint();

            // RFC 7252 §4.4: Message IDs start at a random value.
            _nextMessageId = (ushort)random.Next(0x10000);
        }

        internal ExchangeTable Exchanges
        {
            get { return _exchanges; }
        }

        /// <summary>OSCORE for the requests that name a security context (RFC 8613); set once, before the loop runs.</summary>
        internal ICoapClientSecurity Security
        {
            get { return _security; }
            set
            {
                value.Attach(_options.MaxMessageSize);
                _plain = new CoapMessage(_options.MaxOptions);
                _security = value;
            }
        }

        /// <summary>True on the thread doing the client's work right now (its handlers run there).</summary>
        internal bool InTurn
        {
            get { return _turnThread != null && _turnThread == Thread.CurrentThread; }
        }

        /// <summary>Marks the calling thread as doing the client's work; returns what <see cref="LeaveTurn"/> restores.</summary>
        internal Thread EnterTurn()
        {
            Thread previous = _turnThread;
            _turnThread = Thread.CurrentThread;
            return previous;
        }

        /// <summary>Ends what <see cref="EnterTurn"/> began.</summary>
        internal void LeaveTurn(Thread previous)
        {
            _turnThread = previous;
        }

        /// <summary>Own transport: waits up to <paramref name="timeoutMilliseconds"/> for one datagram and handles it; false when none came.</summary>
        internal bool ReceiveOne(int timeoutMilliseconds)
        {
            int length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, _source, timeoutMilliseconds);
            if (length < 0)
            {
                return false;
            }

            HandleDatagram(length, _clock.NowMilliseconds);
            return true;
        }

        // A well-formed response, ACK or RST: true when it was taken (answered or ignored on purpose);
        // false leaves it to the rule for what answers nothing (HandleDatagram).
        private bool Take(CoapMessage message, CoapEndpoint source, long now)
        {
            CoapMessageType type = message.Type;
            bool ackOrReset = type == CoapMessageType.Acknowledgement || type == CoapMessageType.Reset;
            if (!ackOrReset && !CoapCode.IsResponse(message.Code))
            {
                return false;
            }

            if (ackOrReset)
            {
                return TakeAckOrReset(message, source, type == CoapMessageType.Reset, now);
            }

            TakeResponse(message, source, type == CoapMessageType.Confirmable, now);
            return true;
        }

        /// <summary>Sends what is due at <paramref name="now"/> (new requests, retransmissions) and ends what timed out; inside a turn.</summary>
        internal void Service(long now)
        {
            _exchanges.Collect();
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request == null)
                {
                    continue;
                }

                int cancel = Interlocked.Exchange(ref request.Exchange.Cancel, ExchangeState.NoCancel);
                if (cancel != ExchangeState.NoCancel)
                {
                    _requests.Cancelled(request, cancel);
                }
            }

            ServiceRetransmissions(now);
            _requests.ServiceDeadlines(now);
            SendQueued(now);
        }

        /// <summary>Milliseconds until <see cref="Service"/> has work (0: at once), or -1 when nothing is timed.</summary>
        internal long TimeToNextDeadline(long now)
        {
            if (_exchanges.HasSubmissions || HasSendable())
            {
                return 0;
            }

            long soonest = _retransmissions.TimeToNextDeadline(now);
            long requests = _requests.TimeToNextDeadline(now);
            if (requests >= 0 && (soonest < 0 || requests < soonest))
            {
                soonest = requests;
            }

            return soonest;
        }

        private void HandleDatagram(int length, long now)
        {
            // Longer than the buffer: cut, so only its header and token can be read (RFC 7252 §4.6).
            if (length > _options.MaxMessageSize)
            {
                _received.Parse(_receiveBuffer, 0, _options.MaxMessageSize);
                if (!_received.HasHeader || !CoapCode.IsResponse(_received.Code) || !TooLarge(_received, _source))
                {
                    _counters.Increment(CoapClientCounters.IgnoredIndex);
                }

                return;
            }

            CoapParseResult result = _received.Parse(_receiveBuffer, 0, length);
            if (!_received.HasHeader)
            {
                _counters.Increment(CoapClientCounters.IgnoredIndex);
                return;
            }

            if (result == CoapParseResult.Ok && Take(_received, _source, now))
            {
                return;
            }

            // A format error, a request or a ping sent to a client, an ACK or RST of nothing: a CON is
            // rejected, anything else ignored (RFC 7252 §4.2, §4.3).
            if (_received.Type == CoapMessageType.Confirmable)
            {
                SendEmpty(CoapMessageType.Reset, _received.MessageId, _source);
                _counters.Increment(CoapClientCounters.RejectedIndex);
            }
            else
            {
                _counters.Increment(CoapClientCounters.IgnoredIndex);
            }
        }

        // A response too large for the receive buffer ends its request with TooLarge; a CON one is
        // rejected so it is not sent again (§4.2). False when it answers no request.
        private bool TooLarge(CoapMessage message, CoapEndpoint source)
        {
            CoapRequest request;
            if (message.Type == CoapMessageType.Acknowledgement)
            {
                request = FindConfirmable(message.MessageId, source);
                if (request != null && !message.TokenEquals(request.Exchange.Tokens, 0, request.Exchange.TokenLength))
                {
                    request = null;
                }
            }
            else
            {
                request = message.Type == CoapMessageType.Reset ? null : _requests.Match(message, source);
            }

            if (request == null)
            {
                return false;
            }

            if (message.Type == CoapMessageType.Confirmable)
            {
                SendEmpty(CoapMessageType.Reset, message.MessageId, source);
                _counters.Increment(CoapClientCounters.RejectedIndex);
            }

            _requests.End(request, CoapClientResult.TooLarge);
            return true;
        }

        // RFC 7252 §4.2: an ACK or RST ends the CON with its Message ID sent to that endpoint.
        private bool TakeAckOrReset(CoapMessage message, CoapEndpoint source, bool reset, long now)
        {
            CoapRequest request = FindConfirmable(message.MessageId, source);
            if (request == null)
            {
                return false;
            }

            ExchangeState exchange = request.Exchange;
            if (reset)
            {
                _retransmissions.Stop(exchange.Slot);
                _requests.ResetBy(request);
                return true;
            }

            if (message.Code == CoapCode.Empty)
            {
                _retransmissions.Stop(exchange.Slot);
                _requests.Acknowledged(request, now);
                return true;
            }

            // §5.3.2: a piggybacked response must carry the request's token, else it is not ours: the
            // CON goes on being retransmitted.
            if (!CoapCode.IsResponse(message.Code) || !message.TokenEquals(exchange.Tokens, 0, exchange.TokenLength))
            {
                _counters.Increment(CoapClientCounters.IgnoredIndex);
                return true;
            }

            _retransmissions.Stop(exchange.Slot);
            _counters.Increment(CoapClientCounters.ResponsesIndex);
            message = Unprotect(request, message);
            if (message != null)
            {
                _requests.Respond(request, message, now);
            }

            return true;
        }

        // A separate response, a NON response or a notification (RFC 7252 §5.2.2, §5.2.3; RFC 7641 §3.2).
        private void TakeResponse(CoapMessage message, CoapEndpoint source, bool confirmable, long now)
        {
            int duplicate = _duplicates.Find(source, message.MessageId, now);
            if (duplicate >= 0)
            {
                // §4.5: the same answer again, nothing delivered again.
                _counters.Increment(CoapClientCounters.DuplicatesIndex);
                byte answer = _duplicates.AnswerOf(duplicate);
                if (confirmable && answer != ResponseDeduplication.AnsweredNothing)
                {
                    SendEmpty(answer == ResponseDeduplication.AnsweredAck ? CoapMessageType.Acknowledgement : CoapMessageType.Reset, message.MessageId, source);
                }

                return;
            }

            CoapRequest request = _requests.Match(message, source);
            if (request == null)
            {
                // §5.3.2: a response nobody waits for is rejected: a CON with RST, and a notification of
                // any type too, so the server ends an observation the client forgot (RFC 7641 §3.6).
                bool reject = confirmable || message.HasOption(CoapOption.Observe);
                if (reject)
                {
                    SendEmpty(CoapMessageType.Reset, message.MessageId, source);
                    _counters.Increment(CoapClientCounters.RejectedIndex);
                }
                else
                {
                    _counters.Increment(CoapClientCounters.IgnoredIndex);
                }

                _duplicates.Add(source, message.MessageId, confirmable, reject && confirmable ? ResponseDeduplication.AnsweredReset : ResponseDeduplication.AnsweredNothing, now);
                return;
            }

            // §4.2: a CON is acknowledged at once, whatever the response means to the request.
            if (confirmable)
            {
                SendEmpty(CoapMessageType.Acknowledgement, message.MessageId, source);
            }

            _duplicates.Add(source, message.MessageId, confirmable, confirmable ? ResponseDeduplication.AnsweredAck : ResponseDeduplication.AnsweredNothing, now);
            _counters.Increment(CoapClientCounters.ResponsesIndex);
            message = Unprotect(request, message);
            if (message != null)
            {
                _requests.Respond(request, message, now);
            }
        }

        private CoapRequest FindConfirmable(int messageId, CoapEndpoint source)
        {
            for (int slot = _retransmissions.Find(messageId, 0); slot >= 0; slot = _retransmissions.Find(messageId, slot + 1))
            {
                CoapRequest request = _exchanges.At(slot);
                if (request != null && request.Endpoint.SameAs(source))
                {
                    return request;
                }
            }

            return null;
        }

        // §4.2: retransmits every CON whose timeout expired, doubling it, and gives up after MAX_RETRANSMIT.
        private void ServiceRetransmissions(long now)
        {
            for (int slot = 0; slot < _retransmissions.Capacity; slot++)
            {
                if (!_retransmissions.IsDue(slot, now))
                {
                    continue;
                }

                CoapRequest request = _exchanges.At(slot);
                if (request == null)
                {
                    _retransmissions.Stop(slot);
                    continue;
                }

                if (_retransmissions.IsExhausted(slot))
                {
                    _retransmissions.Stop(slot);
                    _requests.TimedOut(request);
                    continue;
                }

                _retransmissions.Retransmitted(slot, now);
                _counters.Increment(CoapClientCounters.RetransmissionsIndex);
                ExchangeState exchange = request.Exchange;
                int length = _writer.Write(request, exchange.MessageId, exchange.Tokens, 0, exchange.TokenLength);
                if (length > 0)
                {
                    SendRequest(request, length);
                }
            }
        }

        // §4.7: sends queued messages in the order their requests were made, while their server has
        // fewer than NSTART outstanding interactions.
        private void SendQueued(long now)
        {
            while (true)
            {
                CoapRequest next = null;
                for (int slot = 0; slot < _exchanges.Capacity; slot++)
                {
                    CoapRequest request = _exchanges.At(slot);
                    if (request != null && request.Exchange.Phase == ExchangeState.Queued
                        && (next == null || request.Exchange.Sequence - next.Exchange.Sequence < 0)
                        && Outstanding(request.Endpoint) < _options.NStart)
                    {
                        next = request;
                    }
                }

                if (next == null)
                {
                    return;
                }

                Transmit(next, now);
            }
        }

        private bool HasSendable()
        {
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request != null && request.Exchange.Phase == ExchangeState.Queued && Outstanding(request.Endpoint) < _options.NStart)
                {
                    return true;
                }
            }

            return false;
        }

        private int Outstanding(CoapEndpoint endpoint)
        {
            int count = 0;
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request != null && request.Exchange.IsOutstanding && request.Endpoint.SameAs(endpoint))
                {
                    count++;
                }
            }

            return count;
        }

        // Sends the request's next message with a new Message ID (§4.4) and its token (§5.3.1).
        private void Transmit(CoapRequest request, long now)
        {
            ExchangeState exchange = request.Exchange;
            if (exchange.Kind == ExchangeState.Reregister || exchange.Kind == ExchangeState.Deregister)
            {
                // RFC 7641 §3.3.1, §3.6: the observation's token.
                System.Array.Copy(exchange.Tokens, CoapMessage.MaxTokenLength, exchange.Tokens, 0, exchange.ObserveTokenLength);
                exchange.TokenLength = exchange.ObserveTokenLength;
            }
            else
            {
                DrawToken(request);
                if (exchange.Kind == ExchangeState.Register)
                {
                    System.Array.Copy(exchange.Tokens, 0, exchange.Tokens, CoapMessage.MaxTokenLength, exchange.TokenLength);
                    exchange.ObserveTokenLength = exchange.TokenLength;
                }
            }

            int messageId = _nextMessageId++;
            int length = _writer.Write(request, messageId, exchange.Tokens, 0, exchange.TokenLength);
            if (length < 0 && !FitInBlocks(request, messageId, out length))
            {
                _requests.End(request, CoapClientResult.InvalidRequest);
                return;
            }

            if (request.SecurityContext >= 0)
            {
                // RFC 8613 §8.1: a new message, a new Partial IV (a retransmission repeats it, bytes and all).
                long partialIv = _security.NextPartialIv(request.SecurityContext);
                if (partialIv < 0)
                {
                    _counters.Increment(CoapClientCounters.ProtectionFailuresIndex);
                    _requests.End(request, CoapClientResult.ProtectionFailed);
                    return;
                }

                exchange.PartialIv = partialIv;
                if (exchange.EchoState == ExchangeState.EchoDue)
                {
                    exchange.EchoState = ExchangeState.EchoSent;
                }
            }

            exchange.MessageId = messageId;
            _counters.Increment(CoapClientCounters.RequestsIndex);
            if (exchange.Block1Num > 0 || exchange.Block2Num > 0 || exchange.Kind == ExchangeState.NotificationBlocks)
            {
                _counters.Increment(CoapClientCounters.BlockRequestsIndex);
            }

            if (request.Confirmable)
            {
                _retransmissions.Start(exchange.Slot, messageId, now);
                exchange.Phase = ExchangeState.AwaitingAck;
            }
            else
            {
                exchange.Phase = ExchangeState.AwaitingResponse;
                exchange.Deadline = now + _options.ResponseTimeoutMilliseconds;
            }

            SendRequest(request, length);
        }

        // The request's message just written, protected when it names a security context (RFC 8613 §8.1).
        private void SendRequest(CoapRequest request, int length)
        {
            int context = request.SecurityContext;
            if (context < 0)
            {
                Send(_writer.Buffer, length, request.Endpoint);
                return;
            }

            ICoapClientSecurity security = _security;
            length = security.ProtectRequest(context, _writer.Buffer, length, request.Exchange.PartialIv);
            if (length > 0)
            {
                Send(security.WireBuffer, length, request.Endpoint);
                return;
            }

            // It cannot be protected (an option OSCORE does not carry, such as Proxy-Uri, RFC 8613 §4.1.3.3).
            _counters.Increment(CoapClientCounters.ProtectionFailuresIndex);
            _requests.End(request, CoapClientResult.ProtectionFailed);
        }

        // RFC 8613 §8.4: the response to a protected request, verified and decrypted, or null when it was taken here: a
        // failure (the request ends, a notification is dropped), a notification not newer than the last (§7.4.1), or
        // an Echo challenge answered by sending the request again (RFC 9175 §2.4). Unprotected requests: as it is.
        private CoapMessage Unprotect(CoapRequest request, CoapMessage message)
        {
            int context = request.SecurityContext;
            if (context < 0)
            {
                return message;
            }

            ExchangeState exchange = request.Exchange;
            ICoapClientSecurity security = _security;
            bool current = message.Type == CoapMessageType.Acknowledgement
                || (exchange.IsAwaiting && message.TokenEquals(exchange.Tokens, 0, exchange.TokenLength));
            long partialIv = current ? exchange.PartialIv : exchange.ObservePartialIv;
            int length = security.UnprotectResponse(context, message.Buffer, message.Length, partialIv);
            if (length == -2 && current && exchange.ObservePartialIv >= 0 && exchange.ObservePartialIv != partialIv)
            {
                // A notification of the observation that crossed a re-registration or deregistration (§8.3: it is
                // bound to the registration it answers).
                current = false;
                length = security.UnprotectResponse(context, message.Buffer, message.Length, exchange.ObservePartialIv);
            }

            if (length < 0)
            {
                _counters.Increment(CoapClientCounters.ProtectionFailuresIndex);
                if (current)
                {
                    Refused(request, message, length == -1);
                }

                return null;
            }

            CoapMessage plain = _plain;
            if (plain.Parse(security.PlainBuffer, 0, length) != CoapParseResult.Ok)
            {
                _counters.Increment(CoapClientCounters.ProtectionFailuresIndex);
                if (current)
                {
                    _requests.End(request, CoapClientResult.ProtectionFailed);
                }

                return null;
            }

            if (plain.HasOption(CoapOption.Observe) && CoapCode.ClassOf(plain.Code) == 2 && exchange.ObserveTokenLength > 0)
            {
                // §4.1.3.5.2, §7.4.1: a notification has a Partial IV of its own, newer than every one accepted.
                long notification = security.ResponsePartialIv;
                if (notification < 0)
                {
                    _counters.Increment(CoapClientCounters.ProtectionFailuresIndex);
                    return null;
                }

                if (notification <= exchange.NotificationNumber)
                {
                    _counters.Increment(CoapClientCounters.StaleNotificationsIndex);
                    return null;
                }

                exchange.NotificationNumber = notification;
                if (current && (exchange.Kind == ExchangeState.Register || exchange.Kind == ExchangeState.Reregister))
                {
                    exchange.ObservePartialIv = exchange.PartialIv;
                }
            }

            if (current)
            {
                if (plain.Code == CoapCode.Unauthorized && exchange.EchoState != ExchangeState.EchoSent && Challenged(request, plain))
                {
                    return null;
                }

                exchange.EchoState = ExchangeState.EchoNone;
            }

            return plain;
        }

        // RFC 8613 Appendix B.1.2, RFC 9175 §2.4: a protected 4.01 with Echo asks for the request again with that value
        // (once); true when it was queued so.
        private bool Challenged(CoapRequest request, CoapMessage plain)
        {
            int at = plain.FindOption(CoapOption.Echo);
            int length = at < 0 ? 0 : plain.GetOptionLength(at);
            if (length < 1 || length > ExchangeState.MaxEchoLength)
            {
                return false;
            }

            ExchangeState exchange = request.Exchange;
            System.Array.Copy(plain.Buffer, plain.GetOptionOffset(at), exchange.Echo, 0, length);
            exchange.EchoLength = length;
            exchange.EchoState = ExchangeState.EchoDue;
            _retransmissions.Stop(exchange.Slot);
            exchange.Phase = ExchangeState.Queued;
            _counters.Increment(CoapClientCounters.EchoRetriesIndex);
            return true;
        }

        // A response to the message in flight that is not protected or does not verify ends the request. An unprotected
        // error (a server's OSCORE refusal, RFC 8613 §8.2) leaves its code and diagnostic for the caller.
        private void Refused(CoapRequest request, CoapMessage message, bool unprotected)
        {
            int cls = CoapCode.ClassOf(message.Code);
            if (unprotected && (cls == 4 || cls == 5) && Block2Reassembly.CopyWhole(request, message) == Block2Reassembly.Complete)
            {
                request.Delivered(message, -1);
            }

            _requests.End(request, CoapClientResult.ProtectionFailed);
        }

        // RFC 7959 §2.3: a payload that does not fit goes in the largest Block1 blocks that do.
        private bool FitInBlocks(CoapRequest request, int messageId, out int length)
        {
            ExchangeState exchange = request.Exchange;
            length = -1;
            if (exchange.Block1Szx >= 0 || exchange.Block1Num > 0 || request.SendPayloadLength == 0 || exchange.Kind != ExchangeState.Plain)
            {
                return false;
            }

            for (int szx = BlockOption.MaxSzx; szx >= 0 && length < 0; szx--)
            {
                exchange.Block1Szx = szx;
                length = _writer.Write(request, messageId, exchange.Tokens, 0, exchange.TokenLength);
            }

            if (length < 0)
            {
                exchange.Block1Szx = -1;
            }

            return length >= 0;
        }

        // §5.3.1: a fresh random token, different from every token in use with the same server.
        private void DrawToken(CoapRequest request)
        {
            ExchangeState exchange = request.Exchange;
            int length = _options.TokenLength;
            exchange.TokenLength = 0;
            for (int attempt = 0; attempt < 4; attempt++)
            {
                for (int i = 0; i < length; i++)
                {
                    exchange.Tokens[i] = (byte)_random.Next(256);
                }

                if (!_requests.TokenInUse(request.Endpoint, exchange.Tokens, 0, length))
                {
                    exchange.TokenLength = length;
                    return;
                }
            }

            // A random source that keeps repeating itself: count up from the last draw until unique.
            while (_requests.TokenInUse(request.Endpoint, exchange.Tokens, 0, length))
            {
                for (int i = length - 1; i >= 0 && ++exchange.Tokens[i] == 0; i--)
                {
                }
            }

            exchange.TokenLength = length;
        }

        private void SendEmpty(CoapMessageType type, int messageId, CoapEndpoint destination)
        {
            // RFC 7252 §4.1: an Empty message is the 4-byte header alone, code 0.00.
            _empty[0] = (byte)((CoapMessage.ProtocolVersion << 6) | ((int)type << 4));
            _empty[1] = CoapCode.Empty;
            _empty[2] = (byte)(messageId >> 8);
            _empty[3] = (byte)messageId;
            Send(_empty, _empty.Length, destination);
        }

        private void Send(byte[] buffer, int length, CoapEndpoint destination)
        {
            if (!_transport.Send(buffer, 0, length, destination))
            {
                _counters.Increment(CoapClientCounters.SendFailuresIndex);
            }
        }
    }
}
