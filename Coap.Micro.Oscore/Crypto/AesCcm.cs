namespace Coap.Micro.Oscore
{
    /// <summary>
    /// CCM (RFC 3610) with an 8-byte tag (M = 8) and a 2-byte length field (L = 2, so a 13-byte nonce): COSE's
    /// AES-CCM-16-64-128 (algorithm 10), OSCORE's mandatory AEAD (RFC 8613 §3.2.1). Seal writes the ciphertext
    /// followed by the tag; Open checks the tag before it gives the plaintext. Nothing is allocated per message;
    /// one object seals or opens one message at a time.
    /// </summary>
    public sealed class AesCcm
    {
        /// <summary>The nonce length in bytes (15 - L).</summary>
        public const int NonceSize = 13;

        /// <summary>The authentication tag length in bytes (M).</summary>
        public const int TagSize = 8;

        /// <summary>The longest message L = 2 can count.</summary>
        public const int MaxMessageLength = 0xFFFF;

        // RFC 3610 §2.2: Flags = 64*Adata + 8*M' + L' with M' = (M-2)/2 = 3 and L' = L-1 = 1.
        private const int AuthFlags = (3 << 3) | 1;

        // RFC 3610 §2.3: Flags = L'.
        private const int CounterFlags = 1;

        private readonly IBlockCipher128 cipher;
        private readonly byte[] mac = new byte[16];
        private readonly byte[] counterBlock = new byte[16];
        private readonly byte[] keyStream = new byte[16];

        /// <summary>CCM over the given block cipher (AES-128 keyed with the message's key).</summary>
        public AesCcm(IBlockCipher128 cipher)
        {
            if (cipher == null)
            {
                throw new System.ArgumentNullException("cipher");
            }

            this.cipher = cipher;
        }

        /// <summary>
        /// Encrypts and authenticates plaintextLength bytes at plaintext[plaintextOffset] with the additional data:
        /// the ciphertext goes to output[outputOffset] and the 8-byte tag right after it (plaintextLength + 8 bytes
        /// in all). Output may be the plaintext's own bytes (encryption in place) or bytes that do not overlap them.
        /// </summary>
        public void Seal(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] plaintext, int plaintextOffset, int plaintextLength, byte[] output, int outputOffset)
        {
            CheckLengths(aadLength, plaintextLength);
            Authenticate(nonce, nonceOffset, aad, aadOffset, aadLength, plaintext, plaintextOffset, plaintextLength);
            Crypt(nonce, nonceOffset, plaintext, plaintextOffset, plaintextLength, output, outputOffset);

            // RFC 3610 §2.4: U = T xor first-M-bytes(S_0).
            byte[] t = mac;
            byte[] s = keyStream;
            int tagOffset = outputOffset + plaintextLength;
            for (int i = 0; i < TagSize; i++)
            {
                output[tagOffset + i] = (byte)(t[i] ^ s[i]);
            }
        }

        /// <summary>
        /// Decrypts ciphertextLength bytes at ciphertext[ciphertextOffset] (the ciphertext and its 8-byte tag) into
        /// output[outputOffset] (ciphertextLength - 8 bytes) and checks the tag over them and the additional data
        /// (RFC 3610 §2.5). On a wrong tag the output is cleared and false returned: nothing unauthenticated is
        /// left behind. Output may be the ciphertext's own bytes or bytes that do not overlap them.
        /// </summary>
        public bool Open(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] ciphertext, int ciphertextOffset, int ciphertextLength, byte[] output, int outputOffset)
        {
            int length = ciphertextLength - TagSize;
            if (length < 0)
            {
                return false;
            }

            CheckLengths(aadLength, length);
            int tagOffset = ciphertextOffset + length;

            // Decryption in place writes over the ciphertext only, never the tag after it.
            Crypt(nonce, nonceOffset, ciphertext, ciphertextOffset, length, output, outputOffset);
            byte[] s = keyStream;
            int difference = 0;
            byte[] t = mac;
            Authenticate(nonce, nonceOffset, aad, aadOffset, aadLength, output, outputOffset, length);
            for (int i = 0; i < TagSize; i++)
            {
                // Every byte compared, whatever the first difference (no early exit to time).
                difference |= t[i] ^ s[i] ^ ciphertext[tagOffset + i];
            }

            if (difference != 0)
            {
                System.Array.Clear(output, outputOffset, length);
                return false;
            }

            return true;
        }

        private static void CheckLengths(int aadLength, int messageLength)
        {
            if (aadLength < 0 || messageLength < 0 || messageLength > MaxMessageLength)
            {
                throw new System.ArgumentOutOfRangeException("messageLength");
            }
        }

        // RFC 3610 §2.2: the CBC-MAC T of B_0, the encoded additional data and the message, each zero-padded to
        // whole blocks; left in mac[0..8).
        private void Authenticate(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] message, int messageOffset, int messageLength)
        {
            IBlockCipher128 c = cipher;
            byte[] x = mac;
            x[0] = (byte)(aadLength > 0 ? 0x40 | AuthFlags : AuthFlags);
            System.Array.Copy(nonce, nonceOffset, x, 1, NonceSize);
            x[14] = (byte)(messageLength >> 8);
            x[15] = (byte)messageLength;
            c.EncryptBlock(x, 0, x, 0);

            if (aadLength > 0)
            {
                // RFC 3610 §2.2: l(a) in 2 bytes below 2^16 - 2^8, else 0xFF 0xFE and 4 bytes.
                int position;
                if (aadLength < 0xFF00)
                {
                    x[0] ^= (byte)(aadLength >> 8);
                    x[1] ^= (byte)aadLength;
                    position = 2;
                }
                else
                {
                    x[0] ^= 0xFF;
                    x[1] ^= 0xFE;
                    x[2] ^= (byte)(aadLength >> 24);
                    x[3] ^= (byte)(aadLength >> 16);
                    x[4] ^= (byte)(aadLength >> 8);
                    x[5] ^= (byte)aadLength;
                    position = 6;
                }

                position = Absorb(c, x, position, aad, aadOffset, aadLength);
                if (position > 0)
                {
                    c.EncryptBlock(x, 0, x, 0);
                }
            }

            if (messageLength > 0 && Absorb(c, x, 0, message, messageOffset, messageLength) > 0)
            {
                c.EncryptBlock(x, 0, x, 0);
            }
        }

        // XORs data into the CBC-MAC state from position on, encrypting each full block; returns the position in
        // the last, partial block (0 when the data ended on a block boundary).
        private static int Absorb(IBlockCipher128 c, byte[] x, int position, byte[] data, int offset, int length)
        {
            int end = offset + length;
            for (int i = offset; i < end; i++)
            {
                x[position] ^= data[i];
                position++;
                if (position == 16)
                {
                    c.EncryptBlock(x, 0, x, 0);
                    position = 0;
                }
            }

            return position;
        }

        // RFC 3610 §2.3: counter mode with A_i = Flags | Nonce | i, from i = 1; leaves S_0 in keyStream.
        private void Crypt(byte[] nonce, int nonceOffset, byte[] input, int inputOffset, int length, byte[] output, int outputOffset)
        {
            IBlockCipher128 c = cipher;
            byte[] a = counterBlock;
            byte[] s = keyStream;
            a[0] = CounterFlags;
            System.Array.Copy(nonce, nonceOffset, a, 1, NonceSize);
            int block = 1;
            for (int done = 0; done < length; done += 16)
            {
                a[14] = (byte)(block >> 8);
                a[15] = (byte)block;
                c.EncryptBlock(a, 0, s, 0);
                int take = length - done;
                if (take > 16)
                {
                    take = 16;
                }

                for (int i = 0; i < take; i++)
                {
                    output[outputOffset + done + i] = (byte)(input[inputOffset + done + i] ^ s[i]);
                }

                block++;
            }

            a[14] = 0;
            a[15] = 0;
            c.EncryptBlock(a, 0, s, 0);
        }
    }
}
