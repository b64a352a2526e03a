using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>Builds requests and empty messages for the server tests.</summary>
    public static class Requests
    {
        /// <summary>A GET of <paramref name="path"/> (one segment) with a token, and Observe when <paramref name="observe"/> is 0 or 1.</summary>
        public static byte[] Get(CoapMessageType type, int messageId, byte[] token, string path, int observe, int accept)
        {
            byte[] buffer = new byte[64];
            CoapMessageWriter writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, type, CoapCode.Get, (ushort)messageId, token, 0, token == null ? 0 : token.Length);
            if (observe >= 0)
            {
                writer.AddUIntOption(CoapOption.Observe, (uint)observe);
            }

            writer.AddAsciiOption(CoapOption.UriPath, path);
            if (accept >= 0)
            {
                writer.AddUIntOption(CoapOption.Accept, (uint)accept);
            }

            byte[] request = new byte[writer.Length];
            System.Array.Copy(buffer, request, request.Length);
            return request;
        }

        /// <summary>A CON GET Observe 0 of "obs" with the given token.</summary>
        public static byte[] Register(int messageId, byte[] token)
        {
            return Get(CoapMessageType.Confirmable, messageId, token, "obs", 0, -1);
        }

        /// <summary>An empty ACK of <paramref name="messageId"/>.</summary>
        public static byte[] Ack(int messageId)
        {
            return new byte[] { 0x60, 0x00, (byte)(messageId >> 8), (byte)messageId };
        }

        /// <summary>An RST of <paramref name="messageId"/>.</summary>
        public static byte[] Reset(int messageId)
        {
            return new byte[] { 0x70, 0x00, (byte)(messageId >> 8), (byte)messageId };
        }
    }
}
