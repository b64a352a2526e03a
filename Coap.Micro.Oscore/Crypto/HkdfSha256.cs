namespace Coap.Micro.Oscore
{
    /// <summary>
    /// HKDF with SHA-256 (RFC 5869): Extract a pseudorandom key from input keying material and a salt, Expand it with
    /// an info string into output keying material. OSCORE derives its keys with it (RFC 8613 §3.2.1). Nothing is
    /// allocated after construction.
    /// </summary>
    public sealed class HkdfSha256
    {
        /// <summary>The length of a pseudorandom key (HashLen, RFC 5869 §2.2).</summary>
        public const int PrkSize = Sha256.HashSize;

        /// <summary>The most output Expand can give: 255 blocks (RFC 5869 §2.3).</summary>
        public const int MaxOutputSize = 255 * Sha256.HashSize;

        private readonly HmacSha256 hmac = new HmacSha256();
        private readonly byte[] previous = new byte[Sha256.HashSize];
        private readonly byte[] counter = new byte[1];

        /// <summary>
        /// HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM), written as 32 bytes at prk[prkOffset]. An absent
        /// salt (null or length 0) acts as HashLen zero bytes.
        /// </summary>
        public void Extract(byte[] salt, int saltOffset, int saltLength, byte[] ikm, int ikmOffset, int ikmLength, byte[] prk, int prkOffset)
        {
            // HMAC pads its key with zeros, so an empty salt and HashLen zero bytes give the same PRK.
            HmacSha256 mac = hmac;
            mac.SetKey(salt, saltOffset, salt == null ? 0 : saltLength);
            mac.Update(ikm, ikmOffset, ikmLength);
            mac.Finish(prk, prkOffset);
        }

        /// <summary>
        /// HKDF-Expand (RFC 5869 §2.3): okmLength bytes of T(1) | T(2) | ... at okm[okmOffset], where
        /// T(i) = HMAC-Hash(PRK, T(i-1) | info | i).
        /// </summary>
        public void Expand(byte[] prk, int prkOffset, int prkLength, byte[] info, int infoOffset, int infoLength, byte[] okm, int okmOffset, int okmLength)
        {
            if (okmLength < 0 || okmLength > MaxOutputSize)
            {
                throw new System.ArgumentOutOfRangeException("okmLength");
            }

            HmacSha256 mac = hmac;
            byte[] t = previous;
            byte[] i = counter;
            mac.SetKey(prk, prkOffset, prkLength);
            int written = 0;
            for (int block = 1; written < okmLength; block++)
            {
                if (block > 1)
                {
                    mac.Update(t, 0, Sha256.HashSize);
                }

                if (infoLength > 0)
                {
                    mac.Update(info, infoOffset, infoLength);
                }

                i[0] = (byte)block;
                mac.Update(i, 0, 1);
                mac.Finish(t, 0);
                int take = okmLength - written;
                if (take > Sha256.HashSize)
                {
                    take = Sha256.HashSize;
                }

                System.Array.Copy(t, 0, okm, okmOffset + written, take);
                written += take;
            }
        }
    }
}
