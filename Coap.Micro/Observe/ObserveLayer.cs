using System;

namespace Coap.Micro
{
    /// <summary>
    /// Observe (RFC 7641) on the server side: registration and deregistration by GET (§4.1, §3.6),
    /// notifications written by the resource's own GET code whenever it says it changed (§4.2), their
    /// Observe sequence (§4.4) and their transmission: NON, with a CON at least every
    /// <see cref="CoapServerOptions.NotificationConfirmableEvery"/> notifications and every 24 hours,
    /// at most one CON in flight per observer, its retransmission carrying the newest state (§4.5).
    /// Each relation gets the state again shortly before the Max-Age of the last notification (or
    /// registration response) it was sent runs out, so its copy stays fresh (§4.3.1).
    /// A notification larger than one block carries its first block, with the resource's ETag; the client
    /// asks for the rest with plain GETs (RFC 7959 §2.6).
    /// </summary>
    internal sealed class ObserveLayer : IObserveRegistrar, IConfirmableOwner
    {
        /// <summary>A NON stream gets a CON at least this often, in seconds (RFC 7641 §4.5: 24 hours).</summary>
        internal const int ConfirmableIntervalSeconds = 24 * 60 * 60;

        // Observe values are 24 bits (RFC 7641 §4.4).
        private const int SequenceMask = 0xFFFFFF;

        // A refresh goes out this long before Max-Age runs out: the longest a CON's first transmission
        // waits for its ACK (ACK_TIMEOUT × ACK_RANDOM_FACTOR, RFC 7252 §4.2), so a refresh whose first
        // transmission is lost is retransmitted before the client's copy goes stale. A Max-Age under 12 s
        // is refreshed a quarter of it before instead (Max-Age 1 s: after 750 ms).
        private const int RefreshMargin = CoapTiming.AckTimeout * CoapTiming.AckRandomFactorPerMille / 1000;

        // No GET is in the request view for notifications yet (see BuildRequest).
        private const int NoShape = -1;

        // Refreshes are scheduled at most this far ahead (12.4 days), inside what the table's 32-bit times hold.
        private const long MaxRefreshDelay = 1L << 30;

        private readonly int _confirmableEvery;

        // Notifications are written on the loop thread after the request it received was answered, so
        // they borrow what the layers below keep for requests (the response, the receive buffer, the
        // request view, the request layer's entity-tag state) and are sent by the message layer from
        // the observer's slot (observers have the first slots of its tables).
        private readonly MessageLayer _messages;
        private readonly CoapResponse _response;
        private readonly ConditionalRequest _conditional;
        private readonly ResourceRegistry _resources;
        private readonly CoapServerCounters _counters;
        private readonly ObserverTable _observers;
        private int _sequence;

        // No relation is due for a refresh before this (clock milliseconds; long.MaxValue: none is
        // scheduled). It may be earlier than every refresh (a relation ended or was notified since), never later.
        internal long _nextRefresh = long.MaxValue;

        internal ObserveLayer(CoapServerOptions options, MessageLayer messages, CoapResponse response, ConditionalRequest conditional, ResourceRegistry resources, ICoapRandom random, PeerSlots peers)
        {
            _confirmableEvery = options.NotificationConfirmableEvery;
            _messages = messages;
            _response = response;
            _conditional = conditional;
            _resources = resources;
            _counters = messages.Counters;
            _observers = new ObserverTable(options.MaxObservers, peers);

            // Any start will do (RFC 7641 §4.4); a random one keeps values apart across restarts.
            _sequence = random.Next(SequenceMask + 1);
        }

        /// <summary>Observer slots; they come first in the retransmission table.</summary>
        internal int Capacity
        {
            get { return _observers.Capacity; }
        }

        /// <summary>Fills in the options this layer was sized with (see <see cref="CoapServer.Options"/>).</summary>
        internal void CopySizesTo(CoapServerOptions options)
        {
            options.MaxObservers = _observers.Capacity;
            options.NotificationConfirmableEvery = _confirmableEvery;
        }

