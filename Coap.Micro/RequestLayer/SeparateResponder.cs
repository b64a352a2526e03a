using System;

namespace Coap.Micro
{
    /// <summary>
    /// Separate responses (RFC 7252 §5.2.2): once a resource says a deferred response is ready, it is
    /// written by the resource's <see cref="CoapResource.WriteSeparate"/> and sent with the request's
    /// token, as a CON (retransmitted until acknowledged) for a CON request and as a NON for a NON request.
    /// </summary>
    internal sealed class SeparateResponder : IConfirmableOwner
    {
        /// <summary>Max-Age of the 5.03 answered when no more responses can wait: when to try again.</summary>
        internal const uint RetryAfterSeconds = 5;

        // A separate response is written in the response requests are written in (never at the same
        // time) and sent through the message layer from its slot there: this table's slots follow the
        // observers' in the retransmission table and in the peer slots.
        private readonly MessageLayer _messages;
        private readonly CoapResponse _response;
        private readonly ResourceRegistry _resources;
        internal readonly SeparateResponseTable _table;
        private readonly int _firstSlot;

        internal SeparateResponder(MessageLayer messages, CoapResponse response, ResourceRegistry resources, SeparateResponseTable table, int firstSlot)
        {
            _messages = messages;
            _response = response;
            _resources = resources;
            _table = table;
            _firstSlot = firstSlot;
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

        /// <summary>Retransmits the CON response of retransmission slot <paramref name="slot"/> (the resource writes it again).</summary>
        public void Retransmit(int slot, long now)
        {
            Send(slot - _firstSlot, now, true);
        }

        /// <summary>The CON response was acknowledged: the slot is free.</summary>
        public void Acknowledged(int slot, long now)
        {
            Finished(slot);
        }

        /// <summary>The CON response was rejected with RST: the slot is free.</summary>
        public void Reset(int slot)
        {
            Finished(slot);
        }

        /// <summary>The CON response was never acknowledged: the slot is free.</summary>
        public void GaveUp(int slot)
        {
            Finished(slot);
        }

        private void Finished(int slot)
        {
            _messages.Forget(slot);
            _table.Release(slot - _firstSlot);
        }

        private void Send(int slot, long now, bool retransmission)
        {
            CoapResponse response = _response;
            bool confirmable = _table.IsConfirmable(slot);
            int ownSlot = _firstSlot + slot;
            ushort messageId = retransmission ? (ushort)_messages.Retransmissions.MessageIdOf(ownSlot) : _messages.NextMessageId();
            byte method = _table.MethodOf(slot);
            response.Begin(
                confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable,
                RequestDispatcher.DefaultSuccess(method),
                messageId,
                _table.Peers.Tokens,
                _table.Peers.TokenOffset(ownSlot),
                _table.Peers.TokenLength(ownSlot),
                null);

            if (ResourceCall.Run(_resources.At(_table.ResourceOf(slot)), CoapCode.Empty, null, _table.TicketOf(slot), response, _messages.Counters))
            {
                ResourceCall.WroteValid(response);
            }

            int offset;
            int length = response.Finish(out offset);
            if (length < 0)
            {
                RequestChecks.WriteError(response, CoapCode.InternalServerError, Diagnostics.ResponseTooLarge);
                length = response.Finish(out offset);
            }

            _messages.SendOwn(ownSlot, response.Buffer, offset, length, messageId, confirmable, retransmission ? CoapTransmission.Retransmission : CoapTransmission.SeparateResponse, now);
            if (retransmission)
            {
                return;
            }

            CoapServerCounters counters = _messages.Counters;
            counters.Increment(CoapServerCounters.SeparateResponsesIndex);
            RequestDispatcher.CountResponse(counters, CoapCode.ClassOf(response.Code));
            if (confirmable)
            {
                _table.SetInFlight(slot);
            }
            else
            {
                _messages.Forget(ownSlot);
                _table.Release(slot);
            }
        }
    }
}
