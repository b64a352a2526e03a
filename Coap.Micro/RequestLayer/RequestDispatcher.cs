using System;

namespace Coap.Micro
{
    /// <summary>
    /// The request/response layer (RFC 7252 §5): checks a request in the order the RFC gives, finds its
    /// resource, runs the handler, and writes the response: piggybacked in the ACK of a CON (§5.2.1), a
    /// NON for a NON (§5.2.3), or an empty ACK now and the response later (§5.2.2). Observe
    /// registrations (RFC 7641 §4.1) and No-Response (RFC 7967) are applied here.
    /// </summary>
    internal sealed class RequestDispatcher
    {
        private readonly CoapServer _server;
        private readonly CoapServerOptions _options;
        private readonly CoapServerCounters _counters;
        private readonly CoapResponse _response;
        private readonly MessageLayer _messages;
        private readonly ObserveLayer _observe;
        private readonly SeparateResponseTable _separate;

        internal RequestDispatcher(CoapServer server, CoapServerOptions options, CoapServerCounters counters, CoapResponse response, MessageLayer messages, ObserveLayer observe, SeparateResponseTable separate)
        {
            _server = server;
            _options = options;
            _counters = counters;
            _response = response;
            _messages = messages;
            _observe = observe;
            _separate = separate;
        }

        /// <summary>
        /// Writes the answer to <paramref name="request"/> from <paramref name="source"/>. Returns its
        /// length (0: nothing to send now) and offset in the response buffer, or -1 when the request is
        /// to be rejected silently.
        /// </summary>
        internal int Respond(CoapMessage request, CoapEndpoint source, bool oversized, long now, out int offset)
        {
            offset = 0;
            BeginResponse(request, DefaultSuccess(request.Code));
            int registration = -1;
            try
            {
                if (oversized)
                {
                    WriteTooLarge(request);
                    return Finish(request, out offset);
                }

                bool reject;
                CoapResource resource = Check(request, out reject);
                if (reject)
                {
                    return -1;
                }

                if (resource == null)
                {
                    return Finish(request, out offset);
                }

                registration = _observe.Prepare(resource, request, source);
                Invoke(resource, request);
                int ticket = _response.DeferredTicket;
                if (ticket >= 0 && _response.IsOk)
                {
                    _observe.Abandon(registration);
                    return Defer(ticket, resource, request, source, out offset);
                }

                Release(ticket);
                CheckHandlerResponse();
                _observe.Complete(registration, resource, request, source, _response, now);
                return Finish(request, out offset);
            }
            catch (Exception)
            {
                // Resource code that throws costs one 5.00, never the server (RFC 7252 §5.9.3.1).
                _counters.Increment(CoapServerCounters.HandlerFaultsIndex);
                _observe.Abandon(registration);
                Release(_response.DeferredTicket);
                WriteError(CoapCode.InternalServerError, Diagnostics.HandlerFailed);
                return Finish(request, out offset);
            }
        }

