namespace Coap.Micro.Oscore
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104, FIPS 198-1): SetKey once, then Start, Update, Finish for each message. The padded keys
    /// are kept, so a message costs no key set-up and nothing is allocated.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>The MAC length in bytes.</summary>
        public const int MacSize = Sha256.HashSize;

        private const int BlockSize = Sha256.BlockSize;
        private readonly Sha256 hash = new Sha256();
        private readonly byte[] innerPad = new byte[BlockSize];
        private readonly byte[] outerPad = new byte[BlockSize];
        private readonly byte[] innerDigest = new byte[Sha256.HashSize];

        /// <summary>Sets the key (any length; RFC 2104 §2: a key longer than a block is hashed first).</summary>
        public void SetKey(byte[] key, int offset, int length)
        {
            byte[] ipad = innerPad;
            byte[] opad = outerPad;
            System.Array.Clear(ipad, 0, BlockSize);
            if (length > BlockSize)
            {
                Sha256 h = hash;
                h.Reset();
                h.Update(key, offset, length);
                h.Final(ipad, 0);
            }
            else if (length > 0)
            {
                System.Array.Copy(key, offset, ipad, 0, length);
            }

            for (int i = 0; i < BlockSize; i++)
            {
                byte k = ipad[i];
                ipad[i] = (byte)(k ^ 0x36);
                opad[i] = (byte)(k ^ 0x5C);
            }

            Start();
        }

        /// <summary>Starts a message under the current key.</summary>
        public void Start()
        {
            Sha256 h = hash;
            h.Reset();
            h.Update(innerPad, 0, BlockSize);
        }

        /// <summary>Adds count bytes of data at offset to the message.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            hash.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC of the message at output[offset] and starts the next message.</summary>
        public void Finish(byte[] output, int offset)
        {
            Sha256 h = hash;
            byte[] inner = innerDigest;
            h.Final(inner, 0);
            h.Update(outerPad, 0, BlockSize);
            h.Update(inner, 0, Sha256.HashSize);
            h.Final(output, offset);
            Start();
        }
    }
}
