using System;

namespace Coap.Micro
{
    /// <summary>
    /// The request/response layer (RFC 7252 §5): checks a request in the order the RFC gives, finds its
    /// resource, runs the handler, and writes the response: piggybacked in the ACK of a CON (§5.2.1), a
    /// NON for a NON (§5.2.3), or an empty ACK now and the response later (§5.2.2). Observe
    /// registrations (RFC 7641 §4.1), block-wise transfer (RFC 7959), entity-tags (§5.10.6) and
    /// No-Response (RFC 7967) are applied around the handler here.
    /// </summary>
    internal sealed class RequestDispatcher
    {
        // The response, the server, the observe layer and the separate responses are reached through the message layer.
        private readonly MessageLayer _messages;

        // Shared with the observe layer: a request and a notification are never written at the same time.
        private readonly ConditionalRequest _conditional = new ConditionalRequest();

        internal RequestDispatcher(MessageLayer messages)
        {
            _messages = messages;
        }

        /// <summary>The entity-tag state of the request being answered, or of the notification being written.</summary>
        internal ConditionalRequest Conditional
        {
            get { return _conditional; }
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
                    RequestChecks.WriteTooLarge(_messages.Response, request, _messages.MaxRequestSize);
                    return Finish(request, out offset);
                }

                bool reject;
                CoapResource resource = RequestChecks.Check(_messages.Server, _messages.Response, _conditional, request, source, out reject);
                if (reject)
                {
                    return -1;
                }

                if (resource == null)
                {
                    return Finish(request, out offset);
                }

                // RFC 7959 §2.5: a block of a request payload is taken here; the handler sees the whole.
                CoapMessage handled = Block1Receiver.Receive(resource, request, source, _messages.Response, _messages);
                if (handled == null)
                {
                    return Finish(request, out offset);
                }

                registration = _messages.Observe.Prepare(resource, handled, source);
                bool get = handled.Code == CoapCode.Get;
                if (get)
                {
                    Block2Transfer.Open(handled, _messages.Response);
                }

                Invoke(resource, handled);
                int ticket = _messages.Response.DeferredTicket;
                if (ticket >= 0 && _messages.Response.IsOk)
                {
                    _messages.Observe.Abandon(registration);
                    return Defer(ticket, resource, handled, source, out offset);
                }

                Release(ticket);
                CheckHandlerResponse();
                if (get && Block2Transfer.InRange(_messages.Response))
                {
                    _conditional.Apply(_messages.Response);
                }

                Block1Receiver.Complete(request, _messages.Response);
                _messages.Observe.Complete(registration, resource, handled, source, _messages.Response, now);
                if (get)
                {
                    Block2Transfer.Close(handled, _messages.Response);
                }

