namespace Coap.Micro.Oscore
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 §6.2): Reset, Update any number of times, Final. Its buffers are made once; nothing is
    /// allocated per message. One object hashes one message at a time.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>The digest length in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>The block length in bytes (what HMAC pads keys to, RFC 2104 §2).</summary>
        public const int BlockSize = 64;

        // FIPS 180-4 §4.2.2.
        private static readonly uint[] K = new uint[]
        {
            0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
            0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
            0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
            0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
            0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
            0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
            0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
            0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2
        };

        private readonly uint[] state = new uint[8];
        private readonly uint[] schedule = new uint[64];
        private readonly byte[] block = new byte[BlockSize];
        private int blockLength;
        private long messageLength;

        /// <summary>A hash ready for a message.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new message (FIPS 180-4 §5.3.3 initial hash value).</summary>
        public void Reset()
        {
            uint[] h = state;
            h[0] = 0x6A09E667;
            h[1] = 0xBB67AE85;
            h[2] = 0x3C6EF372;
            h[3] = 0xA54FF53A;
            h[4] = 0x510E527F;
            h[5] = 0x9B05688C;
            h[6] = 0x1F83D9AB;
            h[7] = 0x5BE0CD19;
            blockLength = 0;
            messageLength = 0;
        }

        /// <summary>Adds count bytes of data at offset to the message.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }

            messageLength += count;
            byte[] buffer = block;
            int filled = blockLength;
            if (filled > 0)
            {
                int take = BlockSize - filled;
                if (take > count)
                {
                    take = count;
                }

                System.Array.Copy(data, offset, buffer, filled, take);
                filled += take;
                offset += take;
                count -= take;
                if (filled < BlockSize)
                {
                    blockLength = filled;
                    return;
                }

                Compress(buffer, 0);
                filled = 0;
            }

            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                System.Array.Copy(data, offset, buffer, 0, count);
            }

            blockLength = count;
        }

        /// <summary>Pads the message (FIPS 180-4 §5.1.1), writes its 32-byte digest at output[offset] and resets.</summary>
        public void Final(byte[] output, int offset)
        {
            byte[] buffer = block;
            long bits = messageLength << 3;
            int filled = blockLength;
            buffer[filled++] = 0x80;
            if (filled > BlockSize - 8)
            {
                System.Array.Clear(buffer, filled, BlockSize - filled);
                Compress(buffer, 0);
                filled = 0;
            }

            System.Array.Clear(buffer, filled, BlockSize - 8 - filled);
            for (int i = 0; i < 8; i++)
            {
                buffer[BlockSize - 1 - i] = (byte)(bits >> (8 * i));
            }

            Compress(buffer, 0);
            uint[] h = state;
            for (int i = 0; i < 8; i++)
            {
                uint v = h[i];
                output[offset + 4 * i] = (byte)(v >> 24);
                output[offset + 4 * i + 1] = (byte)(v >> 16);
                output[offset + 4 * i + 2] = (byte)(v >> 8);
                output[offset + 4 * i + 3] = (byte)v;
            }

            Reset();
        }

        // FIPS 180-4 §6.2.2: one 64-byte block into the hash state.
        private void Compress(byte[] data, int offset)
        {
            uint[] w = schedule;
            uint[] k = K;
            for (int t = 0; t < 16; t++)
            {
                int i = offset + 4 * t;
                w[t] = ((uint)data[i] << 24) | ((uint)data[i + 1] << 16) | ((uint)data[i + 2] << 8) | data[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
            }

            uint[] h = state;
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (int t = 0; t < 64; t++)
            {
                uint sum1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = unchecked(hh + sum1 + choose + k[t] + w[t]);
                uint sum0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = unchecked(sum0 + majority);
                hh = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }

            h[0] = unchecked(h[0] + a);
            h[1] = unchecked(h[1] + b);
            h[2] = unchecked(h[2] + c);
            h[3] = unchecked(h[3] + d);
            h[4] = unchecked(h[4] + e);
            h[5] = unchecked(h[5] + f);
            h[6] = unchecked(h[6] + g);
            h[7] = unchecked(h[7] + hh);
        }
    }
}
