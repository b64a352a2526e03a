using System;
using System.Collections;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A CoAP server (RFC 7252): one receive buffer, one send buffer, a resource registry and fixed
    /// tables, all allocated in the constructor. Requests are parsed in place, answered in place and
    /// deduplicated; nothing is allocated or logged per request.
    /// </summary>
    public sealed class CoapServer
    {
        private readonly ICoapTransport _transport;
        private readonly ICoapClock _clock;
        private readonly CoapServerOptions _options;
        private readonly byte[] _receiveBuffer;
        private readonly byte[] _sendBuffer;
        private readonly CoapMessage _request;
        private readonly CoapMessageWriter _writer;
        private readonly CoapResponse _response;
        private readonly CoapEndpoint _source = new CoapEndpoint();
        private readonly DeduplicationTable _exchanges;
        private readonly ArrayList _resources = new ArrayList();
        private CoapResource[] _resourceTable = new CoapResource[0];
        private ushort _nextMessageId;
        private readonly object _stopGate = new object();
        private bool _stopRequested;
        private Thread _thread;

        /// <summary>Creates a server on <paramref name="transport"/>; <paramref name="random"/> seeds Message IDs (RFC 7252 §4.4).</summary>
        public CoapServer(ICoapTransport transport, ICoapClock clock, Random random, CoapServerOptions options)
        {
            if (transport == null || clock == null || random == null)
            {
                throw new ArgumentNullException(transport == null ? "transport" : (clock == null ? "clock" : "random"));
            }

            _transport = transport;
            _clock = clock;
            _options = options ?? new CoapServerOptions();

            // Room for a header, an 8-byte token and a short error response; anything smaller cannot answer.
            if (_options.MaxRequestSize < 64 || _options.MaxResponseSize < 64 || _options.MaxOptions < 1 || _options.DeduplicationEntries < 1)
            {
                throw new ArgumentOutOfRangeException("options", "buffers need at least 64 bytes, tables at least one entry");
            }

            _receiveBuffer = new byte[_options.MaxRequestSize + 1];
            _sendBuffer = new byte[_options.MaxResponseSize];
            _request = new CoapMessage(_options.MaxOptions);
            _writer = new CoapMessageWriter();
            _response = new CoapResponse(_writer);
            _exchanges = new DeduplicationTable(_options.DeduplicationEntries, _options.MaxResponseSize);
            _nextMessageId = (ushort)random.Next(0x10000);
            Counters = new CoapServerCounters();
        }

        /// <summary>What the server has done so far.</summary>
        public CoapServerCounters Counters { get; private set; }

        /// <summary>The options the server was sized with.</summary>
        public CoapServerOptions Options
        {
            get { return _options; }
        }

        /// <summary>The deduplication table (for diagnostics).</summary>
        public DeduplicationTable Exchanges
        {
            get { return _exchanges; }
        }

        /// <summary>Registered resources, in registration order.</summary>
        public CoapResource[] Resources
        {
            get { return _resourceTable; }
        }

        /// <summary>Registers a resource (at start-up). A second resource on the same path is refused.</summary>
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

            _resources.Add(resource);
            CoapResource[] table = new CoapResource[_resources.Count];
            _resources.CopyTo(table, 0);
            _resourceTable = table;
        }

        /// <summary>Starts the receive loop on its own thread.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                return;
            }

            SetStopRequested(false);
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Asks the loop to stop and waits up to <paramref name="timeoutMilliseconds"/> for it; true when it stopped.</summary>
        public bool Stop(int timeoutMilliseconds)
        {
            SetStopRequested(true);
            Thread thread = _thread;
            if (thread == null)
            {
                return true;
            }

            bool stopped = thread.Join(timeoutMilliseconds);
            if (stopped)
            {
                _thread = null;
            }

            return stopped;
        }

        /// <summary>Serves until <see cref="Stop"/>: nothing a datagram or the transport does ends the loop.</summary>
        public void Run()
        {
            while (!StopRequested)
            {
                try
                {
                    Poll(_options.ReceivePollMilliseconds);
                }
                catch (Exception)
                {
                    // The loop must survive anything (design: no exception escapes a receive loop).
                    Counters.LoopFaults++;
                }
            }
        }

        // A lock rather than volatile: nanoFramework has no volatile fields.
        private bool StopRequested
        {
            get
            {
                lock (_stopGate)
                {
                    return _stopRequested;
                }
            }
        }

        private void SetStopRequested(bool value)
        {
            lock (_stopGate)
            {
                _stopRequested = value;
            }
        }

        /// <summary>Receives and answers at most one datagram; false when none arrived in time.</summary>
        public bool Poll(int timeoutMilliseconds)
        {
            int length = _transport.Receive(_receiveBuffer, 0, _receiveBuffer.Length, _source, timeoutMilliseconds);
            if (length < 0)
            {
                return false;
            }

            int responseLength = Handle(length);
            if (responseLength > 0 && !_transport.Send(_sendBuffer, 0, responseLength, _source))
            {
                Counters.SendFailures++;
            }

            return true;
        }

        // Returns the length of the answer written into _sendBuffer, 0 for none.
        private int Handle(int length)
        {
            Counters.Datagrams++;
            bool oversized = length > _options.MaxRequestSize;
            CoapParseResult result = _request.Parse(_receiveBuffer, 0, oversized ? _options.MaxRequestSize : length);

            // RFC 7252 §3: shorter than a header or an unknown version: silently ignored.
            // RFC 7252 §4.2, §4.3: ACK and RST are never answered; no CON of ours is outstanding.
            if (!_request.HasHeader || _request.Type == CoapMessageType.Acknowledgement || _request.Type == CoapMessageType.Reset)
            {
                Counters.Dropped++;
                return 0;
            }

            bool wellFormed = result == CoapParseResult.Ok || result == CoapParseResult.TooManyOptions
                || (oversized && CutByBuffer(result));

            // Format errors, pings (Empty CON, §4.3), responses and reserved classes cannot be processed:
            // a CON is rejected with RST, anything else ignored (§4.2, §4.3).
            if (!wellFormed || !CoapCode.IsRequest(_request.Code))
            {
                return Reject();
            }

            return HandleRequest(oversized);
        }

        // A datagram cut at the buffer's end fails to parse only in these ways.
        private static bool CutByBuffer(CoapParseResult result)
        {
            return result == CoapParseResult.Ok || result == CoapParseResult.TruncatedOption
                || result == CoapParseResult.OptionValueOverrun || result == CoapParseResult.EmptyPayloadAfterMarker
                || result == CoapParseResult.TooManyOptions;
        }

        private int Reject()
        {
            if (_request.Type == CoapMessageType.Confirmable)
            {
                return WriteReset();
            }

            Counters.Dropped++;
            return 0;
        }

        private int HandleRequest(bool oversized)
        {
            long now = _clock.NowMilliseconds;
            bool confirmable = _request.Type == CoapMessageType.Confirmable;

            // RFC 7252 §4.5: a duplicate (same endpoint and Message ID) is processed only once. A CON gets
            // the same ACK again; a NON is silently ignored; a CON reusing a NON's Message ID has no ACK
            // to repeat and is rejected.
            int slot = _exchanges.Find(_source, _request.MessageId, now);
            if (slot >= 0)
            {
                Counters.Duplicates++;
                if (!confirmable)
                {
                    return 0;
                }

                if (!_exchanges.IsConfirmable(slot))
                {
                    return WriteReset();
                }

                int stored = _exchanges.GetResponseLength(slot);
                Array.Copy(_exchanges.GetResponse(slot), 0, _sendBuffer, 0, stored);
                return stored;
            }

            Counters.Requests++;
            int length;
            try
            {
                length = Respond(oversized);
            }
            catch (Exception)
            {
                // Resource code that throws costs one 5.00, never the server (RFC 7252 §5.9.3.1).
                Counters.HandlerFaults++;
                WriteError(CoapCode.InternalServerError, "handler failed");
                length = Finish();
            }

            if (length < 0)
            {
                Counters.Dropped++;
                return 0;
            }

            // Remembered only once answered, so a fault can never leave an entry without its response.
            slot = _exchanges.Add(_source, _request.MessageId, confirmable, now, confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime);
            _exchanges.StoreResponse(slot, _sendBuffer, 0, length);
            return length;
        }

        // Writes the response; returns its length (0: none), or -1 when the request is to be rejected silently.
        private int Respond(bool oversized)
        {
            byte code = _request.Code;
            if (oversized)
            {
                return WriteTooLarge();
            }

            BeginResponse(DefaultSuccess(code));
            if (_request.Result == CoapParseResult.TooManyOptions)
            {
                WriteErrorWithNumber(CoapCode.BadRequest, "too many options, at most ", _options.MaxOptions);
                return Finish();
            }

            int bad = CoapOptionRules.FindUnrecognizedCritical(_request);
            if (bad >= 0)
            {
                // RFC 7252 §5.4.1: in a CON -> 4.02 naming the option; in a NON -> rejected (§4.3).
                if (_request.Type != CoapMessageType.Confirmable)
                {
                    return -1;
                }

                WriteErrorWithNumber(CoapCode.BadOption, "unrecognized critical option ", _request.GetOptionNumber(bad));
                return Finish();
            }

            CoapResource resource = CheckRequest(code);
            if (resource == null)
            {
                return Finish();
            }

            if (code == CoapCode.Get)
            {
                resource.Get(_request, _response);
            }
            else if (code == CoapCode.Post)
            {
                resource.Post(_request, _response);
            }
            else if (code == CoapCode.Put)
            {
                resource.Put(_request, _response);
            }
            else
            {
                resource.Delete(_request, _response);
            }

            if (!CoapCode.IsResponse(_response.Code))
            {
                // Only 2.xx, 4.xx and 5.xx may answer a request (RFC 7252 §5.9).
                WriteError(CoapCode.InternalServerError, "invalid response code");
            }
            else if (!_writer.IsOk)
            {
                WriteError(CoapCode.InternalServerError, _writer.Result == CoapWriteResult.DoesNotFit ? "response too large" : "invalid response");
            }

            return Finish();
        }

        // Checks in the order the RFC gives them; returns the target resource, or writes the error
        // response and returns null on the first failure.
        private CoapResource CheckRequest(byte code)
        {
            if (_request.HasOption(CoapOption.ProxyUri) || _request.HasOption(CoapOption.ProxyScheme))
            {
                // RFC 7252 §5.7.2: not a proxy.
                WriteError(CoapCode.ProxyingNotSupported, "not a proxy");
                return null;
            }

            if (code > CoapCode.Delete)
            {
                // RFC 7252 §5.8: unknown or unsupported method -> 4.05.
                WriteError(CoapCode.MethodNotAllowed, null);
                return null;
            }

            CoapResource resource = FindResource();
            if (resource == null)
            {
                WriteError(CoapCode.NotFound, null);
                return null;
            }

            if (!CoapMethods.Contains(resource.Methods, code))
            {
                WriteError(CoapCode.MethodNotAllowed, null);
                return null;
            }

            if (_request.PayloadLength > 0)
            {
                // RFC 7252 §5.10.3: Content-Format describes the payload; absent (or unusable) means unknown.
                uint format;
                int contentFormat = CoapOptionRules.TryGetUInt(_request, CoapOption.ContentFormat, 0, out format)
                    ? (int)format
                    : CoapContentFormat.None;
                if (!resource.Accepts(code, contentFormat))
                {
                    WriteError(CoapCode.UnsupportedContentFormat, null);
                    return null;
                }
            }

            uint accept;
            if (CoapOptionRules.TryGetUInt(_request, CoapOption.Accept, 0, out accept) && !resource.CanProduce((int)accept))
            {
                // RFC 7252 §5.10.4: cannot answer in the format asked for -> 4.06.
                WriteError(CoapCode.NotAcceptable, null);
                return null;
            }

            return resource;
        }

        private CoapResource FindResource()
        {
            CoapResource[] table = _resourceTable;
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].MatchesPath(_request))
                {
                    return table[i];
                }
            }

            return null;
        }

        // RFC 7252 §5.9.2.9: a request larger than the buffer gets 4.13 with Size1, the payload
        // size that would fit after the header, token and options seen before the cut.
        private int WriteTooLarge()
        {
            int overhead;
            if (_request.Result == CoapParseResult.Ok && _request.PayloadLength > 0)
            {
                overhead = _request.PayloadOffset;
            }
            else if (_request.OptionCount > 0)
            {
                int last = _request.OptionCount - 1;
                overhead = _request.GetOptionOffset(last) + _request.GetOptionLength(last) + 1;
            }
            else
            {
                overhead = CoapMessage.HeaderLength + _request.TokenLength + 1;
            }

            int room = _options.MaxRequestSize - overhead;
            BeginResponse(CoapCode.RequestEntityTooLarge);
            _writer.AddUIntOption(CoapOption.Size1, room > 0 ? (uint)room : 0);
            _writer.AddPayloadAscii("request too large");
            return Finish();
        }

        private void BeginResponse(byte code)
        {
            CoapMessageType type;
            ushort messageId;
            if (_request.Type == CoapMessageType.Confirmable)
            {
                // RFC 7252 §5.2.1: piggybacked in the ACK, same Message ID.
                type = CoapMessageType.Acknowledgement;
                messageId = _request.MessageId;
            }
            else
            {
                // RFC 7252 §5.2.3: NON request -> NON response with a fresh Message ID.
                type = CoapMessageType.NonConfirmable;
                messageId = _nextMessageId++;
            }

            // RFC 7252 §5.3.2: the response echoes the request's token.
            _writer.Begin(_sendBuffer, 0, _sendBuffer.Length, type, code, messageId, _request.Buffer, _request.TokenOffset, _request.TokenLength);
            _response.Reset(code);
        }

        private void WriteError(byte code, string diagnostic)
        {
            BeginResponse(code);
            if (diagnostic != null)
            {
                _writer.AddPayloadAscii(diagnostic);
            }
        }

        private void WriteErrorWithNumber(byte code, string diagnostic, int number)
        {
            WriteError(code, diagnostic);
            int at = _writer.OpenPayload();
            if (at >= 0)
            {
                _writer.CommitPayload(AsciiNumber.Write(number, _sendBuffer, at));
            }
        }

        // Applies No-Response (RFC 7967 §2), counts the response and returns its length.
        private int Finish()
        {
            byte code = _sendBuffer[1];
            int codeClass = CoapCode.ClassOf(code);
            uint noResponse;
            if (CoapOptionRules.TryGetUInt(_request, CoapOption.NoResponse, 0, out noResponse) && Suppressed(noResponse, codeClass))
            {
                if (_request.Type != CoapMessageType.Confirmable)
                {
                    return 0;
                }

                // A CON still needs its ACK (RFC 7967 §2.1): an empty one.
                Counters.EmptyAcks++;
                _writer.Begin(_sendBuffer, 0, _sendBuffer.Length, CoapMessageType.Acknowledgement, CoapCode.Empty, _request.MessageId, null, 0, 0);
                return _writer.Length;
            }

            if (codeClass == 2)
            {
                Counters.Success++;
            }
            else if (codeClass == 4)
            {
                Counters.ClientErrors++;
            }
            else
            {
                Counters.ServerErrors++;
            }

            return _writer.Length;
        }

        // RFC 7967 §2.1: bit 2 suppresses 2.xx, bit 8 4.xx, bit 16 5.xx.
        private static bool Suppressed(uint noResponse, int codeClass)
        {
            return (codeClass == 2 && (noResponse & 0x02) != 0)
                || (codeClass == 4 && (noResponse & 0x08) != 0)
                || (codeClass == 5 && (noResponse & 0x10) != 0);
        }

        private static byte DefaultSuccess(byte method)
        {
            if (method == CoapCode.Get)
            {
                return CoapCode.Content;
            }

            return method == CoapCode.Delete ? CoapCode.Deleted : CoapCode.Changed;
        }

        // RFC 7252 §4.2: RST echoes the Message ID, carries no token and code 0.00.
        private int WriteReset()
        {
            Counters.Resets++;
            _writer.Begin(_sendBuffer, 0, _sendBuffer.Length, CoapMessageType.Reset, CoapCode.Empty, _request.MessageId, null, 0, 0);
            return _writer.Length;
        }
    }
}
