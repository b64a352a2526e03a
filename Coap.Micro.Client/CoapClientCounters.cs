namespace Coap.Micro
{
    /// <summary>
    /// What the client has done since it was created. Written only by the thread that runs its loop; any
    /// thread may read (each value is read atomically, the set of values is not a snapshot). Kept in one
    /// int array: on nanoFramework each object field costs 12 bytes, an array element 4.
    /// </summary>
    public sealed class CoapClientCounters
    {
        internal const int RequestsIndex = 0;
        internal const int RetransmissionsIndex = 1;
        internal const int ResponsesIndex = 2;
        internal const int NotificationsIndex = 3;
        internal const int StaleNotificationsIndex = 4;
        internal const int DuplicatesIndex = 5;
        internal const int RejectedIndex = 6;
        internal const int IgnoredIndex = 7;
        internal const int TimeoutsIndex = 8;
        internal const int ResetsIndex = 9;
        internal const int ReregistrationsIndex = 10;
        internal const int BlockRequestsIndex = 11;
        internal const int HandlerFaultsIndex = 12;
        internal const int SendFailuresIndex = 13;
        internal const int LoopFaultsIndex = 14;
        internal const int ProtectionFailuresIndex = 15;
        internal const int EchoRetriesIndex = 16;

        private readonly int[] _values = new int[17];

        internal CoapClientCounters()
        {
        }

        /// <summary>Request messages sent for the first time (every block, re-registration and deregistration counts).</summary>
        public int Requests
        {
            get { return Read(RequestsIndex); }
        }

        /// <summary>CON requests sent again because no ACK came in time (RFC 7252 §4.2).</summary>
        public int Retransmissions
        {
            get { return Read(RetransmissionsIndex); }
        }

        /// <summary>Response messages matched to a request (piggybacked, separate, NON, each block, each notification).</summary>
        public int Responses
        {
            get { return Read(ResponsesIndex); }
        }

        /// <summary>Notifications delivered to observers (RFC 7641 §3.2).</summary>
        public int Notifications
        {
            get { return Read(NotificationsIndex); }
        }

        /// <summary>Notifications dropped as older than one already delivered (RFC 7641 §3.4).</summary>
        public int StaleNotifications
        {
            get { return Read(StaleNotificationsIndex); }
        }

        /// <summary>Responses received again (same endpoint and Message ID) and not delivered again (RFC 7252 §4.5).</summary>
        public int Duplicates
        {
            get { return Read(DuplicatesIndex); }
        }

        /// <summary>Messages rejected with RST: an unexpected CON response or notification (RFC 7252 §4.2, §5.3.2; RFC 7641 §3.6), a request or ping to a client.</summary>
        public int Rejected
        {
            get { return Read(RejectedIndex); }
        }

        /// <summary>Messages ignored: an ACK or RST matching nothing, an unexpected NON response, a malformed datagram.</summary>
        public int Ignored
        {
            get { return Read(IgnoredIndex); }
        }

        /// <summary>Requests (or observations) ended with <see cref="CoapClientResult.Timeout"/>.</summary>
        public int Timeouts
        {
            get { return Read(TimeoutsIndex); }
        }

        /// <summary>Requests ended by an RST from the server.</summary>
        public int Resets
        {
            get { return Read(ResetsIndex); }
        }

        /// <summary>Observations registered again because Max-Age ran out without a notification (RFC 7641 §3.3.1).</summary>
        public int Reregistrations
        {
            get { return Read(ReregistrationsIndex); }
        }

        /// <summary>Requests sent for a block after the first (Block1 or Block2, RFC 7959).</summary>
        public int BlockRequests
        {
            get { return Read(BlockRequestsIndex); }
        }

        /// <summary>Exceptions thrown by an <see cref="ICoapResponseHandler"/> (caught; the client goes on).</summary>
        public int HandlerFaults
        {
            get { return Read(HandlerFaultsIndex); }
        }

        /// <summary>Datagrams the transport refused to send.</summary>
        public int SendFailures
        {
            get { return Read(SendFailuresIndex); }
        }

        /// <summary>Exceptions that reached the client's own loop (it goes on).</summary>
        public int LoopFaults
        {
            get { return Read(LoopFaultsIndex); }
        }

        /// <summary>
        /// Responses to protected requests (RFC 8613) that were not protected, did not verify (§8.4), or were
        /// notifications without a Partial IV; and protected requests not sent for want of a Partial IV.
        /// </summary>
        public int ProtectionFailures
        {
            get { return Read(ProtectionFailuresIndex); }
        }

        /// <summary>Protected requests sent again with a server's Echo value (RFC 9175 §2.4, RFC 8613 Appendix B.1.2).</summary>
        public int EchoRetries
        {
            get { return Read(EchoRetriesIndex); }
        }

        internal void Increment(int index)
        {
            _values[index]++;
        }

        // An aligned int read is atomic; a reader on another thread may see a value a moment old.
        private int Read(int index)
        {
            return _values[index];
        }
    }
}
