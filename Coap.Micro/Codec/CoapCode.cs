namespace Coap.Micro
{
    /// <summary>
    /// Message codes as one byte, class in the upper 3 bits and detail in the lower 5
    /// (RFC 7252 §3, §12.1). Names follow the "c.dd" registry.
    /// </summary>
    public static class CoapCode
    {
        /// <summary>0.00 Empty message (RFC 7252 §4.1).</summary>
        public const byte Empty = 0x00;

        // Methods (RFC 7252 §5.8, §12.1.1).
        /// <summary>0.01 GET.</summary>
        public const byte Get = 0x01;
        /// <summary>0.02 POST.</summary>
        public const byte Post = 0x02;
        /// <summary>0.03 PUT.</summary>
        public const byte Put = 0x03;
        /// <summary>0.04 DELETE.</summary>
        public const byte Delete = 0x04;
        /// <summary>0.05 FETCH (RFC 8132 §2).</summary>
        public const byte Fetch = 0x05;

        // Success 2.xx (RFC 7252 §5.9.1, RFC 7959 §2.9.1).
        /// <summary>2.01 Created.</summary>
        public const byte Created = 0x41;
        /// <summary>2.02 Deleted.</summary>
        public const byte Deleted = 0x42;
        /// <summary>2.03 Valid.</summary>
        public const byte Valid = 0x43;
        /// <summary>2.04 Changed.</summary>
        public const byte Changed = 0x44;
        /// <summary>2.05 Content.</summary>
        public const byte Content = 0x45;
        /// <summary>2.31 Continue (RFC 7959 §2.9.1).</summary>
        public const byte Continue = 0x5F;

        // Client error 4.xx (RFC 7252 §5.9.2, RFC 7959 §2.9.2).
        /// <summary>4.00 Bad Request.</summary>
        public const byte BadRequest = 0x80;
        /// <summary>4.01 Unauthorized.</summary>
        public const byte Unauthorized = 0x81;
        /// <summary>4.02 Bad Option.</summary>
        public const byte BadOption = 0x82;
        /// <summary>4.03 Forbidden.</summary>
        public const byte Forbidden = 0x83;
        /// <summary>4.04 Not Found.</summary>
        public const byte NotFound = 0x84;
        /// <summary>4.05 Method Not Allowed.</summary>
        public const byte MethodNotAllowed = 0x85;
        /// <summary>4.06 Not Acceptable.</summary>
        public const byte NotAcceptable = 0x86;
        /// <summary>4.08 Request Entity Incomplete (RFC 7959 §2.9.2).</summary>
        public const byte RequestEntityIncomplete = 0x88;
        /// <summary>4.12 Precondition Failed.</summary>
        public const byte PreconditionFailed = 0x8C;
        /// <summary>4.13 Request Entity Too Large.</summary>
        public const byte RequestEntityTooLarge = 0x8D;
        /// <summary>4.15 Unsupported Content-Format.</summary>
        public const byte UnsupportedContentFormat = 0x8F;

        // Server error 5.xx (RFC 7252 §5.9.3).
        /// <summary>5.00 Internal Server Error.</summary>
        public const byte InternalServerError = 0xA0;
        /// <summary>5.01 Not Implemented.</summary>
        public const byte NotImplemented = 0xA1;
        /// <summary>5.02 Bad Gateway.</summary>
        public const byte BadGateway = 0xA2;
        /// <summary>5.03 Service Unavailable.</summary>
        public const byte ServiceUnavailable = 0xA3;
        /// <summary>5.04 Gateway Timeout.</summary>
        public const byte GatewayTimeout = 0xA4;
        /// <summary>5.05 Proxying Not Supported.</summary>
        public const byte ProxyingNotSupported = 0xA5;

        /// <summary>Builds a code from its class (0-7) and detail (0-31): c.dd.</summary>
        public static byte Make(int codeClass, int detail)
        {
            return (byte)(((codeClass & 0x07) << 5) | (detail & 0x1F));
        }

        /// <summary>The class c of c.dd.</summary>
        public static int ClassOf(byte code)
        {
            return code >> 5;
        }

        /// <summary>The detail dd of c.dd.</summary>
        public static int DetailOf(byte code)
        {
            return code & 0x1F;
        }

        /// <summary>Class 0 with a non-zero detail is a request (RFC 7252 §3).</summary>
        public static bool IsRequest(byte code)
        {
            return code != Empty && (code >> 5) == 0;
        }

        /// <summary>Classes 2, 4 and 5 are responses (RFC 7252 §3).</summary>
        public static bool IsResponse(byte code)
        {
            int c = code >> 5;
            return c == 2 || c == 4 || c == 5;
        }

        /// <summary>Classes 1, 6 and 7 are reserved (RFC 7252 §3).</summary>
        public static bool IsReservedClass(byte code)
        {
            int c = code >> 5;
            return c == 1 || c == 6 || c == 7;
        }

        /// <summary>
        /// Writes the code as "c.dd" (4 ASCII bytes) at <paramref name="offset"/>; returns 4,
        /// or 0 when the buffer is too small. Allocation-free, for diagnostics.
        /// </summary>
        public static int WriteDotted(byte code, byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset + 4 > buffer.Length)
            {
                return 0;
            }

            int detail = code & 0x1F;
            buffer[offset] = (byte)('0' + (code >> 5));
            buffer[offset + 1] = (byte)'.';
            buffer[offset + 2] = (byte)('0' + detail / 10);
            buffer[offset + 3] = (byte)('0' + detail % 10);
            return 4;
        }
    }
}