        /// <summary>
        /// Looks at the Observe option of a request about to be handled (RFC 7641 §2). Observe 1
        /// deregisters (endpoint, token) at once (§3.6); Observe 0 on an observable resource returns the
        /// slot the relation will take if the response is a success (its own slot when the same endpoint
        /// and token registered before, §4.1), or -1 when there is none: the GET is then served without Observe.
        /// A GET for a later block (Block2 NUM above 0) is never a registration (RFC 7959 §2.6).
        /// </summary>
        public int Prepare(CoapResource resource, CoapMessage request, CoapEndpoint source)
        {
            uint observe;
            if (request.Code != CoapCode.Get || !CoapOptionRules.TryGetUInt(request, CoapOption.Observe, 2, out observe))
            {
                return -1;
            }

            int existing = _observers.Find(source, request);
            if (observe == 1)
            {
                if (existing >= 0)
                {
                    Remove(existing);
                }

                return -1;
            }

            uint block;
            if (observe != 0 || !resource.Observable
                || (BlockOption.TryRead(request, CoapOption.Block2, out block) && BlockOption.NumOf(block) > 0))
            {
                return -1;
            }

            int slot = existing >= 0 ? existing : _observers.FindFree();
            if (slot < 0)
            {
                _counters.Increment(CoapServerCounters.RegistrationsRefusedIndex);
                return -1;
            }

            // The response shows the state as it is now; a change while the handler runs is notified after.
            // That version waits in the slot until Complete: a free slot, or the relation this registration
            // replaces, which ends if it fails (nothing else changes the table while a request is handled).
            _observers.SetNotifiedVersion(slot, resource.Version);
            return slot;
        }

        /// <summary>
        /// Completes a registration after the handler ran: a success response adds (or replaces) the
        /// relation and gets the Observe option; any other response ends a relation it would have
        /// replaced (RFC 7641 §4.1).
        /// </summary>
        public void Complete(int slot, CoapResource resource, CoapMessage request, CoapEndpoint source, CoapResponse response, long now)
        {
            if (slot < 0)
            {
                return;
            }

            if (CoapCode.ClassOf(response.Code) != 2 || !response.IsOk)
            {
                Abandon(slot);
                return;
            }

            StopConfirmable(slot);
            uint accept;
            int acceptFormat = CoapOptionRules.TryGetUInt(request, CoapOption.Accept, 0, out accept) ? (int)accept : CoapContentFormat.None;
            uint block;
            int blockSzx = BlockOption.TryRead(request, CoapOption.Block2, out block) ? BlockOption.SzxOf(block) : ObserverTable.NoBlockSize;
            _observers.Set(slot, resource.Index, source, request, acceptFormat, blockSzx, _observers.NotifiedVersion(slot), now);
            ScheduleRefresh(slot, response.MaxAge, now);
            int sequence = NextSequence();
            _observers.Sent(slot, -1, sequence);
            response.AddUIntOption(CoapOption.Observe, (uint)sequence);
            _counters.Increment(CoapServerCounters.RegistrationsIndex);
            _counters.Set(CoapServerCounters.ObserversIndex, _observers.Count);
            _resources.Loop.Rescan();
        }

        /// <summary>Gives up a prepared registration (the request failed or was deferred); a relation it would have replaced ends.</summary>
        public void Abandon(int slot)
        {
            // The slot Prepare chose is in use only when the registration replaces a relation.
            if (slot >= 0 && _observers.ResourceOf(slot) != ObserverTable.Free)
            {
                Remove(slot);
            }
        }

