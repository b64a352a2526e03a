namespace Coap.Micro
{
    /// <summary>What the server has done since start; read by the application, written only by the server.</summary>
    public sealed class CoapServerCounters
    {
        /// <summary>Datagrams received.</summary>
        public int Datagrams;
        /// <summary>Requests handed to a resource or answered with an error.</summary>
        public int Requests;
        /// <summary>Responses sent with a 2.xx code.</summary>
        public int Success;
        /// <summary>Responses sent with a 4.xx code.</summary>
        public int ClientErrors;
        /// <summary>Responses sent with a 5.xx code.</summary>
        public int ServerErrors;
        /// <summary>Empty ACKs sent (RFC 7967 suppressed a response to a CON).</summary>
        public int EmptyAcks;
        /// <summary>Resets sent (ping, rejected CON).</summary>
        public int Resets;
        /// <summary>Duplicates answered from the deduplication table (RFC 7252 §4.5).</summary>
        public int Duplicates;
        /// <summary>Datagrams silently dropped (format errors outside CON, stray ACK/RST, unknown version).</summary>
        public int Dropped;
        /// <summary>Handlers that threw (answered 5.00).</summary>
        public int HandlerFaults;
        /// <summary>Sends the transport refused.</summary>
        public int SendFailures;
        /// <summary>Receive-loop faults survived (transport threw).</summary>
        public int LoopFaults;
    }
}
