namespace Coap.Micro
{
    /// <summary>Set of request methods a resource handles (RFC 7252 §5.8); anything else gets 4.05.</summary>
    public static class CoapMethods
    {
        /// <summary>No method.</summary>
        public const int None = 0;
        /// <summary>GET (0.01).</summary>
        public const int Get = 1 << CoapCode.Get;
        /// <summary>POST (0.02).</summary>
        public const int Post = 1 << CoapCode.Post;
        /// <summary>PUT (0.03).</summary>
        public const int Put = 1 << CoapCode.Put;
        /// <summary>DELETE (0.04).</summary>
        public const int Delete = 1 << CoapCode.Delete;

        /// <summary>True when <paramref name="methods"/> contains the method code <paramref name="code"/>.</summary>
        public static bool Contains(int methods, byte code)
        {
            return code >= CoapCode.Get && code <= CoapCode.Delete && (methods & (1 << code)) != 0;
        }
    }
}