        /// <summary>
        /// Sends what is due: final responses of resources that ended their observations, and a
        /// notification to every observer whose resource changed since it was last told or whose
        /// refresh is due, and that has no confirmable notification in flight (§4.5.1). The observers
        /// are looked at only when <paramref name="signalled"/> (something was signalled since the last
        /// time: a change, or a relation added or acknowledged on the loop thread, <see cref="LoopSignal.Rescan"/>)
        /// or when a refresh may be due.
        /// </summary>
        internal void Service(bool signalled, long now)
        {
            if (!signalled && now < _nextRefresh)
            {
                return;
            }

            // With no relation this only clears what resources that ended their observations left.
            TakeEndCodes();
            ObserverTable observers = _observers;
            int[] ints = observers.Ints;
            int capacity = observers.Capacity;
            ResourceRegistry resources = _resources;
            RetransmissionTable inFlight = _messages.Retransmissions;
            int shape = NoShape;
            int lastIndex = ObserverTable.Free;
            CoapResource resource = null;
            int version = 0;
            long next = long.MaxValue;
            for (int slot = 0; slot < capacity; slot++)
            {
                int at = slot * ObserverTable.Stride;
                int index = ints[at + ObserverTable.ResourceAt];
                if (index == ObserverTable.Free || inFlight.IsActive(slot))
                {
                    // A relation with a CON in flight is looked at again once it is acknowledged (Rescan).
                    continue;
                }

                if (index != lastIndex)
                {
                    // Read once per service: a change after this signals the loop, which comes back for it.
                    resource = resources.At(index);
                    version = resource.Version;
                    lastIndex = index;
                }

                int counts = ints[at + ObserverTable.CountsAt];
                int refreshIn = (counts & ObserverTable.RefreshFlag) == 0 ? int.MaxValue : unchecked(ints[at + ObserverTable.RefreshAt] - (int)now);
                if (refreshIn <= 0 || (counts & ObserverTable.EndingMask) != 0 || version != ints[at + ObserverTable.VersionAt])
                {
                    shape = Notify(slot, resource, version, now, false, shape);
                    if (ints[at + ObserverTable.ResourceAt] == ObserverTable.Free || inFlight.IsActive(slot))
                    {
                        continue;
                    }

                    refreshIn = observers.TimeToRefresh(slot, now);
                }

                if (refreshIn != int.MaxValue && now + refreshIn < next)
                {
                    next = now + refreshIn;
                }
            }

            _nextRefresh = next;
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the earliest refresh (0 if one may be due), or -1 when none is scheduled.</summary>
        internal long TimeToNextRefresh(long now)
        {
            long next = _nextRefresh;
            if (next == long.MaxValue)
            {
                return -1;
            }

            return next > now ? next - now : 0;
        }

        /// <summary>The client acknowledged the CON notification in <paramref name="slot"/>.</summary>
        public void Acknowledged(int slot, long now)
        {
            _observers.Confirmed(slot, now);
            if (_observers.EndingCode(slot) != 0)
            {
                Remove(slot);
                return;
            }

            // A change that came while the CON was in flight goes out now (§4.5.1).
            _resources.Loop.Rescan();
        }

        /// <summary>The client rejected the notification last sent from <paramref name="slot"/> with RST: it is no longer interested (§3.6).</summary>
        public void Reset(int slot)
        {
            Remove(slot);
        }

        /// <summary>The CON notification in <paramref name="slot"/> was never acknowledged: the client is gone (§4.5).</summary>
        public void GaveUp(int slot)
        {
            Remove(slot);
        }

        /// <summary>Retransmits the CON notification in <paramref name="slot"/>, with the newest state if it changed (§4.5.2).</summary>
        public void Retransmit(int slot, long now)
        {
            if (_observers.ResourceOf(slot) == ObserverTable.Free)
            {
                _messages.Retransmissions.Stop(slot);
                return;
            }

            CoapResource resource = _resources.At(_observers.ResourceOf(slot));
            Notify(slot, resource, resource.Version, now, true, NoShape);
        }

        // Writes and sends the notification (or final response) for one observer: the state of
        // <paramref name="version"/> of <paramref name="resource"/>. <paramref name="shape"/> says which
        // GET the request view holds (see BuildRequest); returns which it holds after.
        private int Notify(int slot, CoapResource resource, int version, long now, bool retransmission, int shape)
        {
            CoapResponse response = _response;
            MessageLayer messages = _messages;
            ObserverTable observers = _observers;
            int[] ints = observers.Ints;
            int at = slot * ObserverTable.Stride;
            int counts = ints[at + ObserverTable.CountsAt];

            // CON when the resource asks for it, every N-th notification, and once a day (RFC 7641 §4.5).
            bool confirmable = retransmission
                || resource.NotifyConfirmable
                || (counts & ObserverTable.NonCountMask) + 1 >= _confirmableEvery
                || unchecked((int)(now / 1000) - ints[at + ObserverTable.ConfirmedAt]) >= ConfirmableIntervalSeconds;
            ushort messageId = retransmission ? (ushort)messages.Retransmissions.MessageIdOf(slot) : messages.NextMessageId();
            PeerSlots peers = observers.Peers;
            response.Begin(
                confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable,
                CoapCode.Content,
                messageId,
                peers.Tokens,
                peers.TokenOffset(slot),
                peers.TokenLength(slot),
                null);

            int sequence;
            byte ending = (byte)(counts >> 8);
            if (ending != 0)
            {
                response.Reset(ending);
                sequence = ints[at + ObserverTable.SequenceAt];
            }
            else
            {
                sequence = WriteNotification(slot, at, resource, version, retransmission, ref shape);
            }

            int offset;
            int length = response.Finish(out offset);
            if (length < 0)
            {
                EndWith(slot, CoapCode.InternalServerError, Diagnostics.ResponseTooLarge);
                length = response.Finish(out offset);
            }

            messages.SendOwn(slot, response.Buffer, offset, length, messageId, confirmable, retransmission ? CoapTransmission.Retransmission : CoapTransmission.Notification, now);
            ints[at + ObserverTable.MessageIdAt] = messageId;
            ints[at + ObserverTable.SequenceAt] = sequence;
            ints[at + ObserverTable.VersionAt] = version;
            bool ends = (ints[at + ObserverTable.CountsAt] & ObserverTable.EndingMask) != 0;
            if (!retransmission)
            {
                // The client may hold this state from its first transmission on (§4.3.1); a final response needs no refresh.
                if (ends)
                {
                    ints[at + ObserverTable.CountsAt] &= ~ObserverTable.RefreshFlag;
                }
                else
                {
                    ScheduleRefresh(slot, response.MaxAge, now);
                }

                _counters.Values[CoapServerCounters.NotificationsIndex]++;
            }

            if (!confirmable)
            {
                counts = ints[at + ObserverTable.CountsAt];
                if ((counts & ObserverTable.NonCountMask) < ObserverTable.NonCountMask)
                {
                    ints[at + ObserverTable.CountsAt] = counts + 1;
                }

                if (ends)
                {
                    Remove(slot);
                }
            }

            return shape;
        }

        // The resource's GET writes the current state; a success gets the Observe option, anything else
        // ends the relation and goes without it (RFC 7641 §3.2, §4.2). Returns the Observe value used.
        private int WriteNotification(int slot, int at, CoapResource resource, int version, bool retransmission, ref int shape)
        {
            CoapResponse response = _response;
            int[] ints = _observers.Ints;
            int accept = ints[at + ObserverTable.AcceptAt];
            if (accept != CoapContentFormat.None && !resource.CanProduce(accept))
            {
                // The resource no longer has the format the client asked for (RFC 7252 §5.10.4).
                response.Reset(CoapCode.NotAcceptable);
                _observers.SetEnding(slot, CoapCode.NotAcceptable);
                return ints[at + ObserverTable.SequenceAt];
            }

            // Accept (None: -1) in 17 bits, the Block2 size exponent above.
            int blockSzx = (ints[at + ObserverTable.CountsAt] >> 16) & 0xFF;
            int wanted = ((accept + 1) & 0x1FFFF) | (blockSzx << 17);
            CoapMessage request = _messages.Request;
            if (wanted != shape)
            {
                BuildRequest(request, accept, blockSzx);
                shape = wanted;
            }

            ConditionalRequest conditional = _conditional;
            conditional.ReadETag(resource, request);
            Block2Transfer.Open(request, response);
            if (!ResourceCall.Run(resource, CoapCode.Get, request, 0, response, _counters) || !ResourceCall.WroteValid(response))
            {
                // The response is the 5.00 that says why; it ends the relation.
                _observers.SetEnding(slot, CoapCode.InternalServerError);
                return ints[at + ObserverTable.SequenceAt];
            }

            if (response.DeferredTicket >= 0)
            {
                // A notification cannot wait (RFC 7641 §4.2: it carries the current state).
                EndWith(slot, CoapCode.InternalServerError, Diagnostics.InvalidResponse);
                return ints[at + ObserverTable.SequenceAt];
            }

            byte code = response.Code;
            if ((code >> 5) != 2)
            {
                _observers.SetEnding(slot, code);
                Block2Transfer.Close(request, response);
                return ints[at + ObserverTable.SequenceAt];
            }

            // A retransmission of an unchanged state keeps its Observe value; newer state gets a newer one (§4.4, §4.5.2).
            int sequence = retransmission && version == ints[at + ObserverTable.VersionAt] ? ints[at + ObserverTable.SequenceAt] : NextSequence();
            conditional.Apply(response);
            response.AddUIntOption(CoapOption.Observe, (uint)sequence);
            Block2Transfer.Close(request, response);
            return sequence;
        }

        private void EndWith(int slot, byte code, byte[] diagnostic)
        {
            CoapResponse response = _response;
            response.Reset(code);
            response.AddPayload(diagnostic);
            _observers.SetEnding(slot, code);
        }

        // The GET the resource sees for a notification, written into the receive buffer and read through
        // the request view (both free once the request they held was answered; the response's writer is
        // free until the response is finished): Observe 0, the registration's Accept, and Block2 NUM 0 with
        // the block size it asked for, if it did (RFC 7959 §2.6). No token: a representation never
        // depends on one (RFC 7252 §5.3.1), so the observers of one shape share one request per service.
        private void BuildRequest(CoapMessage request, int accept, int blockSzx)
        {
            byte[] buffer = _messages.ReceiveBuffer;
            CoapMessageWriter writer = _response.Writer;
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.NonConfirmable, CoapCode.Get, 0, buffer, 0, 0);
            writer.AddEmptyOption(CoapOption.Observe);
            if (accept != CoapContentFormat.None)
            {
                writer.AddUIntOption(CoapOption.Accept, (uint)accept);
            }

            if (blockSzx != ObserverTable.NoBlockSize)
            {
                writer.AddUIntOption(CoapOption.Block2, BlockOption.Encode(0, false, blockSzx));
            }

            request.Parse(buffer, 0, writer.Length);
        }

