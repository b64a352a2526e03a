namespace Coap.Micro
{
    /// <summary>
    /// The client's request/response layer (RFC 7252 §5), with Observe (RFC 7641 §3) and block-wise
    /// transfers (RFC 7959): matches a response to its request by endpoint and token (§5.3.2), decides
    /// what a response means for its request (deliver it, ask for the next block, send the next Block1
    /// block, keep observing) and ends requests. Loop thread only.
    /// </summary>
    internal sealed class ClientRequestLayer
    {
        private const int ExchangeToken = 0;
        private const int ObserveToken = CoapMessage.MaxTokenLength;

        private readonly CoapClientOptions _options;
        private readonly CoapClientCounters _counters;
        private readonly ExchangeTable _exchanges;
        private readonly RetransmissionTable _retransmissions;

        internal ClientRequestLayer(CoapClientOptions options, CoapClientCounters counters, ExchangeTable exchanges, RetransmissionTable retransmissions)
        {
            _options = options;
            _counters = counters;
            _exchanges = exchanges;
            _retransmissions = retransmissions;
        }

        /// <summary>
        /// The request a CON or NON response from <paramref name="source"/> answers: one awaiting a
        /// response with its token, or an observation with the token it registered (RFC 7252 §5.3.2,
        /// RFC 7641 §3.2); null when none.
        /// </summary>
        internal CoapRequest Match(CoapMessage message, CoapEndpoint source)
        {
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request == null || !request.Endpoint.SameAs(source))
                {
                    continue;
                }

                ExchangeState exchange = request.Exchange;
                if (exchange.IsAwaiting && message.TokenEquals(exchange.Tokens, ExchangeToken, exchange.TokenLength))
                {
                    return request;
                }

                if ((exchange.Established || exchange.Deregistering) && message.TokenEquals(exchange.Tokens, ObserveToken, exchange.ObserveTokenLength))
                {
                    return request;
                }
            }

            return null;
        }

        /// <summary>True when a request in progress with <paramref name="endpoint"/> uses this token (so a new one must differ).</summary>
        internal bool TokenInUse(CoapEndpoint endpoint, byte[] token, int offset, int length)
        {
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request == null || !request.Endpoint.SameAs(endpoint))
                {
                    continue;
                }

                ExchangeState exchange = request.Exchange;
                if ((exchange.IsAwaiting && ByteCompare.Equal(exchange.Tokens, ExchangeToken, exchange.TokenLength, token, offset, length))
                    || (exchange.ObserveTokenLength > 0 && ByteCompare.Equal(exchange.Tokens, ObserveToken, exchange.ObserveTokenLength, token, offset, length)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An empty ACK: the response comes separately (RFC 7252 §5.2.2); it no longer counts as outstanding (§4.7).</summary>
        internal void Acknowledged(CoapRequest request, long now)
        {
            request.Exchange.Phase = ExchangeState.AwaitingSeparate;
            request.Exchange.Deadline = now + _options.ResponseTimeoutMilliseconds;
        }

        /// <summary>The server rejected the current message with RST (RFC 7252 §4.2).</summary>
        internal void ResetBy(CoapRequest request)
        {
            End(request, request.Exchange.Deregistering ? CoapClientResult.Cancelled : CoapClientResult.Reset);
        }

        /// <summary>No ACK after the last retransmission, or no response in time.</summary>
        internal void TimedOut(CoapRequest request)
        {
            End(request, request.Exchange.Deregistering ? CoapClientResult.Cancelled : CoapClientResult.Timeout);
        }

        /// <summary>
        /// A response matched to <paramref name="request"/>. The message layer has acknowledged a CON and
        /// stopped retransmitting when it came in the ACK; this decides whether it answers the exchange.
        /// </summary>
        internal void Respond(CoapRequest request, CoapMessage message, long now)
        {
            ExchangeState exchange = request.Exchange;
            bool answers = message.Type == CoapMessageType.Acknowledgement
                || (exchange.IsAwaiting && message.TokenEquals(exchange.Tokens, ExchangeToken, exchange.TokenLength));
            bool observeToken = exchange.ObserveTokenLength > 0 && message.TokenEquals(exchange.Tokens, ObserveToken, exchange.ObserveTokenLength);
            uint observe;
            bool notification = observeToken && CoapCode.ClassOf(message.Code) == 2
                && message.TryGetUIntOption(CoapOption.Observe, 0, out observe) && observe <= 0xFFFFFF;

            if (exchange.Deregistering)
            {
                // RFC 7641 §3.6: the answer to GET Observe 1 ends it; notifications on the way are not delivered.
                if (message.Type == CoapMessageType.Acknowledgement || !notification)
                {
                    End(request, CoapClientResult.Cancelled);
                }

                return;
            }

            if (notification)
            {
                message.TryGetUIntOption(CoapOption.Observe, 0, out observe);
                Notified(request, message, (int)observe, answers && exchange.Kind != ExchangeState.NotificationBlocks, now);
                return;
            }

            // A separate response before the empty ACK also ends the retransmission (RFC 7252 §5.2.2).
            if (answers)
            {
                _retransmissions.Stop(exchange.Slot);
            }

            if (observeToken && exchange.Kind != ExchangeState.NotificationBlocks)
            {
                // RFC 7641 §3.2, §4.1: an answer without Observe, or an error, ends the observation (or it never began).
                exchange.Established = false;
                exchange.Kind = ExchangeState.Plain;
            }

            if (exchange.Kind == ExchangeState.NotificationBlocks)
            {
                NotificationBlock(request, message);
                return;
            }

            if (!NextBlock1(request, message))
            {
                Final(request, message);
            }
        }

        /// <summary>Sends what other threads asked for: a cancellation, or a deregistration (RFC 7641 §3.6).</summary>
        internal void Cancelled(CoapRequest request, int cancel)
        {
            ExchangeState exchange = request.Exchange;
            if (cancel == ExchangeState.CancelTimedOut)
            {
                End(request, CoapClientResult.Timeout);
            }
            else if (cancel == ExchangeState.CancelDeregister && exchange.Established && !exchange.Deregistering)
            {
                // GET with Observe 1, the observation's token and the registration's options (RFC 7641
                // §3.6); an exchange under way is abandoned.
                _retransmissions.Stop(exchange.Slot);
                exchange.Deregistering = true;
                exchange.Kind = ExchangeState.Deregister;
                exchange.Block2Num = 0;
                exchange.Block2Szx = InitialBlock2Szx(request);
                exchange.Phase = ExchangeState.Queued;
            }
            else if (cancel != ExchangeState.CancelDeregister || !exchange.Deregistering)
            {
                // RFC 7641 §3.6: a forgotten observation's next notification is answered with RST.
                End(request, CoapClientResult.Cancelled);
            }
        }

        /// <summary>Ends what waited too long and queues re-registrations whose Max-Age ran out (RFC 7641 §3.3.1).</summary>
        internal void ServiceDeadlines(long now)
        {
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request == null)
                {
                    continue;
                }

                ExchangeState exchange = request.Exchange;
                if ((exchange.Phase == ExchangeState.AwaitingResponse || exchange.Phase == ExchangeState.AwaitingSeparate) && exchange.Deadline <= now)
                {
                    TimedOut(request);
                }
                else if (exchange.Phase == ExchangeState.Observing && exchange.ReregisterAt <= now)
                {
                    _counters.Increment(CoapClientCounters.ReregistrationsIndex);
                    exchange.Kind = ExchangeState.Reregister;
                    exchange.Block2Num = 0;
                    exchange.Block2Szx = InitialBlock2Szx(request);
                    exchange.Phase = ExchangeState.Queued;
                }
            }
        }

        /// <summary>Milliseconds until the earliest response deadline or re-registration, or -1.</summary>
        internal long TimeToNextDeadline(long now)
        {
            long soonest = -1;
            for (int slot = 0; slot < _exchanges.Capacity; slot++)
            {
                CoapRequest request = _exchanges.At(slot);
                if (request == null)
                {
                    continue;
                }

                ExchangeState exchange = request.Exchange;
                long at;
                if (exchange.Phase == ExchangeState.AwaitingResponse || exchange.Phase == ExchangeState.AwaitingSeparate)
                {
                    at = exchange.Deadline;
                }
                else if (exchange.Phase == ExchangeState.Observing)
                {
                    at = exchange.ReregisterAt;
                }
                else
                {
                    continue;
                }

                long wait = at <= now ? 0 : at - now;
                if (soonest < 0 || wait < soonest)
                {
                    soonest = wait;
                }
            }

            return soonest;
        }

        /// <summary>The Block2 size a request asks for from its first message: its BlockSize for a GET or FETCH (early negotiation, RFC 7959 §2.4), else -1.</summary>
        internal static int InitialBlock2Szx(CoapRequest request)
        {
            return request.BlockSize > 0 && RequestWriter.RepeatsForBlocks(request.Method) ? BlockOption.SzxOf(request.BlockSize) : -1;
        }

        /// <summary>Ends <paramref name="request"/> with <paramref name="result"/>: its slot is free, it is idle, its handler is told.</summary>
        internal void End(CoapRequest request, CoapClientResult result)
        {
            ExchangeState exchange = request.Exchange;
            int slot = exchange.Slot;
            _retransmissions.Stop(slot);
            exchange.Slot = -1;
            _exchanges.Free(slot);
            if (result == CoapClientResult.Timeout)
            {
                _counters.Increment(CoapClientCounters.TimeoutsIndex);
            }
            else if (result == CoapClientResult.Reset)
            {
                _counters.Increment(CoapClientCounters.ResetsIndex);
            }

            ICoapResponseHandler handler = request.Handler;
            request.Finish(result);
            if (handler != null)
            {
                try
                {
                    handler.Ended(request);
                }
                catch (System.Exception)
                {
                    _counters.Increment(CoapClientCounters.HandlerFaultsIndex);
                }
            }

            request.Changed.Set();
        }

        // RFC 7641 §3.2-§3.4: a registration answered, or a notification: delivered once and in order.
        // answersRegistration: it is the answer to the (re-)registration under way.
        private void Notified(CoapRequest request, CoapMessage message, int observe, bool answersRegistration, long now)
        {
            ExchangeState exchange = request.Exchange;
            if (answersRegistration)
            {
                _retransmissions.Stop(exchange.Slot);
            }

            if (exchange.Established && !ObserveFreshness.IsNewer(exchange.LastObserve, exchange.LastObserveTime, observe, now))
            {
                _counters.Increment(CoapClientCounters.StaleNotificationsIndex);
                if (answersRegistration)
                {
                    // Registered again, with nothing newer to tell.
                    exchange.Phase = ExchangeState.Observing;
                    exchange.ReregisterAt = ReregisterTime(message, now);
                }

                return;
            }

            if (exchange.IsAwaiting && exchange.Kind == ExchangeState.NotificationBlocks)
            {
                // The rest of an older notification is no longer wanted.
                _retransmissions.Stop(exchange.Slot);
            }

            exchange.Established = true;
            exchange.LastObserve = observe;
            exchange.LastObserveTime = now;
            exchange.ReregisterAt = ReregisterTime(message, now);
            exchange.Phase = ExchangeState.Observing;
            exchange.Kind = ExchangeState.Reregister;
            exchange.Restarts = 0;
            exchange.Block2Num = 0;
            exchange.Block2Szx = InitialBlock2Szx(request);
            int status = Block2Reassembly.Accept(request, message, _options.MaxBlockRestarts);
            if (status == Block2Reassembly.More)
            {
                // RFC 7959 §2.6: the rest of the notification with plain GETs.
                exchange.Kind = ExchangeState.NotificationBlocks;
                exchange.Phase = ExchangeState.Queued;
            }
            else if (status == Block2Reassembly.Complete)
            {
                Deliver(request, message, observe);
            }
            else
            {
                End(request, (CoapClientResult)status);
            }
        }

        // A block of the rest of a notification (RFC 7959 §2.6).
        private void NotificationBlock(CoapRequest request, CoapMessage message)
        {
            ExchangeState exchange = request.Exchange;
            if (CoapCode.ClassOf(message.Code) != 2)
            {
                // The resource is gone or failing: that is its last word.
                Block2Reassembly.CopyWhole(request, message);
                Deliver(request, message, -1);
                End(request, CoapClientResult.Response);
                return;
            }

            int status = Block2Reassembly.Accept(request, message, _options.MaxBlockRestarts);
            if (status == Block2Reassembly.More)
            {
                exchange.Phase = ExchangeState.Queued;
            }
            else if (status == Block2Reassembly.Complete)
            {
                exchange.Phase = ExchangeState.Observing;
                exchange.Kind = ExchangeState.Reregister;
                Deliver(request, message, exchange.LastObserve);
            }
            else
            {
                End(request, (CoapClientResult)status);
            }
        }

        // RFC 7959 §2.3, §2.5, §2.9.3: true when the response asks for the next Block1 block, or for
        // smaller blocks, and that was queued.
        private bool NextBlock1(CoapRequest request, CoapMessage message)
        {
            ExchangeState exchange = request.Exchange;
            uint value;
            if (request.SendPayloadLength == 0 || !BlockOption.TryRead(message, CoapOption.Block1, out value))
            {
                return false;
            }

            int szx = BlockOption.SzxOf(value);
            if (message.Code == CoapCode.Continue && exchange.Block1Szx >= 0)
            {
                int sent = (exchange.Block1Num + 1) * BlockOption.SizeOf(exchange.Block1Szx);
                if (sent >= request.SendPayloadLength)
                {
                    return false;
                }

                // §2.5: the server may ask for smaller blocks from the next one on.
                if (szx < exchange.Block1Szx)
                {
                    exchange.Block1Szx = szx;
                }

                exchange.Block1Num = sent / BlockOption.SizeOf(exchange.Block1Szx);
                exchange.Phase = ExchangeState.Queued;
                return true;
            }

            if (message.Code == CoapCode.RequestEntityTooLarge && (exchange.Block1Szx < 0 || szx < exchange.Block1Szx)
                && request.SendPayloadLength > BlockOption.SizeOf(szx))
            {
                // §2.9.3: too large, and Block1 says what block size the server takes: start over in blocks.
                exchange.Block1Szx = szx;
                exchange.Block1Num = 0;
                exchange.Phase = ExchangeState.Queued;
                return true;
            }

            return false;
        }

        // The end of a request: delivered once its representation is whole, unless another block is due.
        private void Final(CoapRequest request, CoapMessage message)
        {
            ExchangeState exchange = request.Exchange;
            int status = Block2Reassembly.Accept(request, message, _options.MaxBlockRestarts);
            if (status == Block2Reassembly.More)
            {
                exchange.Kind = ExchangeState.Plain;
                exchange.Phase = ExchangeState.Queued;
                return;
            }

            if (status != Block2Reassembly.Complete)
            {
                End(request, (CoapClientResult)status);
                return;
            }

            Deliver(request, message, -1);
            End(request, CoapClientResult.Response);
        }

        private void Deliver(CoapRequest request, CoapMessage message, int observe)
        {
            request.Delivered(message, observe);
            if (observe >= 0)
            {
                _counters.Increment(CoapClientCounters.NotificationsIndex);
            }

            ICoapResponseHandler handler = request.Handler;
            if (handler != null)
            {
                try
                {
                    handler.Response(request, message);
                }
                catch (System.Exception)
                {
                    _counters.Increment(CoapClientCounters.HandlerFaultsIndex);
                }
            }

            request.Changed.Set();
        }

        // RFC 7641 §3.3.1: Max-Age (default 60 s, RFC 7252 §5.10.5) after this notification, and a margin.
        private long ReregisterTime(CoapMessage message, long now)
        {
            uint maxAge;
            message.TryGetUIntOption(CoapOption.MaxAge, CoapRequest.DefaultMaxAge, out maxAge);
            return now + (long)maxAge * 1000 + _options.ReregistrationDelayMilliseconds;
        }
    }
}
