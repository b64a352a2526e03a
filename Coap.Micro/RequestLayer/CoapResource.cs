using System;

namespace Coap.Micro
{
    /// <summary>
    /// A resource: a path, link-format attributes for discovery (RFC 6690 §3) and one method per
    /// CoAP method it handles. Handlers read the request in place and write the response through
    /// <see cref="CoapResponse"/>; the server has already checked path, method, Content-Format and Accept.
    /// </summary>
    public abstract class CoapResource
    {
        private readonly byte[][] _segments;

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
            Methods = methods;
            ContentFormat = CoapContentFormat.None;
            _segments = Encode(path);
        }

        /// <summary>The path as registered, without a leading slash.</summary>
        public string Path { get; private set; }

        /// <summary>Methods handled (<see cref="CoapMethods"/> flags); others get 4.05 (RFC 7252 §5.8).</summary>
        public int Methods { get; private set; }

        /// <summary>Content-Format of the representation, or <see cref="CoapContentFormat.None"/> (ct, RFC 7252 §7.2.1).</summary>
        public int ContentFormat { get; protected set; }

        /// <summary>Resource type, rt (RFC 6690 §3.1); null for none.</summary>
        public string ResourceType { get; protected set; }

        /// <summary>Interface description, if (RFC 6690 §3.2); null for none.</summary>
        public string InterfaceDescription { get; protected set; }

        /// <summary>Human-readable title (RFC 6690 §2); null for none.</summary>
        public string Title { get; protected set; }

        /// <summary>Observable, obs (RFC 7641 §6).</summary>
        public bool Observable { get; protected set; }

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
            int first = request.FindOption(CoapOption.UriPath);
            if (_segments.Length == 0 && first >= 0 && request.CountOptions(CoapOption.UriPath) == 1 && request.GetOptionLength(first) == 0)
            {
                return true;
            }

            int segment = 0;
            for (int i = request.FindOption(CoapOption.UriPath); i >= 0 && i < request.OptionCount && request.GetOptionNumber(i) == CoapOption.UriPath; i++)
            {
                if (segment == _segments.Length)
                {
                    return false;
                }

                byte[] expected = _segments[segment++];
                if (!request.OptionValueEquals(i, expected, 0, expected.Length))
                {
                    return false;
                }
            }

            return segment == _segments.Length;
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

        /// <summary>Handles GET.</summary>
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