        // RFC 7641 §4.3.1: refresh RefreshMargin (or a quarter of Max-Age, when less) before the Max-Age
        // of what was just sent runs out. Max-Age 0 is stale at once: nothing to keep fresh.
        private void ScheduleRefresh(int slot, uint maxAge, long now)
        {
            if (maxAge == 0)
            {
                _observers.ClearRefresh(slot);
                return;
            }

            long life = maxAge * 1000L;
            long margin = life / 4;
            if (margin > RefreshMargin)
            {
                margin = RefreshMargin;
            }

            long delay = life - margin;
            if (delay > MaxRefreshDelay)
            {
                delay = MaxRefreshDelay;
            }

            long due = now + delay;
            int at = slot * ObserverTable.Stride;
            int[] ints = _observers.Ints;
            ints[at + ObserverTable.RefreshAt] = unchecked((int)due);
            ints[at + ObserverTable.CountsAt] |= ObserverTable.RefreshFlag;
            if (due < _nextRefresh)
            {
                _nextRefresh = due;
            }
        }

        private int NextSequence()
        {
            int value = _sequence;
            _sequence = (_sequence + 1) & SequenceMask;
            return value;
        }

        // Marks every relation of a resource that called EndObservations to end with its code.
        private void TakeEndCodes()
        {
            ResourceRegistry resources = _resources;
            int count = resources.Count;
            for (int index = 0; index < count; index++)
            {
                byte code = resources.At(index).TakeEndCode();
                if (code == 0)
                {
                    continue;
                }

                for (int slot = 0; slot < _observers.Capacity; slot++)
                {
                    if (_observers.ResourceOf(slot) == index)
                    {
                        _observers.SetEnding(slot, code);
                    }
                }
            }
        }

        private void StopConfirmable(int slot)
        {
            _messages.Retransmissions.Stop(slot);
        }

        private void Remove(int slot)
        {
            _messages.Forget(slot);
            _observers.Remove(slot);
            _counters.Increment(CoapServerCounters.DeregistrationsIndex);
            _counters.Set(CoapServerCounters.ObserversIndex, _observers.Count);
        }
    }
}
