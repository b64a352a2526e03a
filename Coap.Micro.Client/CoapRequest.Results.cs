using System.Threading;

namespace Coap.Micro
{
    /// <summary>What became of a request: its state, and the response it got.</summary>
    public sealed partial class CoapRequest
    {
        /// <summary>Max-Age when a response has none: 60 s (RFC 7252 §5.10.5).</summary>
        public const uint DefaultMaxAge = 60;

        private const int Idle = 0;
        private const int InProgress = 1;

        private readonly byte[] _etag = new byte[8];
        private byte[] _responseBuffer;
        private int _responseOffset;
        private int _responseCapacity;
        private int _state;
        private int _result;
        private int _responses;
        private int _observing;
        private byte _code;
        private int _contentFormat = CoapContentFormat.None;
        private uint _maxAge = DefaultMaxAge;
        private int _observeSequence = -1;
        private int _etagLength;
        private int _payloadReceived;

        /// <summary>True from the moment the request is sent until it ends (an observation until it is over).</summary>
        public bool IsPending
        {
            get { return Interlocked.CompareExchange(ref _state, 0, 0) != Idle; }
        }

        /// <summary><see cref="CoapClientResult.Pending"/> while pending (also while an observation runs), then how it ended.</summary>
        public CoapClientResult Result
        {
            get { return (CoapClientResult)Interlocked.CompareExchange(ref _result, 0, 0); }
        }

        /// <summary>Responses delivered since the request was sent: 0 or 1, or the number of notifications of an observation.</summary>
        public int Responses
        {
            get { return Interlocked.CompareExchange(ref _responses, 0, 0); }
        }

        /// <summary>True while an observation is established: the server sends notifications (RFC 7641 §3.2).</summary>
        public bool IsObserving
        {
            get { return Interlocked.CompareExchange(ref _observing, 0, 0) != 0; }
        }

        /// <summary>The code of the last response (2.05, 4.04, ...); 0 before one.</summary>
        public byte Code
        {
            get { return _code; }
        }

        /// <summary>The Content-Format of the last response, or <see cref="CoapContentFormat.None"/>.</summary>
        public int ContentFormat
        {
            get { return _contentFormat; }
        }

        /// <summary>The Max-Age of the last response in seconds (<see cref="DefaultMaxAge"/> when it had none).</summary>
        public uint MaxAge
        {
            get { return _maxAge; }
        }

        /// <summary>The Observe value of the last notification (RFC 7641 §4.4), or -1.</summary>
        public int ObserveSequence
        {
            get { return _observeSequence; }
        }

        /// <summary>The buffer responses are assembled in.</summary>
        public byte[] ResponseBuffer
        {
            get { return _responseBuffer; }
        }

        /// <summary>Where the response payload starts in <see cref="ResponseBuffer"/>.</summary>
        public int PayloadOffset
        {
            get { return _responseOffset; }
        }

        /// <summary>Length of the last response payload (all its blocks).</summary>
        public int PayloadLength
        {
            get { return _payloadReceived; }
        }

        /// <summary>The most a response payload may have.</summary>
        public int ResponseCapacity
        {
            get { return _responseCapacity; }
        }

        /// <summary>Length of the last response's ETag (RFC 7252 §5.10.6); 0 when it had none.</summary>
        public int ETagLength
        {
            get { return _etagLength; }
        }

        /// <summary>Copies the last response's ETag into <paramref name="destination"/>; returns its length, or -1 when it does not fit.</summary>
        public int CopyETag(byte[] destination, int offset)
        {
            if (destination == null || offset < 0 || offset > destination.Length - _etagLength)
            {
                return -1;
            }

            System.Array.Copy(_etag, 0, destination, offset, _etagLength);
            return _etagLength;
        }

        /// <summary>True when the payload received equals <paramref name="ascii"/> (for checks and tests).</summary>
        public bool PayloadEquals(string ascii)
        {
            return ByteCompare.EqualsAscii(_responseBuffer, _responseOffset, _payloadReceived, ascii);
        }

        // ---- Written by the client's loop thread only. ----

        internal byte[] ETagBytes
        {
            get { return _etag; }
        }

        internal int ETagLengthValue
        {
            get { return _etagLength; }
            set { _etagLength = value; }
        }

        internal int Received
        {
            get { return _payloadReceived; }
            set { _payloadReceived = value; }
        }

        /// <summary>Marks the request in progress from <see cref="Idle"/>; false when it already was.</summary>
        internal bool TryBegin()
        {
            if (Interlocked.CompareExchange(ref _state, InProgress, Idle) != Idle)
            {
                return false;
            }

            Interlocked.Exchange(ref _result, (int)CoapClientResult.Pending);
            Interlocked.Exchange(ref _responses, 0);
            Interlocked.Exchange(ref _observing, 0);
            _code = 0;
            _contentFormat = CoapContentFormat.None;
            _maxAge = DefaultMaxAge;
            _observeSequence = -1;
            _etagLength = 0;
            _payloadReceived = 0;
            _changed.Reset();
            return true;
        }

        /// <summary>Undoes <see cref="TryBegin"/> for a request that was never sent, with <paramref name="result"/>.</summary>
        internal void Refuse(CoapClientResult result)
        {
            Interlocked.Exchange(ref _result, (int)result);
            Interlocked.Exchange(ref _state, Idle);
        }

        /// <summary>Records the header of a whole response just assembled and counts it (the payload is in place).</summary>
        internal void Delivered(CoapMessage message, int observeSequence)
        {
            _code = message.Code;
            uint value;
            _contentFormat = message.TryGetUIntOption(CoapOption.ContentFormat, 0, out value) && value <= 0xFFFF ? (int)value : CoapContentFormat.None;
            _maxAge = message.TryGetUIntOption(CoapOption.MaxAge, DefaultMaxAge, out value) ? value : DefaultMaxAge;
            _observeSequence = observeSequence;
            Interlocked.Exchange(ref _observing, observeSequence >= 0 ? 1 : 0);
            Interlocked.Increment(ref _responses);
        }

        /// <summary>Ends the request with <paramref name="result"/>: it is idle again.</summary>
        internal void Finish(CoapClientResult result)
        {
            Interlocked.Exchange(ref _observing, 0);
            Interlocked.Exchange(ref _result, (int)result);
            Interlocked.Exchange(ref _state, Idle);
        }
    }
}
