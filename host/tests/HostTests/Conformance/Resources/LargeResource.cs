using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /large (TD_COAP_BLOCK_01, 02, 06; LINK_06): 1280 bytes of text, rt="block", sz=1280. GET writes the
    /// whole representation; the server cuts the block asked for (RFC 7959 §2.4).
    /// </summary>
    public sealed class LargeResource : CoapResource
    {
        public const int Size = 1280;

        /// <summary>The representation: 40 lines of 32 bytes, each naming its first byte, so every block differs.</summary>
        public static readonly byte[] Representation = Make();

        public LargeResource()
            : base("large", CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "block";
            SizeEstimate = Size;
            Title = "Large resource";
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(Representation);
        }

        private static byte[] Make()
        {
            var bytes = new byte[Size];
            for (int line = 0; line < Size / 32; line++)
            {
                string text = $"/large byte {line * 32,4}: {(char)('a' + (line % 26))}{new string('.', 12)}\n";
                Ascii.Bytes(text).CopyTo(bytes, line * 32);
            }

            return bytes;
        }
    }
}