        // Checks in the order the RFC gives them. Returns the target resource, or null with the error
        // response written, or null and reject when the request is to be ignored.
        private CoapResource Check(CoapMessage request, out bool reject)
        {
            reject = false;
            if (request.Result == CoapParseResult.TooManyOptions)
            {
                WriteError(CoapCode.BadRequest, Diagnostics.TooManyOptions);
                _response.AddPayloadNumber(_options.MaxOptions);
                return null;
            }

            int bad = CoapOptionRules.FindUnrecognizedCritical(request);
            if (bad >= 0)
            {
                // RFC 7252 §5.4.1: in a CON -> 4.02 naming the option; in a NON -> rejected (§4.3).
                if (request.Type != CoapMessageType.Confirmable)
                {
                    reject = true;
                    return null;
                }

                WriteError(CoapCode.BadOption, Diagnostics.UnrecognizedCriticalOption);
                _response.AddPayloadNumber(request.GetOptionNumber(bad));
                return null;
            }

            if (request.HasOption(CoapOption.ProxyUri) || request.HasOption(CoapOption.ProxyScheme))
            {
                // RFC 7252 §5.7.2: not a proxy.
                WriteError(CoapCode.ProxyingNotSupported, Diagnostics.NotAProxy);
                return null;
            }

            byte code = request.Code;
            if (code > CoapCode.Delete)
            {
                // RFC 7252 §5.8: unknown or unsupported method -> 4.05.
                WriteError(CoapCode.MethodNotAllowed, null);
                return null;
            }

            CoapResource resource = _server.FindResource(request);
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

            if (request.PayloadLength > 0)
            {
                // RFC 7252 §5.10.3: Content-Format describes the payload; absent (or unusable) means unknown.
                uint format;
                int contentFormat = CoapOptionRules.TryGetUInt(request, CoapOption.ContentFormat, 0, out format)
                    ? (int)format
                    : CoapContentFormat.None;
                if (!resource.Accepts(code, contentFormat))
                {
                    WriteError(CoapCode.UnsupportedContentFormat, null);
                    return null;
                }
            }

            uint accept;
            if (CoapOptionRules.TryGetUInt(request, CoapOption.Accept, 0, out accept) && !resource.CanProduce((int)accept))
            {
                // RFC 7252 §5.10.4: cannot answer in the format asked for -> 4.06.
                WriteError(CoapCode.NotAcceptable, null);
                return null;
            }

            return resource;
        }

        private void Invoke(CoapResource resource, CoapMessage request)
        {
            byte code = request.Code;
            if (code == CoapCode.Get)
            {
                resource.Get(request, _response);
            }
            else if (code == CoapCode.Post)
            {
                resource.Post(request, _response);
            }
            else if (code == CoapCode.Put)
            {
                resource.Put(request, _response);
            }
            else
            {
                resource.Delete(request, _response);
            }
        }

        // Replaces what a handler wrote with 5.00 when it is not a valid response (RFC 7252 §5.9).
        private void CheckHandlerResponse()
        {
            if (!CoapCode.IsResponse(_response.Code))
            {
                // Only 2.xx, 4.xx and 5.xx may answer a request.
                WriteError(CoapCode.InternalServerError, Diagnostics.InvalidResponseCode);
            }
            else if (!_response.IsOk)
            {
                WriteError(CoapCode.InternalServerError, _response.Result == CoapWriteResult.DoesNotFit ? Diagnostics.ResponseTooLarge : Diagnostics.InvalidResponse);
            }
        }

        // RFC 7252 §5.2.2: the CON is acknowledged now with an empty ACK; the response follows when the
        // resource says it is ready. A NON gets nothing now.
        private int Defer(int ticket, CoapResource resource, CoapMessage request, CoapEndpoint source, out int offset)
        {
            offset = 0;
            _separate.Fill(ticket, resource.Index, source, request);
            if (request.Type != CoapMessageType.Confirmable)
            {
                return 0;
            }

            _counters.Increment(CoapServerCounters.EmptyAcksIndex);
            _response.Begin(CoapMessageType.Acknowledgement, CoapCode.Empty, request.MessageId, null, 0, 0, null);
            return _response.Finish(out offset);
        }

        // A reservation whose request was not deferred after all is given back; a refused one
        // (the table was full) turns the response into 5.03 (RFC 7252 §5.9.3.4).
        private void Release(int ticket)
        {
            if (ticket >= 0)
            {
                _separate.Release(SeparateResponseTable.SlotOf(ticket));
            }
            else if (_response.DeferRefused)
            {
                WriteError(CoapCode.ServiceUnavailable, Diagnostics.TooManyWaiting);
                _response.SetMaxAge(SeparateResponder.RetryAfterSeconds);
            }
        }

