namespace Coap.Micro
{
    /// <summary>
    /// The protocol state of a request in progress, owned by the client's loop thread: where it is in its
    /// exchange, its Message ID and tokens, its observation and its block-wise transfer. Only the requests
    /// themselves are signalled from other threads (<see cref="Cancel"/>, with <c>Interlocked</c>).
    /// </summary>
    internal sealed class ExchangeState
    {
        // Phases of the message exchange (RFC 7252 §4, §5.2).
        public const int Queued = 0;           // waiting to be sent: new, next block, (de/re-)registration
        public const int AwaitingAck = 1;      // CON sent, not acknowledged: outstanding (§4.7)
        public const int AwaitingResponse = 2; // NON sent, no response yet: outstanding (§4.7)
        public const int AwaitingSeparate = 3; // CON acknowledged with an empty ACK (§5.2.2)
        public const int Observing = 4;        // observation established, no exchange under way (RFC 7641 §3.2)

        // What the next or current message of the request is.
        public const int Plain = 0;            // the request itself, or its next block (fresh token)
        public const int Register = 1;         // GET Observe 0, fresh token (RFC 7641 §3.1)
        public const int Reregister = 2;       // GET Observe 0, the observation's token (RFC 7641 §3.3.1)
        public const int Deregister = 3;       // GET Observe 1, the observation's token (RFC 7641 §3.6)
        public const int NotificationBlocks = 4; // GET for the rest of a notification (RFC 7959 §2.6)

        // Signals from other threads (Interlocked on Cancel).
        public const int NoCancel = 0;
        public const int CancelNow = 1;
        public const int CancelTimedOut = 2;
        public const int CancelDeregister = 3;

        public int Cancel;
        public int Slot = -1;
        public int Sequence;
        public int Phase;
        public int Kind;
        public long Deadline;
        public int MessageId;

        // The current exchange's token, then the observation's token (RFC 7252 §5.3.1).
        public readonly byte[] Tokens = new byte[2 * CoapMessage.MaxTokenLength];
        public int TokenLength;
        public int ObserveTokenLength;

        // RFC 7641 §3.4: the Observe value and arrival time of the newest notification delivered.
        public bool Established;
        public int LastObserve;
        public long LastObserveTime;
        public bool Deregistering;

        // RFC 7959: the Block2 NUM and SZX of the next block asked for (SZX -1: none asked for yet),
        // restarts after an ETag changed; the Block1 NUM and SZX being sent (SZX -1: whole payload).
        public int Block2Num;
        public int Block2Szx = -1;
        public int Restarts;
        public int Block1Num;
        public int Block1Szx = -1;

        // RFC 7641 §3.3.1: when the observation is registered again unless a notification comes first.
        public long ReregisterAt;

        // RFC 8613 (a protected request only): the Partial IV of the message sent last (a retransmission reuses it,
        // §8.1), of the registration the notifications answer (§8.3), and the Notification Number: the largest
        // Partial IV of a notification accepted (§4.1.3.5.2, §7.4.1).
        public long PartialIv = -1;
        public long ObservePartialIv = -1;
        public long NotificationNumber = -1;

        // RFC 9175 §2.4: a server's Echo value (1-40 bytes) the next message repeats; EchoNone, EchoDue (the next message
        // carries it), EchoSent (the message in flight carries it: another challenge is not answered again).
        public const int EchoNone = 0;
        public const int EchoDue = 1;
        public const int EchoSent = 2;
        public const int MaxEchoLength = 40;
        public readonly byte[] Echo = new byte[MaxEchoLength];
        public int EchoLength;
        public int EchoState;

        /// <summary>Forgets any previous exchange: a request about to be sent from its start, as <paramref name="kind"/>, asking for blocks of these sizes (-1: none).</summary>
        public void Reset(int kind, int block2Szx, int block1Szx)
        {
            Cancel = NoCancel;
            Kind = kind;
            Phase = Queued;
            Deadline = 0;
            TokenLength = 0;
            ObserveTokenLength = 0;
            Established = false;
            LastObserve = -1;
            LastObserveTime = 0;
            Deregistering = false;
            Block2Num = 0;
            Block2Szx = block2Szx;
            Restarts = 0;
            Block1Num = 0;
            Block1Szx = block1Szx;
            ReregisterAt = 0;
            PartialIv = -1;
            ObservePartialIv = -1;
            NotificationNumber = -1;
            EchoLength = 0;
            EchoState = EchoNone;
        }

        /// <summary>True when the message is an outstanding interaction with its server (RFC 7252 §4.7).</summary>
        public bool IsOutstanding
        {
            get { return Phase == AwaitingAck || Phase == AwaitingResponse; }
        }

        /// <summary>True while a response to the current exchange is expected.</summary>
        public bool IsAwaiting
        {
            get { return Phase == AwaitingAck || Phase == AwaitingResponse || Phase == AwaitingSeparate; }
        }
    }
}
