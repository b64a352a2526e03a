namespace Coap.Micro
{
    /// <summary>
    /// CoAP over multicast (RFC 7252 §8): the All-CoAP-Nodes groups a server joins on the CoAP port
    /// (§12.8), the flag a transport sets on a datagram that came to a group, and the leisure a server
    /// waits before it answers one (§8.2).
    /// </summary>
    public static class CoapMulticast
    {
        /// <summary>
        /// Added by <see cref="ICoapTransport.Receive"/> to the length it returns when the datagram came to a
        /// multicast group address, not to the server's own address (§8.1: a server should know). The
        /// server answers such a request by the rules of §8.2 (see <see cref="CoapServerOptions.MulticastRequestBytes"/>).
        /// </summary>
        public const int ReceivedOnGroup = 0x40000000;

        /// <summary>The IPv4 All-CoAP-Nodes group (RFC 7252 §12.8).</summary>
        public const string AllCoapNodesIPv4 = "224.0.1.187";

        /// <summary>The link-local IPv6 All-CoAP-Nodes group (RFC 7252 §12.8).</summary>
        public const string AllCoapNodesIPv6LinkLocal = "ff02::fd";

        /// <summary>
        /// DEFAULT_LEISURE of RFC 7252 §4.8, in milliseconds: the leisure when the server has no estimate of
        /// the group size, the response size and the data rate (§8.2).
        /// </summary>
        public const int DefaultLeisureMilliseconds = 5000;

        /// <summary>
        /// The lower bound of the leisure, RFC 7252 §8.2: lb_Leisure = S * G / R, for responses of
        /// <paramref name="responseBytes"/> (S) from <paramref name="groupSize"/> servers (G) sharing
        /// <paramref name="bytesPerSecond"/> (R), in milliseconds (at least 1).
        /// </summary>
        public static int LeisureMilliseconds(int responseBytes, int groupSize, int bytesPerSecond)
        {
            if (responseBytes < 1)
            {
                throw new System.ArgumentOutOfRangeException("responseBytes");
            }

            if (groupSize < 1)
            {
                throw new System.ArgumentOutOfRangeException("groupSize");
            }

            if (bytesPerSecond < 1)
            {
                throw new System.ArgumentOutOfRangeException("bytesPerSecond");
            }

            long milliseconds = (long)responseBytes * groupSize * 1000 / bytesPerSecond;
            return milliseconds < 1 ? 1 : (milliseconds > int.MaxValue ? int.MaxValue : (int)milliseconds);
        }
    }
}
