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
    internal sealed class RequestDispatcher : ICoapRequestHandler
    {
        // Below: the message layer (Message IDs, counters, request sizes). Beside: the resources, the
        // response every layer writes in, the separate responses. Above, through its interface: Observe.
        private readonly MessageLayer _messages;
        private readonly CoapResponse _response;
        private readonly ResourceRegistry _resources;
        private readonly SeparateResponseTable _separate;
        private readonly CoapServerCounters _counters;
        private IObserveRegistrar _observe;

        // Shared with the observe layer: a request and a notification are never written at the same time.
        private readonly ConditionalRequest _conditional = new ConditionalRequest();

        internal RequestDispatcher(MessageLayer messages, CoapResponse response, ResourceRegistry resources, SeparateResponseTable separate)
        {
            _messages = messages;
            _response = response;
            _resources = resources;
            _separate = separate;
            _counters = messages.Counters;
        }

        /// <summary>The response every layer writes in (for the server's sizes).</summary>
        internal CoapResponse Response
        {
            get { return _response; }
        }

        /// <summary>Who may write (POST, PUT, DELETE); null lets everyone.</summary>
        internal CoapWritePolicy WritePolicy;

        /// <summary>Which methods need OSCORE: <see cref="RequestChecks.ProtectedReads"/>, <see cref="RequestChecks.ProtectedWrites"/>; 0 by default.</summary>
        internal int ProtectionRequired;

        /// <summary>The entity-tag state of the request being answered, or of the notification being written.</summary>
        internal ConditionalRequest Conditional
        {
            get { return _conditional; }
        }

        /// <summary>Wires Observe above (at start-up).</summary>
        internal void Connect(IObserveRegistrar observe)
        {
            _observe = observe;
        }

        /// <summary>
        /// Writes the answer to <paramref name="request"/> from <paramref name="source"/>. Returns its
        /// length (0: nothing to send now) and offset in the response buffer, or -1 when the request is
        /// to be rejected silently.
        /// </summary>
        public int Respond(CoapMessage request, CoapEndpoint source, bool oversized, long now, out int offset)
        {
            CoapResponse response = _response;
            byte method = (byte)request._code;
            BeginResponse(request, method);
            if (oversized)
            {
                RequestChecks.WriteTooLarge(response, request, _messages.MaxRequestSize);
                return Finish(request, out offset);
            }

            bool reject;
            CoapResource resource;
            try
            {
                resource = RequestChecks.Check(_resources, WritePolicy, ProtectionRequired, response, _conditional, request, source, out reject);
            }
            catch (Exception)
            {
                // The checks run resource code too (Accepts, GetETag, Exists): a throw costs one 5.00 (RFC 7252 §5.9.3.1).
                _counters.Increment(CoapServerCounters.HandlerFaultsIndex);
                WriteError(CoapCode.InternalServerError, Diagnostics.HandlerFailed);
                return Finish(request, out offset);
            }

            if (reject)
            {
                offset = 0;
                return -1;
            }

            if (resource == null)
            {
                return Finish(request, out offset);
            }

            // RFC 7959 §2.5: a block of a request payload is taken here; the handler sees the whole.
            CoapMessage handled = request._options[CoapMessage.Block1At] == 0 ? request : Block1Receiver.Receive(resource, request, source, response, _messages);
            if (handled == null)
            {
                return Finish(request, out offset);
            }

            bool get = method == CoapCode.Get;
            IObserveRegistrar observe = _observe;
            int registration = get && observe != null && handled._options[CoapMessage.ObserveAt] != 0 ? observe.Prepare(resource, handled, source) : -1;
            if (get)
            {
                Block2Transfer.Open(handled, response);
            }

            if (!ResourceCall.Run(resource, method, handled, 0, response, _counters))
            {
                // The handler threw: its 5.00 stands, a reservation it made is given back.
                Abandon(registration);
                int reserved = response.DeferredTicket;
                if (reserved >= 0)
                {
                    _separate.Release(SeparateResponseTable.SlotOf(reserved));
                }

                return Finish(request, out offset);
            }

            int ticket = response.DeferredTicket;
            if (ticket >= 0 && response.IsOk)
            {
                Abandon(registration);
                return Defer(ticket, resource, handled, source, out offset);
            }

            if (ticket != CoapResponse.NotDeferred)
            {
                Release(ticket);
            }

            // Checked in place when it is plainly valid: a 2.xx, 4.xx or 5.xx the writer took whole.
            int written = response.Code >> 5;
            if ((written != 2 && written != 4 && written != 5) || response._result != CoapWriteResult.Ok)
            {
                ResourceCall.WroteValid(response);
            }
            if (get && Block2Transfer.InRange(response))
            {
                _conditional.Apply(response);
            }

            if (request._options[CoapMessage.Block1At] != 0)
            {
                Block1Receiver.Complete(request, response);
            }
            if (registration >= 0)
            {
                observe.Complete(registration, resource, handled, source, response, now);
            }

            if (get)
            {
                Block2Transfer.Close(handled, response);
            }

            return Finish(request, out offset);
        }

        /// <summary>
        /// As <see cref="Respond"/>, for a request that came to a multicast group, when its leisure is over:
        /// only a 2.xx with a payload is sent (RFC 7252 §8.2: an error or an empty answer is not worth the
        /// traffic; RFC 6690 §4.1: a filtered discovery that matches nothing is not answered).
        /// </summary>
        /// <remarks>
        /// The answer goes whole when it fits the send buffer, not in blocks of the server's block size: a
        /// client continues a block-wise answer with each server of the group by unicast (RFC 7959 §2.8),
        /// which some cannot (libcoap 4.3's coap-client drops such an answer).
        /// </remarks>
        public int RespondToGroup(CoapMessage request, CoapEndpoint source, long now, out int offset)
        {
            CoapResponse response = _response;
            int blockSzx = response.MaxBlockSzx;
            response.MaxBlockSzx = BlockOption.MaxSzx;
            int length;
            try
            {
                length = Respond(request, source, false, now, out offset);
            }
            finally
            {
                response.MaxBlockSzx = blockSzx;
            }

            if (length > 0 && ((response.Code >> 5) != 2 || response.PayloadLength == 0))
            {
                return 0;
            }

            return length;
        }

        /// <summary>
        /// Writes 5.03 Service Unavailable with Max-Age <paramref name="retryAfterSeconds"/> to a request that is
        /// not processed (RFC 7252 §5.9.3.4); returns its length.
        /// </summary>
        public int RespondUnavailable(CoapMessage request, uint retryAfterSeconds, out int offset)
        {
            BeginResponse(request, request.Code);
            WriteError(CoapCode.ServiceUnavailable, Diagnostics.TooManyWrites);
            _response.SetMaxAge(retryAfterSeconds);
            return Finish(request, out offset);
        }

        /// <summary>
        /// Writes the refusal of a request its OSCORE protection did not let through (RFC 8613 §8.2): the code and
        /// diagnostic given, an outer Max-Age of 0 so no proxy keeps it, and the Echo option when one is given
        /// (RFC 9175 §2.4: the client repeats the request with it).
        /// </summary>
        public int RespondRefused(CoapMessage request, byte code, byte[] diagnostic, byte[] echo, out int offset)
        {
            BeginResponse(request, request.Code);
            WriteError(code, diagnostic);
            _response.SetMaxAge(0);
            if (echo != null)
            {
                _response.AddOption(CoapOption.Echo, echo, 0, echo.Length);
            }

            return Finish(request, out offset);
        }

        private void Abandon(int registration)
        {
            if (registration >= 0)
            {
                _observe.Abandon(registration);
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
            else if (ticket == CoapResponse.DeferRefusedMark)
            {
                WriteError(CoapCode.ServiceUnavailable, Diagnostics.TooManyWaiting);
                _response.SetMaxAge(SeparateResponder.RetryAfterSeconds);
            }
        }

        private void BeginResponse(CoapMessage request, byte method)
        {
            CoapMessageType type;
            ushort messageId;
            if (request._type == (int)CoapMessageType.Confirmable)
            {
                // RFC 7252 §5.2.1: piggybacked in the ACK, same Message ID.
                type = CoapMessageType.Acknowledgement;
                messageId = (ushort)request._messageId;
            }
            else
            {
                // RFC 7252 §5.2.3: NON request -> NON response with a fresh Message ID.
                type = CoapMessageType.NonConfirmable;
                messageId = _messages.NextMessageId();
            }

            // RFC 7252 §5.3.2: the response echoes the request's token.
            // The token was parsed before any request reaches here: its length is in the first byte.
            byte[] buffer = request._buffer;
            // RFC 7252 §5.8: the success code a handler's response starts with.
            byte code = method == CoapCode.Get ? CoapCode.Content : (method == CoapCode.Delete ? CoapCode.Deleted : CoapCode.Changed);
            _response.Begin(type, code, messageId, buffer, request._tokenOffset, buffer[request._offset] & 0x0F, _separate);
        }

        private void WriteError(byte code, byte[] diagnostic)
        {
            RequestChecks.WriteError(_response, code, diagnostic);
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

            int codeClass = _response.Code >> 5;
            uint noResponse;
            if (request._options[CoapMessage.NoResponseAt] != 0 && CoapOptionRules.TryGetUInt(request, CoapOption.NoResponse, 0, out noResponse) && Suppressed(noResponse, codeClass))
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

            // Counted by class in place (a call each on nanoFramework).
            int[] counts = _counters.Values;
            counts[codeClass == 2 ? CoapServerCounters.SuccessIndex : (codeClass == 4 ? CoapServerCounters.ClientErrorsIndex : CoapServerCounters.ServerErrorsIndex)]++;
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
