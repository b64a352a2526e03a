namespace Coap.Micro.Oscore
{
    /// <summary>
    /// Protects and unprotects CoAP messages (RFC 7252 encoding, UDP header) with one security context (RFC 8613 §8):
    /// the inner code, the Class E options and the payload are encrypted; the Class U options (Uri-Host, Uri-Port,
    /// Proxy-Scheme), the outer Observe and the OSCORE option stay outside (§4.1). Messages go from a caller's
    /// buffer into a caller's buffer; nothing is allocated per message. Proxy-Uri is not supported (a message
    /// with it is refused). One object handles one message at a time.
    /// </summary>
    public sealed class OscoreProtector
    {
        /// <summary>Unprotect result: the OSCORE option or the COSE object is malformed: answer 4.02 Bad Option (§8.2 step 2).</summary>
        public const int ResultBadOption = -1;

        /// <summary>Unprotect result: the kid or kid context is not this context's: answer 4.01 "Security context not found" (§8.2 step 2).</summary>
        public const int ResultContextNotFound = -2;

        /// <summary>Unprotect result: the tag does not verify: answer 4.01 "Decryption failed" (§8.2 step 6).</summary>
        public const int ResultDecryptionFailed = -3;

        /// <summary>Unprotect result: not a CoAP message (bad header or option encoding outside the ciphertext).</summary>
        public const int ResultMalformed = -4;

        /// <summary>Unprotect result: the message has no OSCORE option.</summary>
        public const int ResultNotProtected = -5;

        /// <summary>
        /// The most a protected message adds to the unprotected one (OSCORE option, code, tag, payload marker, the
        /// outer Observe), beyond the kid context's length and 2 bytes per option (option deltas grow when the options
        /// are split). A protected message is never longer than the output may hold: a short buffer is a fault.
        /// </summary>
        public const int MaxOverhead = 33;

        /// <summary>The diagnostic payload of 4.01 for an unknown kid (RFC 8613 §8.2 step 2).</summary>
        public static readonly byte[] ContextNotFoundDiagnostic = Ascii.Bytes("Security context not found");

        /// <summary>The diagnostic payload of 4.01 for a tag that does not verify (RFC 8613 §8.2 step 6).</summary>
        public static readonly byte[] DecryptionFailedDiagnostic = Ascii.Bytes("Decryption failed");

        private const int ObserveOption = 6;
        private const int PayloadMarker = 0xFF;
        private const int NoOption = 0x7FFFFFFF;

        private readonly OscoreSecurityContext context;
        private readonly AesCcm senderCcm;
        private readonly AesCcm recipientCcm;
        private readonly OscoreOption option = new OscoreOption();
        private readonly byte[] nonce = new byte[OscoreSecurityContext.NonceSize];
        private readonly byte[] aad = new byte[OscoreAad.MaxSize];
        private readonly byte[] partialIv = new byte[OscoreOption.MaxPartialIvLength];
        private readonly byte[] plaintext;

        private long requestPartialIv;
        private long responsePartialIv;

        // The option ReadOption last read.
        private int optionDelta;
        private int valueOffset;
        private int valueLength;

        /// <summary>
        /// A protector for the context; the plaintext is built in a buffer of maxMessageSize bytes, made here, which
        /// must hold the unprotected message's code, Class E options and payload.
        /// </summary>
        public OscoreProtector(OscoreSecurityContext context, int maxMessageSize)
        {
            if (context == null)
            {
                throw new System.ArgumentNullException("context");
            }

            this.context = context;
            senderCcm = new AesCcm(new Aes128(context.SenderKey, 0));
            recipientCcm = new AesCcm(new Aes128(context.RecipientKey, 0));
            plaintext = new byte[maxMessageSize];
        }

        /// <summary>The Partial IV of the request <see cref="UnprotectRequest"/> last accepted: what its response is bound to.</summary>
        public long RequestPartialIv
        {
            get { return requestPartialIv; }
        }

        /// <summary>The Partial IV of the response <see cref="UnprotectResponse"/> last accepted, -1 when it had none.</summary>
        public long ResponsePartialIv
        {
            get { return responsePartialIv; }
        }

        /// <summary>
        /// Protects a request (RFC 8613 §8.1) with the Sender Sequence Number as Partial IV: the kid is the Sender ID,
        /// and the kid context the ID Context when the context has one. Writes the protected message at
        /// output[outputOffset] and returns its length. The outer code is POST, or FETCH with Observe (§4.2).
        /// </summary>
        public int ProtectRequest(byte[] message, int offset, int length, long sequenceNumber, byte[] output, int outputOffset)
        {
            OscoreSecurityContext c = context;
            byte[] senderId = c.SenderId;
            c.ComputeNonce(senderId, 0, senderId.Length, sequenceNumber, nonce, 0);
            int aadLength = WriteAad(senderId, sequenceNumber);
            byte[] idContext = c.IdContext;
            return Protect(message, offset, length, output, outputOffset, aadLength, sequenceNumber,
                idContext, idContext == null ? -1 : idContext.Length, senderId, senderId.Length);
        }

        /// <summary>
        /// Protects a response (RFC 8613 §8.3) to the request with the given Partial IV (from the Recipient ID's
        /// endpoint). sequenceNumber -1: no Partial IV of its own, the request's nonce is used (§8.3 step 4);
        /// else it is the response's Partial IV (notifications: §4.1.3.5.2). Returns the protected length. The outer
        /// code is 2.04 Changed, or 2.05 Content with Observe (§4.2).
        /// </summary>
        public int ProtectResponse(byte[] message, int offset, int length, long requestPiv, long sequenceNumber, byte[] output, int outputOffset)
        {
            OscoreSecurityContext c = context;
            byte[] recipientId = c.RecipientId;
            if (sequenceNumber < 0)
            {
                c.ComputeNonce(recipientId, 0, recipientId.Length, requestPiv, nonce, 0);
            }
            else
            {
                byte[] senderId = c.SenderId;
                c.ComputeNonce(senderId, 0, senderId.Length, sequenceNumber, nonce, 0);
            }

            int aadLength = WriteAad(recipientId, requestPiv);
            return Protect(message, offset, length, output, outputOffset, aadLength, sequenceNumber, null, -1, null, -1);
        }

        /// <summary>
        /// Verifies and decrypts a request (RFC 8613 §8.2) into output[outputOffset]: returns the unprotected
        /// message's length, or a Result constant. The request's Partial IV is then <see cref="RequestPartialIv"/>.
        /// Replay is not checked here.
        /// </summary>
        public int UnprotectRequest(byte[] message, int offset, int length, byte[] output, int outputOffset)
        {
            int result = FindOscoreOption(message, offset, length);
            if (result < 0)
            {
                return result;
            }

            OscoreOption o = option;
            if (!o.Parse(message, valueOffset, valueLength) || o.partialIvLength == 0 || o.kidLength < 0)
            {
                return ResultBadOption;
            }

            OscoreSecurityContext c = context;
            byte[] recipientId = c.RecipientId;
            if (!ByteCompare.Equal(message, o.kidOffset, o.kidLength, recipientId, 0, recipientId.Length))
            {
                return ResultContextNotFound;
            }

            if (o.kidContextLength >= 0 && (c.IdContext == null || !ByteCompare.Equal(message, o.kidContextOffset, o.kidContextLength, c.IdContext, 0, c.IdContext.Length)))
            {
                return ResultContextNotFound;
            }

            long piv = o.PartialIv(message);
            c.ComputeNonce(recipientId, 0, recipientId.Length, piv, nonce, 0);
            int aadLength = OscoreAad.Write(recipientId, 0, recipientId.Length, message, o.partialIvOffset, o.partialIvLength, aad, 0);
            result = Unprotect(message, offset, length, true, aadLength, output, outputOffset);
            if (result >= 0)
            {
                requestPartialIv = piv;
            }

            return result;
        }

        /// <summary>
        /// Verifies and decrypts a response (RFC 8613 §8.4) to this endpoint's request with the given Partial IV
        /// (its Sender Sequence Number) into output[outputOffset]: returns the unprotected length or a Result
        /// constant. The response's own Partial IV, if any, is then <see cref="ResponsePartialIv"/>.
        /// </summary>
        public int UnprotectResponse(byte[] message, int offset, int length, long requestPiv, byte[] output, int outputOffset)
        {
            int result = FindOscoreOption(message, offset, length);
            if (result < 0)
            {
                return result;
            }

            OscoreOption o = option;
            if (!o.Parse(message, valueOffset, valueLength))
            {
                return ResultBadOption;
            }

            OscoreSecurityContext c = context;
            byte[] senderId = c.SenderId;
            long piv = -1;
            if (o.partialIvLength > 0)
            {
                piv = o.PartialIv(message);
                byte[] recipientId = c.RecipientId;
                c.ComputeNonce(recipientId, 0, recipientId.Length, piv, nonce, 0);
            }
            else
            {
                c.ComputeNonce(senderId, 0, senderId.Length, requestPiv, nonce, 0);
            }

            int aadLength = WriteAad(senderId, requestPiv);
            result = Unprotect(message, offset, length, false, aadLength, output, outputOffset);
            if (result >= 0)
            {
                responsePartialIv = piv;
            }

            return result;
        }

        private int WriteAad(byte[] requestKid, long requestPiv)
        {
            int n = OscoreOption.WritePartialIv(requestPiv, partialIv, 0);
            return OscoreAad.Write(requestKid, 0, requestKid.Length, partialIv, 0, n, aad, 0);
        }

        private int Protect(byte[] message, int offset, int length, byte[] output, int outputOffset, int aadLength,
            long optionPiv, byte[] kidContext, int kidContextLength, byte[] kid, int kidLength)
        {
            int end = offset + length;
            int start = HeaderLength(message, offset, length);
            int code = start < 0 ? 0 : message[offset + 1];
            if (start < 0 || code == 0)
            {
                throw new System.ArgumentException("not a CoAP request or response");
            }

            bool request = code < 0x20;

            // §5.3: the plaintext is the code, the Class E options and the payload.
            byte[] pt = plaintext;
            int q = 0;
            pt[q++] = (byte)code;
            int p = offset + start;
            int number = 0;
            int lastInner = 0;
            bool observe = false;
            while (p < end && message[p] != PayloadMarker)
            {
                int next = ReadOption(message, p, end);
                if (next < 0)
                {
                    throw new System.ArgumentException("bad CoAP option");
                }

                number += optionDelta;
                if (number == ObserveOption)
                {
                    // §4.1.3.5: the inner Observe of a request has the request's value; of a notification, empty.
                    observe = true;
                    int innerLength = request ? valueLength : 0;
                    q = WriteOptionHeader(pt, q, number - lastInner, innerLength);
                    System.Array.Copy(message, valueOffset, pt, q, innerLength);
                    q += innerLength;
                    lastInner = number;
                }
                else if (number == OscoreOption.Number || number == 35)
                {
                    throw new System.ArgumentException("OSCORE or Proxy-Uri option in the message to protect");
                }
                else if (!IsClassU(number))
                {
                    q = WriteOptionHeader(pt, q, number - lastInner, valueLength);
                    System.Array.Copy(message, valueOffset, pt, q, valueLength);
                    q += valueLength;
                    lastInner = number;
                }

                p = next;
            }

            if (p < end)
            {
                // The payload marker and the payload.
                int payloadLength = end - p;
                System.Array.Copy(message, p, pt, q, payloadLength);
                q += payloadLength;
            }

            // The outer header: the same type, token and message ID; the code of §4.2.
            int o = outputOffset;
            System.Array.Copy(message, offset, output, o, start);
            output[o + 1] = (byte)(request ? (observe ? 0x05 : 0x02) : (observe ? 0x45 : 0x44));
            o += start;

            // The outer options in order: Class U, the outer Observe and the OSCORE option (§4.1, §6.1).
            p = offset + start;
            number = 0;
            int lastOuter = 0;
            bool oscoreWritten = false;
            while (p < end && message[p] != PayloadMarker)
            {
                int next = ReadOption(message, p, end);
                number += optionDelta;
                if (!oscoreWritten && number > OscoreOption.Number)
                {
                    o = WriteOscoreOption(output, o, OscoreOption.Number - lastOuter, optionPiv, kidContext, kidContextLength, kid, kidLength);
                    lastOuter = OscoreOption.Number;
                    oscoreWritten = true;
                }

                if (number == ObserveOption || IsClassU(number))
                {
                    o = WriteOptionHeader(output, o, number - lastOuter, valueLength);
                    System.Array.Copy(message, valueOffset, output, o, valueLength);
                    o += valueLength;
                    lastOuter = number;
                }

                p = next;
            }

            if (!oscoreWritten)
            {
                o = WriteOscoreOption(output, o, OscoreOption.Number - lastOuter, optionPiv, kidContext, kidContextLength, kid, kidLength);
            }

            // §5.3: the ciphertext (with its tag) is the payload.
            output[o++] = PayloadMarker;
            senderCcm.Seal(nonce, 0, aad, 0, aadLength, pt, 0, q, output, o);
            o += q + AesCcm.TagSize;
            return o - outputOffset;
        }

        private static int WriteOscoreOption(byte[] output, int o, int delta, long optionPiv, byte[] kidContext,
            int kidContextLength, byte[] kid, int kidLength)
        {
            int valueLength = OscoreOption.EncodedLength(optionPiv, kidContextLength, kidLength);
            o = WriteOptionHeader(output, o, delta, valueLength);
            return o + OscoreOption.Encode(optionPiv, kidContext, 0, kidContextLength, kid, 0, kidLength, output, o);
        }

        // Finds the OSCORE option (valueOffset, valueLength) and checks the message's shape; 0 or a Result constant.
        private int FindOscoreOption(byte[] message, int offset, int length)
        {
            int start = HeaderLength(message, offset, length);
            if (start < 0)
            {
                return ResultMalformed;
            }

            int end = offset + length;
            int p = offset + start;
            int number = 0;
            int foundOffset = -1;
            int foundLength = 0;
            while (p < end && message[p] != PayloadMarker)
            {
                int next = ReadOption(message, p, end);
                if (next < 0)
                {
                    return ResultMalformed;
                }

                number += optionDelta;
                if (number == OscoreOption.Number)
                {
                    if (foundOffset >= 0)
                    {
                        return ResultBadOption;
                    }

                    foundOffset = valueOffset;
                    foundLength = valueLength;
                }

                p = next;
            }

            if (foundOffset < 0)
            {
                return ResultNotProtected;
            }

            valueOffset = foundOffset;
            valueLength = foundLength;
            return 0;
        }

        private int Unprotect(byte[] message, int offset, int length, bool request, int aadLength, byte[] output, int outputOffset)
        {
            int end = offset + length;
            int start = HeaderLength(message, offset, length);

            // The ciphertext: everything after the payload marker, which must be there (§8.2 step 2).
            int p = offset + start;
            while (p < end && message[p] != PayloadMarker)
            {
                p = ReadOption(message, p, end);
            }

            if (p >= end - 1)
            {
                return ResultBadOption;
            }

            int ciphertextLength = end - p - 1;
            if (ciphertextLength - AesCcm.TagSize > plaintext.Length)
            {
                return ResultBadOption;
            }

            byte[] pt = plaintext;
            if (ciphertextLength <= AesCcm.TagSize
                || !recipientCcm.Open(nonce, 0, aad, 0, aadLength, message, p + 1, ciphertextLength, pt, 0))
            {
                return ResultDecryptionFailed;
            }

            int ptEnd = ciphertextLength - AesCcm.TagSize;

            // Does the outer message carry Observe? Then a response keeps the outer value (§4.1.3.5.2).
            bool outerObserve = false;
            int number = 0;
            int q = offset + start;
            while (q < end && message[q] != PayloadMarker)
            {
                q = ReadOption(message, q, end);
                number += optionDelta;
                if (number == ObserveOption)
                {
                    outerObserve = true;
                }
            }

            bool keepOuterObserve = !request && outerObserve;

            // The header with the inner code, then the outer Class U options merged with the inner ones by number.
            int o = outputOffset;
            System.Array.Copy(message, offset, output, o, start);
            output[o + 1] = pt[0];
            o += start;

            int outerPosition = offset + start;
            int outerNumber = 0;
            int outerValueOffset = 0;
            int outerValueLength = 0;
            int innerPosition = 1;
            int innerNumber = 0;
            int innerValueOffset = 0;
            int innerValueLength = 0;
            bool outerPending = false;
            bool innerPending = false;
            int last = 0;
            while (true)
            {
                // The next outer option kept: Class U, and Observe in a response.
                while (!outerPending && outerPosition < end && message[outerPosition] != PayloadMarker)
                {
                    outerPosition = ReadOption(message, outerPosition, end);
                    outerNumber += optionDelta;
                    if (IsClassU(outerNumber) || (keepOuterObserve && outerNumber == ObserveOption))
                    {
                        outerValueOffset = valueOffset;
                        outerValueLength = valueLength;
                        outerPending = true;
                    }
                }

                // The next inner option kept: all but an inner Observe the outer one replaces.
                while (!innerPending && innerPosition < ptEnd && pt[innerPosition] != PayloadMarker)
                {
                    innerPosition = ReadOption(pt, innerPosition, ptEnd);
                    if (innerPosition < 0)
                    {
                        System.Array.Clear(pt, 0, ptEnd);
                        return ResultBadOption;
                    }

                    innerNumber += optionDelta;
                    if (!(keepOuterObserve && innerNumber == ObserveOption))
                    {
                        innerValueOffset = valueOffset;
                        innerValueLength = valueLength;
                        innerPending = true;
                    }
                }

                if (outerPending && (!innerPending || outerNumber <= innerNumber))
                {
                    o = WriteOptionHeader(output, o, outerNumber - last, outerValueLength);
                    System.Array.Copy(message, outerValueOffset, output, o, outerValueLength);
                    o += outerValueLength;
                    last = outerNumber;
                    outerPending = false;
                }
                else if (innerPending)
                {
                    o = WriteOptionHeader(output, o, innerNumber - last, innerValueLength);
                    System.Array.Copy(pt, innerValueOffset, output, o, innerValueLength);
                    o += innerValueLength;
                    last = innerNumber;
                    innerPending = false;
                }
                else
                {
                    break;
                }
            }

            // The inner payload marker and payload.
            if (innerPosition < ptEnd)
            {
                int payloadLength = ptEnd - innerPosition;
                System.Array.Copy(pt, innerPosition, output, o, payloadLength);
                o += payloadLength;
            }

            System.Array.Clear(pt, 0, ptEnd);
            return o - outputOffset;
        }

        // RFC 7252 §3: version 1, token length 0-8; the header and token's length, or -1.
        private static int HeaderLength(byte[] message, int offset, int length)
        {
            if (length < 4)
            {
                return -1;
            }

            int first = message[offset];
            int tokenLength = first & 0x0F;
            if ((first >> 6) != 1 || tokenLength > 8 || 4 + tokenLength > length)
            {
                return -1;
            }

            return 4 + tokenLength;
        }

        // RFC 8613 §4.1: Uri-Host, Uri-Port, Proxy-Uri and Proxy-Scheme are Class U; all others (unknown ones too) E.
        private static bool IsClassU(int number)
        {
            return number == 3 || number == 7 || number == 35 || number == 39;
        }

        // RFC 7252 §3.1: reads the option at buffer[position] (not the payload marker) into optionDelta, valueOffset
        // and valueLength; the next option's position, or -1 when it runs past end or uses the reserved nibble 15.
        private int ReadOption(byte[] buffer, int position, int end)
        {
            int first = buffer[position++];
            int delta = first >> 4;
            int length = first & 0x0F;
            if (delta == 13)
            {
                if (position >= end)
                {
                    return -1;
                }

                delta = 13 + buffer[position++];
            }
            else if (delta == 14)
            {
                if (position + 1 >= end)
                {
                    return -1;
                }

                delta = 269 + ((buffer[position] << 8) | buffer[position + 1]);
                position += 2;
            }
            else if (delta == 15)
            {
                return -1;
            }

            if (length == 13)
            {
                if (position >= end)
                {
                    return -1;
                }

                length = 13 + buffer[position++];
            }
            else if (length == 14)
            {
                if (position + 1 >= end)
                {
                    return -1;
                }

                length = 269 + ((buffer[position] << 8) | buffer[position + 1]);
                position += 2;
            }
            else if (length == 15)
            {
                return -1;
            }

            if (position + length > end)
            {
                return -1;
            }

            optionDelta = delta;
            valueOffset = position;
            valueLength = length;
            return position + length;
        }

        // RFC 7252 §3.1: an option header for the delta and value length; returns the position after it.
        private static int WriteOptionHeader(byte[] output, int position, int delta, int length)
        {
            int header = position++;
            int deltaNibble = delta;
            if (delta >= 269)
            {
                deltaNibble = 14;
                output[position++] = (byte)((delta - 269) >> 8);
                output[position++] = (byte)(delta - 269);
            }
            else if (delta >= 13)
            {
                deltaNibble = 13;
                output[position++] = (byte)(delta - 13);
            }

            int lengthNibble = length;
            if (length >= 269)
            {
                lengthNibble = 14;
                output[position++] = (byte)((length - 269) >> 8);
                output[position++] = (byte)(length - 269);
            }
            else if (length >= 13)
            {
                lengthNibble = 13;
                output[position++] = (byte)(length - 13);
            }

            output[header] = (byte)((deltaNibble << 4) | lengthNibble);
            return position;
        }
    }
}
