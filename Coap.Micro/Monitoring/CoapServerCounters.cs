namespace Coap.Micro
{
    /// <summary>
    /// What the server has done since it was created. Written only by the server's loop thread; any
    /// thread may read (each value is read atomically, the set of values is not a snapshot).
    /// Kept in one int array: on nanoFramework each object field costs 12 bytes, an array element 4.
    /// </summary>
    public sealed class CoapServerCounters
    {
        internal const int DatagramsIndex = 0;
        internal const int RequestsIndex = 1;
        internal const int SuccessIndex = 2;
        internal const int ClientErrorsIndex = 3;
        internal const int ServerErrorsIndex = 4;
        internal const int EmptyAcksIndex = 5;
        internal const int ResetsIndex = 6;
        internal const int DuplicatesIndex = 7;
        internal const int EvictionsIndex = 8;
        internal const int DroppedIndex = 9;
        internal const int HandlerFaultsIndex = 10;
        internal const int SendFailuresIndex = 11;
        internal const int LoopFaultsIndex = 12;
        internal const int ConfirmablesSentIndex = 13;
        internal const int RetransmissionsIndex = 14;
        internal const int AcknowledgedIndex = 15;
        internal const int ResetsReceivedIndex = 16;
        internal const int GaveUpIndex = 17;
        internal const int ObserversIndex = 18;
        internal const int RegistrationsIndex = 19;
        internal const int RegistrationsRefusedIndex = 20;
        internal const int DeregistrationsIndex = 21;
        internal const int NotificationsIndex = 22;
        internal const int SeparateResponsesIndex = 23;
        internal const int ReplayMissesIndex = 24;
        internal const int SecurityRefusalsIndex = 25;

        // Written by the loop thread alone (an int store is atomic), read by any thread. The message layer
        // increments its entries in place: on nanoFramework a call per count would cost a frame per datagram.
        private readonly int[] _values = new int[26];

        internal CoapServerCounters()
        {
        }

        /// <summary>The values by index, for the loop thread to count in place.</summary>
        internal int[] Values
        {
            get { return _values; }
        }

        /// <summary>Datagrams received.</summary>
        public int Datagrams
        {
            get { return Read(DatagramsIndex); }
        }

        /// <summary>Requests handed to a resource or answered with an error.</summary>
        public int Requests
        {
            get { return Read(RequestsIndex); }
        }

        /// <summary>Responses sent with a 2.xx code (piggybacked, NON, separate; not notifications).</summary>
        public int Success
        {
            get { return Read(SuccessIndex); }
        }

        /// <summary>Responses sent with a 4.xx code.</summary>
        public int ClientErrors
        {
            get { return Read(ClientErrorsIndex); }
        }

        /// <summary>Responses sent with a 5.xx code.</summary>
        public int ServerErrors
        {
            get { return Read(ServerErrorsIndex); }
        }

        /// <summary>Empty ACKs sent (a separate response follows, or RFC 7967 suppressed the response to a CON).</summary>
        public int EmptyAcks
        {
            get { return Read(EmptyAcksIndex); }
        }

        /// <summary>Resets sent (ping, rejected CON).</summary>
        public int Resets
        {
            get { return Read(ResetsIndex); }
        }

        /// <summary>Duplicates answered from, or ignored by, the deduplication table (RFC 7252 §4.5).</summary>
        public int Duplicates
        {
            get { return Read(DuplicatesIndex); }
        }

        /// <summary>
        /// Duplicate CONs whose response had left the replay cache (RFC 7252 §4.5): a GET was processed
        /// again; any other method was answered with its first answer's code and no payload, unprocessed.
        /// </summary>
        public int ReplayMisses
        {
            get { return Read(ReplayMissesIndex); }
        }

        /// <summary>
        /// Times the deduplication table was too small (RFC 7252 §4.5): a remembered safe exchange (a GET, see
        /// Coap.Micro/README.md) replaced before its lifetime ended, or, with every entry holding a live write,
        /// a GET answered without being remembered or a PUT, POST or DELETE refused unprocessed with 5.03.
        /// </summary>
        public int Evictions
        {
            get { return Read(EvictionsIndex); }
        }

        /// <summary>Datagrams silently dropped (format errors outside CON, stray ACK/RST, unknown version).</summary>
        public int Dropped
        {
            get { return Read(DroppedIndex); }
        }

        /// <summary>Resource code that threw (answered 5.00).</summary>
        public int HandlerFaults
        {
            get { return Read(HandlerFaultsIndex); }
        }

        /// <summary>Sends the transport refused.</summary>
        public int SendFailures
        {
            get { return Read(SendFailuresIndex); }
        }

        /// <summary>Receive-loop faults survived (the transport threw).</summary>
        public int LoopFaults
        {
            get { return Read(LoopFaultsIndex); }
        }

        /// <summary>Confirmable messages the server sent of its own (notifications, separate responses), first transmissions.</summary>
        public int ConfirmablesSent
        {
            get { return Read(ConfirmablesSentIndex); }
        }

        /// <summary>Retransmissions of those (RFC 7252 §4.2).</summary>
        public int Retransmissions
        {
            get { return Read(RetransmissionsIndex); }
        }

        /// <summary>Of those, acknowledged by the peer.</summary>
        public int Acknowledged
        {
            get { return Read(AcknowledgedIndex); }
        }

        /// <summary>Resets received that matched a message of the server (RFC 7252 §4.2).</summary>
        public int ResetsReceived
        {
            get { return Read(ResetsReceivedIndex); }
        }

        /// <summary>Confirmable messages given up after MAX_RETRANSMIT retransmissions (RFC 7252 §4.2).</summary>
        public int GaveUp
        {
            get { return Read(GaveUpIndex); }
        }

        /// <summary>Observe relations now (RFC 7641).</summary>
        public int Observers
        {
            get { return Read(ObserversIndex); }
        }

        /// <summary>Observe registrations accepted, replacements included (RFC 7641 §4.1).</summary>
        public int Registrations
        {
            get { return Read(RegistrationsIndex); }
        }

        /// <summary>Registrations served without Observe because the list of observers was full (RFC 7641 §4.1).</summary>
        public int RegistrationsRefused
        {
            get { return Read(RegistrationsRefusedIndex); }
        }

        /// <summary>Relations ended: GET with Observe 1, RST, an error notification, or a client that stopped acknowledging (RFC 7641 §3.6, §4.5).</summary>
        public int Deregistrations
        {
            get { return Read(DeregistrationsIndex); }
        }

        /// <summary>Notifications sent, retransmissions not counted (RFC 7641 §4.2).</summary>
        public int Notifications
        {
            get { return Read(NotificationsIndex); }
        }

        /// <summary>Separate responses sent, retransmissions not counted (RFC 7252 §5.2.2).</summary>
        public int SeparateResponses
        {
            get { return Read(SeparateResponsesIndex); }
        }

        /// <summary>
        /// OSCORE requests refused before any resource saw them (RFC 8613 §8.2): unknown security context,
        /// decryption failed, replay, malformed OSCORE option, or too large to verify.
        /// </summary>
        public int SecurityRefusals
        {
            get { return Read(SecurityRefusalsIndex); }
        }

        internal void Increment(int index)
        {
            _values[index]++;
        }

        internal void Decrement(int index)
        {
            _values[index]--;
        }

        internal void Set(int index, int value)
        {
            _values[index] = value;
        }

        // An aligned int read is atomic; a reader on another thread may see a value a moment old.
        private int Read(int index)
        {
            return _values[index];
        }
    }
}
