namespace Coap.Micro.Oscore
{
    /// <summary>
    /// AES-128 encryption of one block (FIPS-197), all CCM needs (RFC 3610 §2 uses the cipher forward only). The round
    /// keys are expanded once per key into the object; a block is encrypted with locals only, nothing allocated.
    /// </summary>
    public sealed class Aes128 : IBlockCipher128
    {
        /// <summary>The key length in bytes (Nk = 4 words, FIPS-197 §5).</summary>
        public const int KeySize = 16;

        // FIPS-197 §5.1.1, Figure 7.
        private static readonly byte[] Sbox = new byte[]
        {
            0x63, 0x7C, 0x77, 0x7B, 0xF2, 0x6B, 0x6F, 0xC5, 0x30, 0x01, 0x67, 0x2B, 0xFE, 0xD7, 0xAB, 0x76,
            0xCA, 0x82, 0xC9, 0x7D, 0xFA, 0x59, 0x47, 0xF0, 0xAD, 0xD4, 0xA2, 0xAF, 0x9C, 0xA4, 0x72, 0xC0,
            0xB7, 0xFD, 0x93, 0x26, 0x36, 0x3F, 0xF7, 0xCC, 0x34, 0xA5, 0xE5, 0xF1, 0x71, 0xD8, 0x31, 0x15,
            0x04, 0xC7, 0x23, 0xC3, 0x18, 0x96, 0x05, 0x9A, 0x07, 0x12, 0x80, 0xE2, 0xEB, 0x27, 0xB2, 0x75,
            0x09, 0x83, 0x2C, 0x1A, 0x1B, 0x6E, 0x5A, 0xA0, 0x52, 0x3B, 0xD6, 0xB3, 0x29, 0xE3, 0x2F, 0x84,
            0x53, 0xD1, 0x00, 0xED, 0x20, 0xFC, 0xB1, 0x5B, 0x6A, 0xCB, 0xBE, 0x39, 0x4A, 0x4C, 0x58, 0xCF,
            0xD0, 0xEF, 0xAA, 0xFB, 0x43, 0x4D, 0x33, 0x85, 0x45, 0xF9, 0x02, 0x7F, 0x50, 0x3C, 0x9F, 0xA8,
            0x51, 0xA3, 0x40, 0x8F, 0x92, 0x9D, 0x38, 0xF5, 0xBC, 0xB6, 0xDA, 0x21, 0x10, 0xFF, 0xF3, 0xD2,
            0xCD, 0x0C, 0x13, 0xEC, 0x5F, 0x97, 0x44, 0x17, 0xC4, 0xA7, 0x7E, 0x3D, 0x64, 0x5D, 0x19, 0x73,
            0x60, 0x81, 0x4F, 0xDC, 0x22, 0x2A, 0x90, 0x88, 0x46, 0xEE, 0xB8, 0x14, 0xDE, 0x5E, 0x0B, 0xDB,
            0xE0, 0x32, 0x3A, 0x0A, 0x49, 0x06, 0x24, 0x5C, 0xC2, 0xD3, 0xAC, 0x62, 0x91, 0x95, 0xE4, 0x79,
            0xE7, 0xC8, 0x37, 0x6D, 0x8D, 0xD5, 0x4E, 0xA9, 0x6C, 0x56, 0xF4, 0xEA, 0x65, 0x7A, 0xAE, 0x08,
            0xBA, 0x78, 0x25, 0x2E, 0x1C, 0xA6, 0xB4, 0xC6, 0xE8, 0xDD, 0x74, 0x1F, 0x4B, 0xBD, 0x8B, 0x8A,
            0x70, 0x3E, 0xB5, 0x66, 0x48, 0x03, 0xF6, 0x0E, 0x61, 0x35, 0x57, 0xB9, 0x86, 0xC1, 0x1D, 0x9E,
            0xE1, 0xF8, 0x98, 0x11, 0x69, 0xD9, 0x8E, 0x94, 0x9B, 0x1E, 0x87, 0xE9, 0xCE, 0x55, 0x28, 0xDF,
            0x8C, 0xA1, 0x89, 0x0D, 0xBF, 0xE6, 0x42, 0x68, 0x41, 0x99, 0x2D, 0x0F, 0xB0, 0x54, 0xBB, 0x16
        };

        // 11 round keys of 16 bytes (Nr = 10, FIPS-197 §5.2).
        private readonly byte[] roundKeys = new byte[176];

        /// <summary>An AES-128 cipher with the 16-byte key at key[offset].</summary>
        public Aes128(byte[] key, int offset)
        {
            SetKey(key, offset);
        }

        /// <summary>Replaces the key (FIPS-197 §5.2 key expansion); nothing is allocated.</summary>
        public void SetKey(byte[] key, int offset)
        {
            if (key == null || offset < 0 || offset + KeySize > key.Length)
            {
                throw new System.ArgumentException("AES-128 needs a 16-byte key");
            }

            byte[] rk = roundKeys;
            byte[] sbox = Sbox;
            for (int i = 0; i < KeySize; i++)
            {
                rk[i] = key[offset + i];
            }

            int rcon = 1;
            for (int i = KeySize; i < 176; i += 4)
            {
                int t0 = rk[i - 4];
                int t1 = rk[i - 3];
                int t2 = rk[i - 2];
                int t3 = rk[i - 1];
                if ((i & 15) == 0)
                {
                    // RotWord, SubWord, Rcon.
                    int first = t0;
                    t0 = sbox[t1] ^ rcon;
                    t1 = sbox[t2];
                    t2 = sbox[t3];
                    t3 = sbox[first];
                    rcon = ((rcon << 1) ^ ((rcon >> 7) * 0x1B)) & 0xFF;
                }

                rk[i] = (byte)(rk[i - 16] ^ t0);
                rk[i + 1] = (byte)(rk[i - 15] ^ t1);
                rk[i + 2] = (byte)(rk[i - 14] ^ t2);
                rk[i + 3] = (byte)(rk[i - 13] ^ t3);
            }
        }

