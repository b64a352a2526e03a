using System;

namespace Coap.Micro
{
    /// <summary>
    /// Separate responses (RFC 7252 §5.2.2): once a resource says a deferred response is ready, it is
    /// written by the resource's <see cref="CoapResource.WriteSeparate"/> and sent with the request's
    /// token, as a CON (retransmitted until acknowledged) for a CON request and as a NON for a NON request.
    /// </summary>
    internal sealed class SeparateResponder
    {
        /// <summary>Max-Age of the 5.03 answered when no more responses can wait: when to try again.</summary>
        internal const uint RetryAfterSeconds = 5;

        // Responses are written with what the message layer keeps for requests (the response, the
        // destination endpoint, the counters; the server's resources are reached through it too): a
        // separate response is never written while a request is.
        private readonly MessageLayer _messages;
        private readonly SeparateResponseTable _table;

        internal SeparateResponder(MessageLayer messages, SeparateResponseTable table)
        {
            _messages = messages;
            _table = table;
        }

        /// <summary>The requests whose response waits, for the request layer that defers them.</summary>
        internal SeparateResponseTable Table
        {
            get { return _table; }
        }

        /// <summary>Responses that can wait at once.</summary>
        internal int Capacity
        {
            get { return _table.Capacity; }
        }

        /// <summary>Sends every response marked ready.</summary>
        internal void Service(long now)
        {
            int ready = _table.TakeReady();
            for (int slot = 0; ready != 0 && slot < _table.Capacity; slot++)
            {
                int bit = 1 << slot;
                if ((ready & bit) == 0)
                {
                    continue;
                }

                ready &= ~bit;
                if (_table.StateOf(slot) == SeparateResponseTable.Waiting)
                {
                    Send(slot, now, false);
                }
            }
        }

        /// <summary>Marks the response of <paramref name="ticket"/> ready; any thread. False for a ticket not waiting.</summary>
        internal bool MarkReady(int ticket)
        {
            return _table.MarkReady(ticket);
        }

        /// <summary>Retransmits the CON response of <paramref name="slot"/> (the resource writes it again).</summary>
        internal void Retransmit(int slot)
        {
            Send(slot, 0, true);
        }

        /// <summary>The CON response of <paramref name="slot"/> was acknowledged, reset or given up: the slot is free.</summary>
        internal void Finished(int slot)
        {
            _table.Release(slot);
        }

        /// <summary>True when the response in <paramref name="slot"/> goes to <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            return _table.Peers.IsFrom(_table.PeerOf(slot), endpoint);
        }

        private void Send(int slot, long now, bool retransmission)
        {
            CoapResponse response = _messages.Response;
            CoapServerCounters counters = _messages.Counters;
            bool confirmable = _table.IsConfirmable(slot);
            int retransmissionSlot = _messages.SeparateRetransmissionSlot(slot);
            ushort messageId = retransmission ? (ushort)_messages.Retransmissions.MessageIdOf(retransmissionSlot) : _messages.NextMessageId();
            byte method = _table.MethodOf(slot);
            response.Begin(
                confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable,
                RequestDispatcher.DefaultSuccess(method),
                messageId,
                _table.Peers.Tokens,
                _table.Peers.TokenOffset(_table.PeerOf(slot)),
                _table.Peers.TokenLength(_table.PeerOf(slot)),
                null);

            try
            {
                _messages.Server.ResourceAt(_table.ResourceOf(slot)).WriteSeparate(_table.TicketOf(slot), response);
            }
            catch (Exception)
            {
                counters.Increment(CoapServerCounters.HandlerFaultsIndex);
                response.Reset(CoapCode.InternalServerError);
                response.AddPayload(Diagnostics.HandlerFailed);
            }

            if (!CoapCode.IsResponse(response.Code) || !response.IsOk)
            {
                response.Reset(CoapCode.InternalServerError);
                response.AddPayload(Diagnostics.InvalidResponse);
            }

            int offset;
            int length = response.Finish(out offset);
            if (length < 0)
            {
                response.Reset(CoapCode.InternalServerError);
                response.AddPayload(Diagnostics.ResponseTooLarge);
                length = response.Finish(out offset);
            }

            CoapEndpoint peer = _messages.Peer;
            _table.Peers.CopyEndpoint(_table.PeerOf(slot), peer);
            _messages.Transmit(response.Buffer, offset, length, peer, retransmission ? CoapTransmission.Retransmission : CoapTransmission.SeparateResponse);
            if (retransmission)
            {
                return;
            }

            counters.Increment(CoapServerCounters.SeparateResponsesIndex);
            RequestDispatcher.CountResponse(counters, CoapCode.ClassOf(response.Code));
            if (confirmable)
            {
                counters.Increment(CoapServerCounters.ConfirmablesSentIndex);
                _table.SetInFlight(slot);
                _messages.Retransmissions.Start(retransmissionSlot, messageId, now);
            }
            else
            {
                _table.Release(slot);
            }
        }
    }
}