                return Finish(request, out offset);
            }
            catch (Exception)
            {
                // Resource code that throws costs one 5.00, never the server (RFC 7252 §5.9.3.1).
                _messages.Counters.Increment(CoapServerCounters.HandlerFaultsIndex);
                _messages.Observe.Abandon(registration);
                Release(_messages.Response.DeferredTicket);
                WriteError(CoapCode.InternalServerError, Diagnostics.HandlerFailed);
                return Finish(request, out offset);
            }
        }

        /// <summary>
        /// Writes 5.03 Service Unavailable with Max-Age <paramref name="retryAfterSeconds"/> and
        /// <paramref name="diagnostic"/> to a request that is not processed (RFC 7252 §5.9.3.4); returns its length.
        /// </summary>
        internal int RespondUnavailable(CoapMessage request, uint retryAfterSeconds, byte[] diagnostic, out int offset)
        {
            BeginResponse(request, CoapCode.ServiceUnavailable);
            WriteError(CoapCode.ServiceUnavailable, diagnostic);
            _messages.Response.SetMaxAge(retryAfterSeconds);
            return Finish(request, out offset);
        }

        private void Invoke(CoapResource resource, CoapMessage request)
        {
            byte code = request.Code;
            if (code == CoapCode.Get)
            {
                resource.Get(request, _messages.Response);
            }
            else if (code == CoapCode.Post)
            {
                resource.Post(request, _messages.Response);
            }
            else if (code == CoapCode.Put)
            {
                resource.Put(request, _messages.Response);
            }
            else
            {
                resource.Delete(request, _messages.Response);
            }
        }

        // Replaces what a handler wrote with 5.00 when it is not a valid response (RFC 7252 §5.9).
        private void CheckHandlerResponse()
        {
            if (!CoapCode.IsResponse(_messages.Response.Code))
            {
                // Only 2.xx, 4.xx and 5.xx may answer a request.
                WriteError(CoapCode.InternalServerError, Diagnostics.InvalidResponseCode);
            }
            else if (!_messages.Response.IsOk)
            {
                WriteError(CoapCode.InternalServerError, _messages.Response.Result == CoapWriteResult.DoesNotFit ? Diagnostics.ResponseTooLarge : Diagnostics.InvalidResponse);
            }
        }

        // RFC 7252 §5.2.2: the CON is acknowledged now with an empty ACK; the response follows when the
        // resource says it is ready. A NON gets nothing now.
        private int Defer(int ticket, CoapResource resource, CoapMessage request, CoapEndpoint source, out int offset)
        {
            offset = 0;
            _messages.Separate.Table.Fill(ticket, resource.Index, source, request);
            if (request.Type != CoapMessageType.Confirmable)
            {
                return 0;
            }

            _messages.Counters.Increment(CoapServerCounters.EmptyAcksIndex);
            _messages.Response.Begin(CoapMessageType.Acknowledgement, CoapCode.Empty, request.MessageId, null, 0, 0, null);
            return _messages.Response.Finish(out offset);
        }

        // A reservation whose request was not deferred after all is given back; a refused one
        // (the table was full) turns the response into 5.03 (RFC 7252 §5.9.3.4).
        private void Release(int ticket)
        {
            if (ticket >= 0)
            {
                _messages.Separate.Table.Release(SeparateResponseTable.SlotOf(ticket));
            }
            else if (_messages.Response.DeferRefused)
            {
                WriteError(CoapCode.ServiceUnavailable, Diagnostics.TooManyWaiting);
                _messages.Response.SetMaxAge(SeparateResponder.RetryAfterSeconds);
            }
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
            _messages.Response.Begin(type, code, messageId, request.Buffer, request.TokenOffset, request.TokenLength, _messages.Separate.Table);
        }

        private void WriteError(byte code, byte[] diagnostic)
        {
            RequestChecks.WriteError(_messages.Response, code, diagnostic);
        }

        // Serialises the response, applies No-Response (RFC 7967 §2) and counts it. Returns its length.
        private int Finish(CoapMessage request, out int offset)
        {
            int length = _messages.Response.Finish(out offset);
            if (length < 0)
            {
                // Options the server added after the handler no longer fit.
                WriteError(CoapCode.InternalServerError, Diagnostics.ResponseTooLarge);
                length = _messages.Response.Finish(out offset);
            }

            int codeClass = CoapCode.ClassOf(_messages.Response.Code);
            uint noResponse;
            if (CoapOptionRules.TryGetUInt(request, CoapOption.NoResponse, 0, out noResponse) && Suppressed(noResponse, codeClass))
            {
                if (request.Type != CoapMessageType.Confirmable)
                {
                    return 0;
                }

                // A CON still needs its ACK (RFC 7967 §2.1): an empty one.
                _messages.Counters.Increment(CoapServerCounters.EmptyAcksIndex);
                _messages.Response.Begin(CoapMessageType.Acknowledgement, CoapCode.Empty, request.MessageId, null, 0, 0, null);
                return _messages.Response.Finish(out offset);
            }

            CountResponse(_messages.Counters, codeClass);
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
