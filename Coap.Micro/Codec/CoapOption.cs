namespace Coap.Micro
{
    /// <summary>
    /// Option numbers (RFC 7252 §5.10, §12.2) and the properties encoded in them (§5.4.6).
    /// </summary>
    public static class CoapOption
    {
        /// <summary>If-Match, opaque 0-8 (RFC 7252 §5.10.8.1).</summary>
        public const int IfMatch = 1;
        /// <summary>Uri-Host, string 1-255 (RFC 7252 §5.10.1).</summary>
        public const int UriHost = 3;
        /// <summary>ETag, opaque 1-8 (RFC 7252 §5.10.6).</summary>
        public const int ETag = 4;
        /// <summary>If-None-Match, empty (RFC 7252 §5.10.8.2).</summary>
        public const int IfNoneMatch = 5;
        /// <summary>Observe, uint 0-3 (RFC 7641 §2).</summary>
        public const int Observe = 6;
        /// <summary>Uri-Port, uint 0-2 (RFC 7252 §5.10.1).</summary>
        public const int UriPort = 7;
        /// <summary>Location-Path, string 0-255 (RFC 7252 §5.10.7).</summary>
        public const int LocationPath = 8;
        /// <summary>OSCORE (RFC 8613 §2): the message is protected; critical, so a server without OSCORE refuses it.</summary>
        public const int Oscore = 9;
        /// <summary>Uri-Path, string 0-255, one per segment (RFC 7252 §5.10.1).</summary>
        public const int UriPath = 11;
        /// <summary>Content-Format, uint 0-2 (RFC 7252 §5.10.3).</summary>
        public const int ContentFormat = 12;
        /// <summary>Max-Age, uint 0-4, default 60 s (RFC 7252 §5.10.5).</summary>
        public const int MaxAge = 14;
        /// <summary>Uri-Query, string 0-255, one per argument (RFC 7252 §5.10.1).</summary>
        public const int UriQuery = 15;
        /// <summary>Accept, uint 0-2 (RFC 7252 §5.10.4).</summary>
        public const int Accept = 17;
        /// <summary>Location-Query, string 0-255 (RFC 7252 §5.10.7).</summary>
        public const int LocationQuery = 20;
        /// <summary>Block2, uint 0-3 (RFC 7959 §2.1).</summary>
        public const int Block2 = 23;
        /// <summary>Block1, uint 0-3 (RFC 7959 §2.1).</summary>
        public const int Block1 = 27;
        /// <summary>Size2, uint 0-4 (RFC 7959 §4).</summary>
        public const int Size2 = 28;
        /// <summary>Proxy-Uri, string 1-1034 (RFC 7252 §5.10.2).</summary>
        public const int ProxyUri = 35;
        /// <summary>Proxy-Scheme, string 1-255 (RFC 7252 §5.10.2).</summary>
        public const int ProxyScheme = 39;
        /// <summary>Size1, uint 0-4 (RFC 7252 §5.10.9).</summary>
        public const int Size1 = 60;
        /// <summary>Echo, opaque 1-40 (RFC 9175 §2.2): a server's freshness challenge, repeated by the client.</summary>
        public const int Echo = 252;
        /// <summary>No-Response, uint 0-1 (RFC 7967 §2).</summary>
        public const int NoResponse = 258;

        /// <summary>Largest option number the 16-bit registry allows (RFC 7252 §12.2).</summary>
        public const int MaxNumber = 65535;

        /// <summary>Odd numbers are critical (RFC 7252 §5.4.1, §5.4.6).</summary>
        public static bool IsCritical(int number)
        {
            return (number & 0x01) != 0;
        }

        /// <summary>Bit 1 set means unsafe to forward (RFC 7252 §5.4.2, §5.4.6).</summary>
        public static bool IsUnsafe(int number)
        {
            return (number & 0x02) != 0;
        }

        /// <summary>NoCacheKey: bits 2-4 equal 0b111 (RFC 7252 §5.4.6).</summary>
        public static bool IsNoCacheKey(int number)
        {
            return (number & 0x1E) == 0x1C;
        }
    }
}