        // RFC 7252 §5.9.2.9: a request larger than the buffer gets 4.13 with Size1, the payload
        // size that would fit after the header, token and options seen before the cut.
        private void WriteTooLarge(CoapMessage request)
        {
            int overhead;
            if (request.Result == CoapParseResult.Ok && request.PayloadLength > 0)
            {
                overhead = request.PayloadOffset;
            }
            else if (request.OptionCount > 0)
            {
                int last = request.OptionCount - 1;
                overhead = request.GetOptionOffset(last) + request.GetOptionLength(last) + 1;
            }
            else
            {
                overhead = CoapMessage.HeaderLength + request.TokenLength + 1;
            }

            int room = _options.MaxRequestSize - overhead;
            WriteError(CoapCode.RequestEntityTooLarge, Diagnostics.RequestTooLarge);
            _response.AddUIntOption(CoapOption.Size1, room > 0 ? (uint)room : 0);
        }

        private void BeginResponse(CoapMessage request, byte code)
        {
            CoapMessageType type;
            ushort messageId;
            if (request.Type == CoapMessageType.Confirmable)
            {
                // RFC 7252 §5.2.1: piggybacked in the ACK, same Message ID.
                type = CoapMessageType.Acknowledgement;
                messageId = request.MessageId;
            }
            else
            {
                // RFC 7252 §5.2.3: NON request -> NON response with a fresh Message ID.
                type = CoapMessageType.NonConfirmable;
                messageId = _messages.NextMessageId();
            }

            // RFC 7252 §5.3.2: the response echoes the request's token.
            _response.Begin(type, code, messageId, request.Buffer, request.TokenOffset, request.TokenLength, _separate);
        }

        private void WriteError(byte code, byte[] diagnostic)
        {
            _response.Reset(code);
            if (diagnostic != null)
            {
                _response.AddPayload(diagnostic);
            }
        }

        // Serialises the response, applies No-Response (RFC 7967 §2) and counts it. Returns its length.
        private int Finish(CoapMessage request, out int offset)
        {
            int length = _response.Finish(out offset);
            if (length < 0)
            {
                // Options the server added after the handler no longer fit.
                WriteError(CoapCode.InternalServerError, Diagnostics.ResponseTooLarge);
                length = _response.Finish(out offset);
            }

            int codeClass = CoapCode.ClassOf(_response.Code);
            uint noResponse;
            if (CoapOptionRules.TryGetUInt(request, CoapOption.NoResponse, 0, out noResponse) && Suppressed(noResponse, codeClass))
            {
                if (request.Type != CoapMessageType.Confirmable)
                {
                    return 0;
                }

                // A CON still needs its ACK (RFC 7967 §2.1): an empty one.
                _counters.Increment(CoapServerCounters.EmptyAcksIndex);
                _response.Begin(CoapMessageType.Acknowledgement, CoapCode.Empty, request.MessageId, null, 0, 0, null);
                return _response.Finish(out offset);
            }

            CountResponse(_counters, codeClass);
            return length;
        }

        /// <summary>Counts a response by its class.</summary>
        internal static void CountResponse(CoapServerCounters counters, int codeClass)
        {
            if (codeClass == 2)
            {
                counters.Increment(CoapServerCounters.SuccessIndex);
            }
            else if (codeClass == 4)
            {
                counters.Increment(CoapServerCounters.ClientErrorsIndex);
            }
            else
            {
                counters.Increment(CoapServerCounters.ServerErrorsIndex);
            }
        }

        // RFC 7967 §2.1: bit 2 suppresses 2.xx, bit 8 4.xx, bit 16 5.xx.
        private static bool Suppressed(uint noResponse, int codeClass)
        {
            return (codeClass == 2 && (noResponse & 0x02) != 0)
                || (codeClass == 4 && (noResponse & 0x08) != 0)
                || (codeClass == 5 && (noResponse & 0x10) != 0);
        }

        /// <summary>The success code a handler's response starts with (RFC 7252 §5.8).</summary>
        internal static byte DefaultSuccess(byte method)
        {
            if (method == CoapCode.Get)
            {
                return CoapCode.Content;
            }

            return method == CoapCode.Delete ? CoapCode.Deleted : CoapCode.Changed;
        }
    }
}
