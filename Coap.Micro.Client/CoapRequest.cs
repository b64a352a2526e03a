using System;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A request a client sends, made once and sent again and again: destination, method, path, options
    /// and payload (referenced in the caller's buffers, never copied), and the buffer its response is
    /// assembled in. After it is sent, its results say how it went (<see cref="Result"/>, <see cref="Code"/>,
    /// the payload). While it is pending, it and the buffers it references must not change.
    /// </summary>
    public sealed partial class CoapRequest
    {
        private static readonly byte[] NoBytes = new byte[0];

        private readonly CoapEndpoint _endpoint = new CoapEndpoint();
        private readonly CoapPath _ownPath;
        private readonly RequestOptionList _options;
        private readonly AutoResetEvent _changed = new AutoResetEvent(false);
        private readonly ExchangeState _exchange = new ExchangeState();
        private CoapPath _path;
        private byte _method = CoapCode.Get;
        private bool _confirmable = true;
        private bool _observe;
        private int _blockSize;
        private int _securityContext = -1;
        private byte[] _payload = NoBytes;
        private int _payloadOffset;
        private int _payloadLength;

        /// <summary>A GET with no response buffer yet (see <see cref="SetResponseBuffer"/>), room for 8 options and a 64-byte path.</summary>
        public CoapRequest()
            : this(0, 8, 64)
        {
        }

        /// <summary>A GET whose responses are assembled in a buffer of its own of <paramref name="responseCapacity"/> bytes.</summary>
        public CoapRequest(int responseCapacity)
            : this(responseCapacity, 8, 64)
        {
        }

        /// <summary>
        /// A GET with a response buffer of <paramref name="responseCapacity"/> bytes, room for
        /// <paramref name="maxOptions"/> options added by the caller and <paramref name="pathCapacity"/>
        /// bytes of path set by <see cref="SetPath"/>.
        /// </summary>
        public CoapRequest(int responseCapacity, int maxOptions, int pathCapacity)
        {
            if (responseCapacity < 0 || maxOptions < 0 || pathCapacity < 0)
            {
                throw new ArgumentOutOfRangeException(responseCapacity < 0 ? "responseCapacity" : (maxOptions < 0 ? "maxOptions" : "pathCapacity"));
            }

            _responseBuffer = new byte[responseCapacity];
            _responseCapacity = responseCapacity;
            _options = new RequestOptionList(maxOptions);
            _ownPath = new CoapPath(pathCapacity);
            _path = _ownPath;
        }

        /// <summary>The method: <see cref="CoapCode.Get"/> (the default), Post, Put, Delete, or another request code such as FETCH (0.05, RFC 8132).</summary>
        public byte Method
        {
            get { return _method; }
            set { ThrowIfPending(); _method = value; }
        }

        /// <summary>CON, retransmitted until acknowledged (RFC 7252 §4.2; the default), or NON (§4.3) when false.</summary>
        public bool Confirmable
        {
            get { return _confirmable; }
            set { ThrowIfPending(); _confirmable = value; }
        }

        /// <summary>
        /// Register as an observer (a GET with Observe 0, RFC 7641 §3.1): every notification is delivered
        /// to the <see cref="Handler"/> until the observation ends. A blocking call returns at the first.
        /// </summary>
        public bool Observe
        {
            get { return _observe; }
            set { ThrowIfPending(); _observe = value; }
        }

        /// <summary>
        /// 0 (the default) lets the server choose block sizes; 16, 32, ... 1024 asks for response blocks of
        /// this size from the first (early negotiation, RFC 7959 §2.4) and sends a larger payload in Block1
        /// blocks of this size (§2.5). A payload that does not fit a datagram goes in blocks anyway.
        /// </summary>
        public int BlockSize
        {
            get { return _blockSize; }
            set
            {
                ThrowIfPending();
                if (value != 0 && BlockOption.SzxOf(value) < 0)
                {
                    throw new ArgumentOutOfRangeException("value", "BlockSize must be 0, 16, 32, 64, 128, 256, 512 or 1024");
                }

                _blockSize = value;
            }
        }

        /// <summary>
        /// -1 (the default): sent as it is. Else the number of the security context (in the client's
        /// <see cref="CoapClient.Security"/>, for example OscoreClientSecurity.Add) the request is protected with, RFC 8613:
        /// every message it sends (each block, re-registration and deregistration) is protected with a Partial IV of its
        /// own, and every response and notification must verify, else the request ends
        /// <see cref="CoapClientResult.ProtectionFailed"/> (a notification that does not is dropped). An int, so naming
        /// a context costs nothing per message.
        /// </summary>
        public int SecurityContext
        {
            get { return _securityContext; }
            set { ThrowIfPending(); _securityContext = value < 0 ? -1 : value; }
        }

        /// <summary>Told of each response and of the end, on the client's loop thread; null to poll or block instead.</summary>
        public ICoapResponseHandler Handler { get; set; }

        /// <summary>Anything the caller wants to keep with the request (for its handler).</summary>
        public object Tag { get; set; }

        /// <summary>The destination (the request's own copy; see <see cref="SetEndpoint"/>).</summary>
        public CoapEndpoint Endpoint
        {
            get { return _endpoint; }
        }

        /// <summary>The path and query sent: the request's own (<see cref="SetPath"/>) or one made at start-up and shared.</summary>
        public CoapPath Path
        {
            get { return _path; }
            set
            {
                ThrowIfPending();
                _path = value == null ? _ownPath : value;
            }
        }

        internal ExchangeState Exchange
        {
            get { return _exchange; }
        }

        internal RequestOptionList Options
        {
            get { return _options; }
        }

        internal byte[] Payload
        {
            get { return _payload; }
        }

        internal int SendPayloadOffset
        {
            get { return _payloadOffset; }
        }

        internal int SendPayloadLength
        {
            get { return _payloadLength; }
        }

        internal AutoResetEvent Changed
        {
            get { return _changed; }
        }

        /// <summary>Sets the destination: a copy of <paramref name="endpoint"/>, as the transport encodes it.</summary>
        public void SetEndpoint(CoapEndpoint endpoint)
        {
            ThrowIfPending();
            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            _endpoint.CopyFrom(endpoint);
        }

        /// <summary>
        /// Sets the request's own path and query from text ("/sensors/temp?unit=c", see <see cref="CoapPath.Set"/>)
        /// and uses it; false when it is not valid or does not fit. Allocates nothing (but on nanoFramework a
        /// string literal allocates each time it is evaluated: keep a shared <see cref="CoapPath"/> for that).
        /// </summary>
        public bool SetPath(string pathAndQuery)
        {
            ThrowIfPending();
            _path = _ownPath;
            return _ownPath.Set(pathAndQuery);
        }

        /// <summary>
        /// Adds an option whose value stays in <paramref name="value"/> (not copied). Options may be added
        /// in any order; the client writes them in ascending order. Observe, Uri-Path, Uri-Query, Block1,
        /// Block2 and Size1 are the client's own and are refused, as is an option when the list is full.
        /// </summary>
        public bool AddOption(int number, byte[] value, int offset, int length)
        {
            ThrowIfPending();
            return !IsClientOption(number) && _options.Add(number, value, offset, length);
        }

        /// <summary>Adds a uint option (Content-Format, Accept, Uri-Port, ...) in its shortest form (RFC 7252 §3.2).</summary>
        public bool AddUIntOption(int number, uint value)
        {
            ThrowIfPending();
            return !IsClientOption(number) && _options.AddUInt(number, value);
        }

        /// <summary>Removes every option added.</summary>
        public void ClearOptions()
        {
            ThrowIfPending();
            _options.Clear();
        }

        /// <summary>Sends <paramref name="length"/> bytes of <paramref name="payload"/> from <paramref name="offset"/> (referenced, not copied); length 0 for none.</summary>
        public void SetPayload(byte[] payload, int offset, int length)
        {
            ThrowIfPending();
            if (length < 0 || (length > 0 && (payload == null || offset < 0 || offset > payload.Length - length)))
            {
                throw new ArgumentOutOfRangeException("length");
            }

            _payload = length == 0 ? NoBytes : payload;
            _payloadOffset = length == 0 ? 0 : offset;
            _payloadLength = length;
        }

        /// <summary>Assembles responses in <paramref name="buffer"/> from <paramref name="offset"/>, at most <paramref name="capacity"/> bytes (a larger one ends <see cref="CoapClientResult.TooLarge"/>).</summary>
        public void SetResponseBuffer(byte[] buffer, int offset, int capacity)
        {
            ThrowIfPending();
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || capacity < 0 || offset > buffer.Length - capacity)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _responseBuffer = buffer;
            _responseOffset = offset;
            _responseCapacity = capacity;
        }

        // The options the client writes itself (RFC 7641 §2, RFC 7252 §6.4, RFC 7959 §2.1, §4).
        private static bool IsClientOption(int number)
        {
            return number == CoapOption.Observe || number == CoapOption.UriPath || number == CoapOption.UriQuery
                || number == CoapOption.Block2 || number == CoapOption.Block1 || number == CoapOption.Size1;
        }

        private void ThrowIfPending()
        {
            if (IsPending)
            {
                throw new InvalidOperationException("the request is pending: change it once it has ended");
            }
        }
    }
}
