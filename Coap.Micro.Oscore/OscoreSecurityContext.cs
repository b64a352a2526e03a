namespace Coap.Micro.Oscore
{
    /// <summary>
    /// An OSCORE security context (RFC 8613 §3) for AES-CCM-16-64-128 with HKDF-SHA-256, the defaults of §3.2: the
    /// Common Context (Master Secret, Master Salt, ID Context, Common IV), the Sender Context (Sender ID, Sender Key)
    /// and the Recipient Context (Recipient ID, Recipient Key). The keys and the Common IV are derived once, when it is
    /// made (§3.2.1); what it holds must not be changed. Sequence numbers and the replay window are not here yet.
    /// </summary>
    public sealed class OscoreSecurityContext
    {
        /// <summary>COSE algorithm AES-CCM-16-64-128 (RFC 8152 §10.2), OSCORE's mandatory AEAD (RFC 8613 §3.2.1).</summary>
        public const int AeadAlgorithm = 10;

        /// <summary>The length of the Sender and Recipient Keys (the AEAD key length).</summary>
        public const int KeySize = 16;

        /// <summary>The length of the Common IV and the AEAD nonce.</summary>
        public const int NonceSize = AesCcm.NonceSize;

        /// <summary>The longest Sender or Recipient ID: the nonce length minus 6 (RFC 8613 §3.3).</summary>
        public const int MaxIdSize = NonceSize - 6;

        /// <summary>The largest Partial IV: 5 bytes (RFC 8613 §5.2, §7.2.1).</summary>
        public const long MaxPartialIv = 0xFFFFFFFFFFL;

        private const int PartialIvSize = 5;

        // The type element of the info structure, as CBOR text strings (RFC 8613 §3.2.1).
        private static readonly byte[] KeyType = new byte[] { 0x63, (byte)'K', (byte)'e', (byte)'y' };
        private static readonly byte[] IvType = new byte[] { 0x62, (byte)'I', (byte)'V' };

        private readonly byte[] senderId;
        private readonly byte[] recipientId;
        private readonly byte[] idContext;
        private readonly byte[] senderKey = new byte[KeySize];
        private readonly byte[] recipientKey = new byte[KeySize];
        private readonly byte[] commonIv = new byte[NonceSize];

        /// <summary>
        /// Derives a context (RFC 8613 §3.2). masterSalt null means the default, empty salt; idContext null means no
        /// ID Context (an empty one is a context of its own). The IDs are at most <see cref="MaxIdSize"/> bytes and
        /// differ from each other (§3.3). The arrays are copied.
        /// </summary>
        public OscoreSecurityContext(byte[] masterSecret, byte[] masterSalt, byte[] senderId, byte[] recipientId, byte[] idContext)
        {
            if (masterSecret == null || masterSecret.Length == 0)
            {
                throw new System.ArgumentException("OSCORE needs a Master Secret");
            }

            if (senderId == null || recipientId == null || senderId.Length > MaxIdSize || recipientId.Length > MaxIdSize)
            {
                throw new System.ArgumentException("OSCORE Sender and Recipient IDs are 0 to 7 bytes (RFC 8613 3.3)");
            }

            if (SameBytes(senderId, recipientId))
            {
                throw new System.ArgumentException("OSCORE Sender and Recipient IDs must differ (RFC 8613 3.3)");
            }

            if (idContext != null && idContext.Length > 0xFFFF)
            {
                throw new System.ArgumentException("OSCORE ID Context too long");
            }

            this.senderId = Copy(senderId);
            this.recipientId = Copy(recipientId);
            this.idContext = idContext == null ? null : Copy(idContext);

            // §3.2.1: output parameter = HKDF(salt = Master Salt, IKM = Master Secret, info, L).
            HkdfSha256 hkdf = new HkdfSha256();
            byte[] prk = new byte[HkdfSha256.PrkSize];
            hkdf.Extract(masterSalt, 0, masterSalt == null ? 0 : masterSalt.Length, masterSecret, 0, masterSecret.Length, prk, 0);
            byte[] info = new byte[16 + MaxIdSize + (idContext == null ? 0 : idContext.Length)];
            int length = WriteInfo(info, senderId, idContext, KeyType, KeySize);
            hkdf.Expand(prk, 0, prk.Length, info, 0, length, senderKey, 0, KeySize);
            length = WriteInfo(info, recipientId, idContext, KeyType, KeySize);
            hkdf.Expand(prk, 0, prk.Length, info, 0, length, recipientKey, 0, KeySize);
            length = WriteInfo(info, new byte[0], idContext, IvType, NonceSize);
            hkdf.Expand(prk, 0, prk.Length, info, 0, length, commonIv, 0, NonceSize);
            System.Array.Clear(prk, 0, prk.Length);
        }

        /// <summary>The Sender ID (do not change it).</summary>
        public byte[] SenderId
        {
            get { return senderId; }
        }

        /// <summary>The Recipient ID (do not change it).</summary>
        public byte[] RecipientId
        {
            get { return recipientId; }
        }

        /// <summary>The ID Context, or null when there is none (do not change it).</summary>
        public byte[] IdContext
        {
            get { return idContext; }
        }

        /// <summary>The Sender Key, 16 bytes (do not change it).</summary>
        public byte[] SenderKey
        {
            get { return senderKey; }
        }

        /// <summary>The Recipient Key, 16 bytes (do not change it).</summary>
        public byte[] RecipientKey
        {
            get { return recipientKey; }
        }

        /// <summary>The Common IV, 13 bytes (do not change it).</summary>
        public byte[] CommonIv
        {
            get { return commonIv; }
        }

        /// <summary>
        /// The AEAD nonce (RFC 8613 §5.2) for a Partial IV generated by the endpoint whose Sender ID is
        /// id[idOffset..idOffset+idLength): the ID's length, the ID left-padded to 7 bytes and the Partial IV
        /// left-padded to 5 bytes, XORed with the Common IV; 13 bytes written at nonce[nonceOffset].
        /// </summary>
        public void ComputeNonce(byte[] id, int idOffset, int idLength, long partialIv, byte[] nonce, int nonceOffset)
        {
            if (idLength < 0 || idLength > MaxIdSize || partialIv < 0 || partialIv > MaxPartialIv)
            {
                throw new System.ArgumentOutOfRangeException("idLength");
            }

            byte[] iv = commonIv;
            nonce[nonceOffset] = (byte)(idLength ^ iv[0]);
            int idStart = 1 + MaxIdSize - idLength;
            for (int i = 1; i <= MaxIdSize; i++)
            {
                int b = i < idStart ? 0 : id[idOffset + i - idStart];
                nonce[nonceOffset + i] = (byte)(b ^ iv[i]);
            }

            for (int i = 0; i < PartialIvSize; i++)
            {
                int b = (int)((partialIv >> (8 * (PartialIvSize - 1 - i))) & 0xFF);
                nonce[nonceOffset + 1 + MaxIdSize + i] = (byte)(b ^ iv[1 + MaxIdSize + i]);
            }
        }

        // §3.2.1: info = [id : bstr, id_context : bstr / nil, alg_aead : int, type : tstr, L : uint], CBOR-encoded.
        private static int WriteInfo(byte[] info, byte[] id, byte[] idContext, byte[] type, int length)
        {
            int n = 0;
            info[n++] = 0x85;
            n = WriteByteString(info, n, id);
            if (idContext == null)
            {
                info[n++] = 0xF6;
            }
            else
            {
                n = WriteByteString(info, n, idContext);
            }

            info[n++] = AeadAlgorithm;
            System.Array.Copy(type, 0, info, n, type.Length);
            n += type.Length;
            info[n++] = (byte)length;
            return n;
        }

        // RFC 8949 §3.1: major type 2 with the length in the initial byte (below 24), or in 1 or 2 bytes after it.
        private static int WriteByteString(byte[] info, int n, byte[] value)
        {
            int length = value.Length;
            if (length < 24)
            {
                info[n++] = (byte)(0x40 | length);
            }
            else if (length < 256)
            {
                info[n++] = 0x58;
                info[n++] = (byte)length;
            }
            else
            {
                info[n++] = 0x59;
                info[n++] = (byte)(length >> 8);
                info[n++] = (byte)length;
            }

            System.Array.Copy(value, 0, info, n, length);
            return n + length;
        }

        private static byte[] Copy(byte[] value)
        {
            byte[] copy = new byte[value.Length];
            System.Array.Copy(value, copy, value.Length);
            return copy;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
