namespace Coap.Micro.Oscore
{
    /// <summary>
    /// The additional authenticated data of OSCORE (RFC 8613 §5.4), CBOR-encoded: the COSE Enc_structure
    /// ["Encrypt0", h'', external_aad] (RFC 8152 §5.3) with external_aad = bstr .cbor [oscore_version: 1,
    /// algorithms: [alg_aead: 10], request_kid: bstr, request_piv: bstr, options: bstr], where options is empty
    /// (no Class I options are defined).
    /// </summary>
    public static class OscoreAad
    {
        /// <summary>The longest AAD <see cref="Write"/> makes (a 7-byte kid, a 5-byte Partial IV): 31 bytes.</summary>
        public const int MaxSize = 31;

        /// <summary>
        /// Writes the AAD for the request whose kid and Partial IV are given at output[offset] and returns its
        /// length. Kid at most 7 bytes, Partial IV at most 5 (RFC 8613 §3.3, §6.1).
        /// </summary>
        public static int Write(byte[] requestKid, int kidOffset, int kidLength, byte[] requestPartialIv, int partialIvOffset,
            int partialIvLength, byte[] output, int offset)
        {
            if (kidLength < 0 || kidLength > OscoreSecurityContext.MaxIdSize || partialIvLength < 0 || partialIvLength > OscoreOption.MaxPartialIvLength)
            {
                throw new System.ArgumentOutOfRangeException("kidLength");
            }

            int n = offset;

            // Enc_structure: array(3), "Encrypt0" (text string of 8), h'' (empty byte string).
            output[n++] = 0x83;
            output[n++] = 0x68;
            output[n++] = (byte)'E';
            output[n++] = (byte)'n';
            output[n++] = (byte)'c';
            output[n++] = (byte)'r';
            output[n++] = (byte)'y';
            output[n++] = (byte)'p';
            output[n++] = (byte)'t';
            output[n++] = (byte)'0';
            output[n++] = 0x40;

            // external_aad as a byte string: 7 bytes of fixed structure plus the kid and Partial IV, under 24 bytes.
            output[n++] = (byte)(0x40 | (7 + kidLength + partialIvLength));

            // array(5), oscore_version 1, [alg_aead 10].
            output[n++] = 0x85;
            output[n++] = 0x01;
            output[n++] = 0x81;
            output[n++] = (byte)OscoreSecurityContext.AeadAlgorithm;
            output[n++] = (byte)(0x40 | kidLength);
            System.Array.Copy(requestKid, kidOffset, output, n, kidLength);
            n += kidLength;
            output[n++] = (byte)(0x40 | partialIvLength);
            System.Array.Copy(requestPartialIv, partialIvOffset, output, n, partialIvLength);
            n += partialIvLength;

            // options: the empty byte string (Class I options, none).
            output[n++] = 0x40;
            return n - offset;
        }
    }
}