        /// <summary>Encrypts the 16 bytes at input[inOffset] into output[outOffset] (the two may be the same bytes).</summary>
        public void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            byte[] rk = roundKeys;
            byte[] sbox = Sbox;
            int s0 = input[inOffset + 0] ^ rk[0];
            int s1 = input[inOffset + 1] ^ rk[1];
            int s2 = input[inOffset + 2] ^ rk[2];
            int s3 = input[inOffset + 3] ^ rk[3];
            int s4 = input[inOffset + 4] ^ rk[4];
            int s5 = input[inOffset + 5] ^ rk[5];
            int s6 = input[inOffset + 6] ^ rk[6];
            int s7 = input[inOffset + 7] ^ rk[7];
            int s8 = input[inOffset + 8] ^ rk[8];
            int s9 = input[inOffset + 9] ^ rk[9];
            int s10 = input[inOffset + 10] ^ rk[10];
            int s11 = input[inOffset + 11] ^ rk[11];
            int s12 = input[inOffset + 12] ^ rk[12];
            int s13 = input[inOffset + 13] ^ rk[13];
            int s14 = input[inOffset + 14] ^ rk[14];
            int s15 = input[inOffset + 15] ^ rk[15];
            int n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14, n15;
            int a0, a1, a2, a3, t, u;
            for (int k = 16; k < 160; k += 16)
            {
                // SubBytes and ShiftRows (byte 4c+r is row r of column c), then MixColumns and AddRoundKey (FIPS-197 §5.1).
                a0 = sbox[s0]; a1 = sbox[s5]; a2 = sbox[s10]; a3 = sbox[s15];
                t = a0 ^ a1 ^ a2 ^ a3;
                u = a0 ^ a1;
                n0 = a0 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 0];
                u = a1 ^ a2;
                n1 = a1 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 1];
                u = a2 ^ a3;
                n2 = a2 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 2];
                u = a3 ^ a0;
                n3 = a3 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 3];
                a0 = sbox[s4]; a1 = sbox[s9]; a2 = sbox[s14]; a3 = sbox[s3];
                t = a0 ^ a1 ^ a2 ^ a3;
                u = a0 ^ a1;
                n4 = a0 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 4];
                u = a1 ^ a2;
                n5 = a1 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 5];
                u = a2 ^ a3;
                n6 = a2 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 6];
                u = a3 ^ a0;
                n7 = a3 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 7];
                a0 = sbox[s8]; a1 = sbox[s13]; a2 = sbox[s2]; a3 = sbox[s7];
                t = a0 ^ a1 ^ a2 ^ a3;
                u = a0 ^ a1;
                n8 = a0 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 8];
                u = a1 ^ a2;
                n9 = a1 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 9];
                u = a2 ^ a3;
                n10 = a2 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 10];
                u = a3 ^ a0;
                n11 = a3 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 11];
                a0 = sbox[s12]; a1 = sbox[s1]; a2 = sbox[s6]; a3 = sbox[s11];
                t = a0 ^ a1 ^ a2 ^ a3;
                u = a0 ^ a1;
                n12 = a0 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 12];
                u = a1 ^ a2;
                n13 = a1 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 13];
                u = a2 ^ a3;
                n14 = a2 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 14];
                u = a3 ^ a0;
                n15 = a3 ^ t ^ (((u << 1) ^ ((u >> 7) * 0x1B)) & 0xFF) ^ rk[k + 15];
                s0 = n0; s1 = n1; s2 = n2; s3 = n3; s4 = n4; s5 = n5; s6 = n6; s7 = n7; s8 = n8; s9 = n9; s10 = n10; s11 = n11; s12 = n12; s13 = n13; s14 = n14; s15 = n15;
            }

            // The last round has no MixColumns.
            output[outOffset + 0] = (byte)(sbox[s0] ^ rk[160]);
            output[outOffset + 1] = (byte)(sbox[s5] ^ rk[161]);
            output[outOffset + 2] = (byte)(sbox[s10] ^ rk[162]);
            output[outOffset + 3] = (byte)(sbox[s15] ^ rk[163]);
            output[outOffset + 4] = (byte)(sbox[s4] ^ rk[164]);
            output[outOffset + 5] = (byte)(sbox[s9] ^ rk[165]);
            output[outOffset + 6] = (byte)(sbox[s14] ^ rk[166]);
            output[outOffset + 7] = (byte)(sbox[s3] ^ rk[167]);
            output[outOffset + 8] = (byte)(sbox[s8] ^ rk[168]);
            output[outOffset + 9] = (byte)(sbox[s13] ^ rk[169]);
            output[outOffset + 10] = (byte)(sbox[s2] ^ rk[170]);
            output[outOffset + 11] = (byte)(sbox[s7] ^ rk[171]);
            output[outOffset + 12] = (byte)(sbox[s12] ^ rk[172]);
            output[outOffset + 13] = (byte)(sbox[s1] ^ rk[173]);
            output[outOffset + 14] = (byte)(sbox[s6] ^ rk[174]);
            output[outOffset + 15] = (byte)(sbox[s11] ^ rk[175]);
        }
    }
}
