using System;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A resource: a path, link-format attributes for discovery (RFC 6690 §3) and one method per
    /// CoAP method it handles. Handlers read the request in place and write the response through
    /// <see cref="CoapResponse"/>; the server has already checked path, method, Content-Format, Accept
    /// and the preconditions (If-Match, If-None-Match against <see cref="GetETag"/> and <see cref="Exists"/>).
    /// The link-format attributes are read once, when the resource is added to a server.
    /// </summary>
    /// <remarks>
    /// Threading: handlers run on the server's loop thread. <see cref="Changed"/>,
    /// <see cref="EndObservations"/> and <see cref="SeparateReady"/> may be called from any thread:
    /// they only record the fact with <see cref="Interlocked"/> and wake the loop, which does the sending.
    /// </remarks>
    public abstract class CoapResource
    {
        /// <summary>Largest <see cref="BlockwisePayloadCapacity"/>: 1 MiB (a 20-bit block number of 1024-byte blocks could go further).</summary>
        public const int MaxBlockwisePayloadCapacity = 1 << 20;

        private readonly byte[][] _segments;
        private ResourceRegistry _registry;
        private int _version;
        private int _endCode;

        // ContentFormat + 1 (0 for none), the Discoverable, Observable and NotifyConfirmable flags, and the
        // registry index, in one field: each field is 12 bytes of heap on nanoFramework.
        private int _packed;
        private const int ContentFormatMask = 0x1FFFF;
        private const int DiscoverableBit = 1 << 17;
        private const int ObservableBit = 1 << 18;
        private const int NotifyConfirmableBit = 1 << 19;
        private const int IndexShift = 20;

        /// <summary>Most resources a server takes: the index shares a field with the flags.</summary>
        internal const int MaxResources = 1 << (32 - IndexShift);

        /// <summary>
        /// Creates a resource at <paramref name="path"/> ("temp", "sensors/temp"; ASCII segments)
        /// handling <paramref name="methods"/> (<see cref="CoapMethods"/> flags).
        /// </summary>
        protected CoapResource(string path, int methods)
        {
            if (path == null)
            {
                throw new ArgumentNullException("path");
            }

            Path = path.Length > 0 && path[0] == '/' ? path.Substring(1) : path;
            _methods = methods;
            _packed = DiscoverableBit;
            SizeEstimate = -1;
            _segments = Encode(path);
        }

        /// <summary>The path as registered, without a leading slash.</summary>
        public string Path { get; private set; }

        /// <summary>Methods handled (<see cref="CoapMethods"/> flags); others get 4.05 (RFC 7252 §5.8).</summary>
        public int Methods
        {
            get { return _methods; }
        }

        // Read in place by the request checks on every request.
        internal readonly int _methods;

        /// <summary>Content-Format of the representation, or <see cref="CoapContentFormat.None"/> (ct, RFC 7252 §7.2.1).</summary>
        public int ContentFormat
        {
            get { return (_packed & ContentFormatMask) - 1; }
            protected set
            {
                if (value < CoapContentFormat.None || value > 0xFFFF)
                {
                    throw new ArgumentOutOfRangeException("value");
                }

                _packed = (_packed & ~ContentFormatMask) | (value + 1);
            }
        }

        /// <summary>Resource type, rt (RFC 6690 §3.1); null for none.</summary>
        public string ResourceType { get; protected set; }

        /// <summary>Interface description, if (RFC 6690 §3.2); null for none.</summary>
        public string InterfaceDescription { get; protected set; }

        /// <summary>Human-readable title (RFC 6690 §2); null for none.</summary>
        public string Title { get; protected set; }

        /// <summary>Maximum size estimate of the representation a GET returns, sz (RFC 6690 §3.3), in bytes; -1 (the default) for none.</summary>
        public int SizeEstimate { get; protected set; }

        /// <summary>
        /// Listed by /.well-known/core (RFC 6690 §4); true by default. False hides it, for example a
        /// sub-resource that a resource of its own lists (a hierarchy of link descriptions, §5).
        /// </summary>
        public bool Discoverable
        {
            get { return (_packed & DiscoverableBit) != 0; }
            protected set { _packed = value ? _packed | DiscoverableBit : _packed & ~DiscoverableBit; }
        }

        /// <summary>
        /// Largest request payload this resource takes in blocks (Block1, RFC 7959 §2.5) for PUT and POST,
        /// in bytes; 0 (the default) refuses a payload sent in more than one block with 4.13 and Size1.
        /// When positive, the server sets aside an assembly area of this many bytes plus one receive buffer
        /// when the resource is added, and the handler runs once, on the assembled request.
        /// </summary>
        public int BlockwisePayloadCapacity { get; protected set; }

        /// <summary>
        /// Observable, obs (RFC 7641 §6): a GET with Observe 0 registers the client, and every
        /// <see cref="Changed"/> sends it the new state, written by <see cref="Get"/>.
        /// </summary>
        public bool Observable
        {
            get { return (_packed & ObservableBit) != 0; }
            protected set { _packed = value ? _packed | ObservableBit : _packed & ~ObservableBit; }
        }

        /// <summary>
        /// True to send every notification as a confirmable message; false (the default) sends them
        /// non-confirmable with a confirmable one now and then (RFC 7641 §4.5).
        /// </summary>
        public bool NotifyConfirmable
        {
            get { return (_packed & NotifyConfirmableBit) != 0; }
            protected set { _packed = value ? _packed | NotifyConfirmableBit : _packed & ~NotifyConfirmableBit; }
        }

        /// <summary>True once the resource is registered with a server.</summary>
        public bool IsRegistered
        {
            get { return _registry != null; }
        }

        /// <summary>The registry of the server this resource is registered with, or null.</summary>
        internal ResourceRegistry Registry
        {
            get { return _registry; }
        }

        /// <summary>
        /// Says the resource's state has changed: every observer is sent the new state (RFC 7641 §4.2).
        /// Any thread may call it; it never blocks or allocates and returns at once.
        /// </summary>
        public void Changed()
        {
            Interlocked.Increment(ref _version);
            ResourceRegistry registry = _registry;
            if (registry != null)
            {
                registry.Loop.Signal();
            }
        }

        /// <summary>
        /// Ends every observation of this resource with a final response of <paramref name="errorCode"/>
        /// (4.xx or 5.xx), sent without Observe (RFC 7641 §3.2, §4.2), e.g. 4.04 when the resource is
        /// gone. Any thread may call it.
        /// </summary>
        public void EndObservations(byte errorCode)
        {
            int codeClass = CoapCode.ClassOf(errorCode);
            if (codeClass != 4 && codeClass != 5)
            {
                throw new ArgumentOutOfRangeException("errorCode");
            }

            Interlocked.Exchange(ref _endCode, errorCode);
            ResourceRegistry registry = _registry;
            if (registry != null)
            {
                registry.Loop.Signal();
            }
        }

        /// <summary>
        /// Says the response deferred with <paramref name="ticket"/> (<see cref="CoapResponse.Defer"/>) can
        /// be sent: the server will call <see cref="WriteSeparate"/>. Any thread may call it. False for a
        /// ticket that is not waiting (already answered, or given up).
        /// </summary>
        public bool SeparateReady(int ticket)
        {
            ResourceRegistry registry = _registry;
            return registry != null && registry.SeparateReady(ticket);
        }

        /// <summary>
        /// Writes the response deferred with <paramref name="ticket"/>. Called on the loop thread after
        /// <see cref="SeparateReady"/>, and again, to write the same response, for each retransmission.
        /// </summary>
        public virtual void WriteSeparate(int ticket, CoapResponse response)
        {
            response.Code = CoapCode.InternalServerError;
        }

        /// <summary>Bumped by <see cref="Changed"/>; read by the server's loop thread.</summary>
        internal int Version
        {
            get { return Interlocked.CompareExchange(ref _version, 0, 0); }
        }

        /// <summary>Index in the server's registry.</summary>
        internal int Index
        {
            get { return (int)((uint)_packed >> IndexShift); }
        }

        /// <summary>The link-value encoded for discovery when the resource was added (RFC 6690 §2).</summary>
        internal byte[] Link;

        /// <summary>The Block1 assembly area, or null when the resource takes no block-wise payloads.</summary>
        internal Block1Assembly Assembly { get; private set; }

        /// <summary>Takes the code <see cref="EndObservations"/> left, or 0.</summary>
        internal byte TakeEndCode()
        {
            return (byte)Interlocked.Exchange(ref _endCode, 0);
        }

        /// <summary>
        /// Binds the resource to the server it is registered with: encodes its link and sets aside its
        /// Block1 assembly area (for requests of up to <paramref name="maxRequestSize"/> bytes).
        /// </summary>
        internal void Attach(ResourceRegistry registry, int index, int maxRequestSize)
        {
            if (_registry != null)
            {
                throw new InvalidOperationException("the resource is registered with a server already");
            }

            if (BlockwisePayloadCapacity < 0 || BlockwisePayloadCapacity > MaxBlockwisePayloadCapacity)
            {
                throw new ArgumentOutOfRangeException("BlockwisePayloadCapacity");
            }

            if (index >= MaxResources)
            {
                throw new InvalidOperationException("a server takes at most 4,096 resources");
            }

            Link = LinkDescription.Encode(this);
            Assembly = BlockwisePayloadCapacity > 0 ? new Block1Assembly(BlockwisePayloadCapacity, maxRequestSize) : null;
            _registry = registry;
            _packed = (_packed & ((1 << IndexShift) - 1)) | (index << IndexShift);
        }

        /// <summary>Number of path segments.</summary>
        public int SegmentCount
        {
            get { return _segments.Length; }
        }

        /// <summary>
        /// True when the request's Uri-Path options equal this resource's path, segment by segment.
        /// Segments are compared as raw bytes: paths are registered unescaped (RFC 7252 §6.4 puts
        /// decoded segments on the wire). No Uri-Path and a single empty one both mean "/" (§6.5).
        /// </summary>
        public bool MatchesPath(CoapMessage request)
        {
            // The Uri-Path options are consecutive in the index; the parse noted the first and the end.
            ushort[] options = request._options;
            byte[][] segments = _segments;
            int first = options[CoapMessage.UriPathAt] - 1;
            int count = first < 0 ? 0 : options[CoapMessage.UriPathEndAt] - first;
            int at = CoapMessage.IndexStart + first * CoapMessage.IndexStride;
            if (segments.Length == 0)
            {
                return count == 0 || (count == 1 && options[at + 2] == 0);
            }

            if (count != segments.Length)
            {
                return false;
            }

            byte[] buffer = request._buffer;
            int offset = request._offset;
            for (int segment = 0; segment < count; segment++)
            {
                byte[] expected = segments[segment];
                int length = options[at + 2];
                if (length != expected.Length)
                {
                    return false;
                }

                int position = offset + options[at + 1];
                for (int i = 0; i < length; i++)
                {
                    if (buffer[position + i] != expected[i])
                    {
                        return false;
                    }
                }

                at += CoapMessage.IndexStride;
            }

            return true;
        }

        /// <summary>
        /// Writes the entity-tag (RFC 7252 §5.10.6) of the representation <see cref="Get"/> would write for
        /// <paramref name="request"/> now into <paramref name="etag"/> (8 bytes) and returns its length,
        /// 1 to 8; 0 (the default) when the resource has none. The tag must change whenever the
        /// representation does, and differ between formats. The server calls it on the loop thread before
        /// a handler runs: it answers a GET naming the current tag with 2.03 Valid, evaluates If-Match,
        /// and puts the tag on 2.05 responses, every block and every notification.
        /// </summary>
        public virtual int GetETag(CoapMessage request, byte[] etag)
        {
            return 0;
        }

        /// <summary>
        /// True (the default) when the resource has a current representation: an empty If-Match holds and
        /// If-None-Match fails (4.12) only then (RFC 7252 §5.10.8). A resource that PUT creates says false
        /// until it has been created.
        /// </summary>
        public virtual bool Exists
        {
            get { return true; }
        }

        /// <summary>True when the resource can answer in <paramref name="contentFormat"/> (Accept, RFC 7252 §5.10.4).</summary>
        public virtual bool CanProduce(int contentFormat)
        {
            return ContentFormat == CoapContentFormat.None || contentFormat == ContentFormat;
        }

        /// <summary>True when a request payload in <paramref name="contentFormat"/> is accepted for <paramref name="method"/> (else 4.15).</summary>
        public virtual bool Accepts(byte method, int contentFormat)
        {
            return true;
        }

        /// <summary>
        /// Handles GET. For an observable resource it also writes every notification: the server then
        /// passes a GET carrying the registration's token and Accept.
        /// </summary>
        public virtual void Get(CoapMessage request, CoapResponse response)
        {
            response.Code = CoapCode.MethodNotAllowed;
        }

        /// <summary>Handles POST.</summary>
        public virtual void Post(CoapMessage request, CoapResponse response)
        {
            response.Code = CoapCode.MethodNotAllowed;
        }

        /// <summary>Handles PUT.</summary>
        public virtual void Put(CoapMessage request, CoapResponse response)
        {
            response.Code = CoapCode.MethodNotAllowed;
        }

        /// <summary>Handles DELETE.</summary>
        public virtual void Delete(CoapMessage request, CoapResponse response)
        {
            response.Code = CoapCode.MethodNotAllowed;
        }

        // Segments are stored as bytes so matching a request is a byte compare (RFC 7252 §6.4).
        private static byte[][] Encode(string path)
        {
            int start = path.Length > 0 && path[0] == '/' ? 1 : 0;
            if (start == path.Length)
            {
                return new byte[0][];
            }

            int count = 1;
            for (int i = start; i < path.Length; i++)
            {
                if (path[i] == '/')
                {
                    count++;
                }
            }

            byte[][] segments = new byte[count][];
            int segment = 0;
            int begin = start;
            for (int i = start; i <= path.Length; i++)
            {
                if (i == path.Length || path[i] == '/')
                {
                    byte[] bytes = new byte[i - begin];
                    for (int k = 0; k < bytes.Length; k++)
                    {
                        char c = path[begin + k];
                        if (c > 0x7F)
                        {
                            throw new ArgumentException("path segments must be ASCII", "path");
                        }

                        bytes[k] = (byte)c;
                    }

                    segments[segment++] = bytes;
                    begin = i + 1;
                }
            }

            return segments;
        }
    }
}
