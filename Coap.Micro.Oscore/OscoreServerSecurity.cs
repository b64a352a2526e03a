namespace Coap.Micro.Oscore
{
    /// <summary>
    /// OSCORE for a <see cref="CoapServer"/> (RFC 8613): set it as the server's <see cref="CoapServer.Security"/>. It
    /// holds one security context per client (looked up by the request's kid and kid context), each with its replay
    /// window (§7.4) and Sender Sequence Number (Appendix B.1.1). A request is checked against the window before it is
    /// decrypted and recorded in it only once it verified (§8.2 steps 3 and 6); an answer uses the request's nonce, and
    /// a response with Observe and everything the server sends later to a protected request's client (notifications,
    /// separate responses) a Partial IV of its own (§8.3). After a start the windows are empty: the first request
    /// on each context is answered with a protected 4.01 carrying an Echo option, and only its repetition with that
    /// Echo value sets the window up (Appendix B.1.2, RFC 9175), so nothing recorded before a restart can be replayed.
    /// Loop thread only; nothing is allocated after <see cref="CoapServer.Security"/> is set.
    /// </summary>
    public sealed class OscoreServerSecurity : ICoapMessageSecurity
    {
        /// <summary>The diagnostic payload of 4.01 for a replayed request (RFC 8613 §7.4).</summary>
        public static readonly byte[] ReplayDetectedDiagnostic = Ascii.Bytes("Replay detected");

        /// <summary>The diagnostic payload of 4.02 for an OSCORE option or COSE object that does not decode (RFC 8613 §8.2 step 2).</summary>
        public static readonly byte[] FailedToDecodeDiagnostic = Ascii.Bytes("Failed to decode COSE");

        private const int ObserveOption = 6;
        private const int EchoOption = 252;

        // An Echo value is a Sender Sequence Number in 5 bytes (RFC 9175 §2.2 allows 1 to 40).
        private const int EchoLength = 5;
        private const int ViewOptions = 24;

        private readonly OscoreSecurityContext[] contexts;
        private readonly OscoreSenderSequence[] sequences;
        private readonly OscoreReplayWindow[] windows;
        private readonly byte[][] echoes;
        private readonly bool[] echoIssued;
        private readonly int[] failures = new int[4];
        private readonly OscoreOption option = new OscoreOption();
        private OscoreProtector[] protectors;
        private int messageSize;
        private int count;
        private byte[] plain;
        private byte[] wire;
        private CoapMessage view;
        private int[] slotContext;
        private long[] slotPartialIv;

        // The request UnprotectRequest last accepted: its context and Partial IV.
        private int current;
        private long currentPartialIv;
        private byte[] diagnostic;
        private byte[] challenge;

        /// <summary>Room for up to <paramref name="maxContexts"/> security contexts (one per client).</summary>
        public OscoreServerSecurity(int maxContexts)
        {
            if (maxContexts < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxContexts");
            }

            contexts = new OscoreSecurityContext[maxContexts];
            sequences = new OscoreSenderSequence[maxContexts];
            windows = new OscoreReplayWindow[maxContexts];
            echoes = new byte[maxContexts][];
            echoIssued = new bool[maxContexts];
        }

        /// <summary>Number of security contexts added.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Requests refused because no context has their kid (and kid context): 4.01 "Security context not found".</summary>
        public int ContextNotFound
        {
            get { return failures[0]; }
        }

        /// <summary>Requests whose tag did not verify: 4.00 "Decryption failed" (RFC 8613 §8.2 step 6).</summary>
        public int DecryptionFailed
        {
            get { return failures[1]; }
        }

        /// <summary>Requests refused as replays or as older than the window: 4.01 "Replay detected" (§7.4).</summary>
        public int Replayed
        {
            get { return failures[2]; }
        }

        /// <summary>Requests whose OSCORE option or COSE object did not decode: 4.02 (§8.2 step 2).</summary>
        public int BadOption
        {
            get { return failures[3]; }
        }

        /// <summary>
        /// Adds the context for one client, with the Sender Sequence Number it protects with (kept across restarts by
        /// its store). Before or after the server takes this object, but before its loop runs.
        /// </summary>
        public void Add(OscoreSecurityContext context, OscoreSenderSequence sequence)
        {
            if (context == null)
            {
                throw new System.ArgumentNullException("context");
            }

            if (sequence == null)
            {
                throw new System.ArgumentNullException("sequence");
            }

            if (count == contexts.Length)
            {
                throw new System.InvalidOperationException("no room for another security context");
            }

            contexts[count] = context;
            sequences[count] = sequence;
            windows[count] = new OscoreReplayWindow();
            echoes[count] = new byte[EchoLength];
            if (protectors != null)
            {
                protectors[count] = new OscoreProtector(context, messageSize);
            }

            count++;
        }

        /// <inheritdoc/>
        public void Attach(int maxRequestSize, int maxResponseSize, int slots)
        {
            if (plain != null)
            {
                throw new System.InvalidOperationException("already attached to a server");
            }

            // A response carries no kid or kid context, so it grows by at most MaxOverhead when protected.
            messageSize = maxRequestSize > maxResponseSize ? maxRequestSize : maxResponseSize;
            plain = new byte[maxRequestSize];
            wire = new byte[maxResponseSize + OscoreProtector.MaxOverhead];
            view = new CoapMessage(ViewOptions);
            slotContext = new int[slots];
            slotPartialIv = new long[slots];
            for (int i = 0; i < slots; i++)
            {
                slotContext[i] = -1;
            }

            protectors = new OscoreProtector[contexts.Length];
            for (int i = 0; i < count; i++)
            {
                protectors[i] = new OscoreProtector(contexts[i], messageSize);
            }
        }

        /// <inheritdoc/>
        public byte[] PlainBuffer
        {
            get { return plain; }
        }

        /// <inheritdoc/>
        public byte[] WireBuffer
        {
            get { return wire; }
        }

        /// <inheritdoc/>
        public byte[] RefusalDiagnostic
        {
            get { return diagnostic; }
        }

        /// <inheritdoc/>
        public byte[] EchoChallenge
        {
            get { return challenge; }
        }

        /// <inheritdoc/>
        public int UnprotectRequest(byte[] message, int length, CoapEndpoint source)
        {
            challenge = null;
            diagnostic = null;

            // §8.2 step 2: the OSCORE option names the context (kid, kid context) and the Partial IV.
            int valueOffset;
            int valueLength;
            if (!FindOption(message, length, out valueOffset, out valueLength))
            {
                return Refuse(3, CoapCode.BadOption, FailedToDecodeDiagnostic);
            }

            OscoreOption o = option;
            if (!o.Parse(message, valueOffset, valueLength) || o.PartialIvLength == 0 || o.KidLength < 0)
            {
                return Refuse(3, CoapCode.BadOption, FailedToDecodeDiagnostic);
            }

            int index = Find(message, o);
            if (index < 0)
            {
                return Refuse(0, CoapCode.Unauthorized, OscoreProtector.ContextNotFoundDiagnostic);
            }

            // §8.2 step 3: a Partial IV seen before (or below the window) is refused before anything is decrypted.
            long partialIv = o.PartialIv(message);
            OscoreReplayWindow window = windows[index];
            if (window.Check(partialIv) != OscoreReplayWindow.Fresh)
            {
                return Refuse(2, CoapCode.Unauthorized, ReplayDetectedDiagnostic);
            }

            int result = protectors[index].UnprotectRequest(message, 0, length, plain, 0);
            if (result < 0)
            {
                if (result == OscoreProtector.ResultDecryptionFailed)
                {
                    return Refuse(1, CoapCode.BadRequest, OscoreProtector.DecryptionFailedDiagnostic);
                }

                return result == OscoreProtector.ResultContextNotFound
                    ? Refuse(0, CoapCode.Unauthorized, OscoreProtector.ContextNotFoundDiagnostic)
                    : Refuse(3, CoapCode.BadOption, FailedToDecodeDiagnostic);
            }

            current = index;
            currentPartialIv = partialIv;
            if (window.Highest < 0 && Echoed(index, result))
            {
                // Appendix B.1.2: the request repeats our Echo value, so it is fresh; its Partial IV becomes the window's
                // lower limit, and no request sent before (recorded before the restart, or the one challenged, whose
                // nonce the challenge's answer used) is taken.
                window.StartAt(partialIv);
                return result;
            }

            if (window.Highest < 0)
            {
                if (challenge == null)
                {
                    // No sequence number left for an Echo value never asked for before (RFC 9175 §2.4): a value that
                    // repeats one of an earlier start would let a request recorded then be replayed. 5.03 until the
                    // store works again or the context is renewed.
                    diagnostic = null;
                    return -CoapCode.ServiceUnavailable;
                }

                // Appendix B.1.2: a new window is set up only by a request that repeats our Echo value. The Partial
                // IV is not recorded, so the client's repetition (a new Partial IV) is taken.
                return result;
            }

            // §8.2 step 6: verified, so the window moves.
            window.Accept(partialIv);
            return result;
        }

        /// <inheritdoc/>
        public int ProtectResponse(byte[] message, int offset, int length)
        {
            // §8.3: a response with Observe (to a registration) carries a Partial IV of its own; any other uses the
            // request's nonce.
            CoapMessage v = view;
            v.Parse(message, offset, length);
            long sequenceNumber = -1;
            if (v.FindOption(ObserveOption) >= 0)
            {
                sequenceNumber = NextSequenceNumber(current);
                if (sequenceNumber < 0)
                {
                    return -1;
                }
            }

            return protectors[current].ProtectResponse(message, offset, length, currentPartialIv, sequenceNumber, wire, 0);
        }

        /// <inheritdoc/>
        public void Take(int slot, bool protectedRequest)
        {
            // -1: the slot answers a plain request, and sends plain.
            slotContext[slot] = protectedRequest ? current : -1;
            slotPartialIv[slot] = currentPartialIv;
        }

        /// <inheritdoc/>
        public bool IsProtected(int slot)
        {
            return slotContext[slot] >= 0;
        }

        /// <inheritdoc/>
        public int ProtectOwn(int slot, byte[] message, int offset, int length)
        {
            int index = slotContext[slot];
            long sequenceNumber = NextSequenceNumber(index);
            if (sequenceNumber < 0)
            {
                return -1;
            }

            return protectors[index].ProtectResponse(message, offset, length, slotPartialIv[slot], sequenceNumber, wire, 0);
        }

        private long NextSequenceNumber(int index)
        {
            OscoreSenderSequence sequence = sequences[index];
            if (sequence.Exhausted)
            {
                return -1;
            }

            try
            {
                return sequence.Next();
            }
            catch (System.Exception)
            {
                // The store could not keep the block's end: no number may be used (Appendix B.1.1).
                return -1;
            }
        }

        // True when the plain request carries the Echo value this context asked for; else asks for one.
        private bool Echoed(int index, int plainLength)
        {
            byte[] echo = echoes[index];
            if (echoIssued[index])
            {
                CoapMessage v = view;
                v.Parse(plain, 0, plainLength);
                int at = v.FindOption(EchoOption);
                if (at >= 0 && v.OptionValueEquals(at, echo, 0, EchoLength))
                {
                    return true;
                }
            }
            else
            {
                // RFC 9175 §2.4: a value never sent before, taken from the sender sequence (never repeats, even
                // across restarts). One per context until it is answered.
                long number = NextSequenceNumber(index);
                if (number < 0)
                {
                    return false;
                }

                for (int i = EchoLength - 1; i >= 0; i--)
                {
                    echo[i] = (byte)number;
                    number >>= 8;
                }

                echoIssued[index] = true;
            }

            challenge = echo;
            return false;
        }

        // The context whose Recipient ID is the kid (and whose ID Context is the kid context, when one is sent).
        private int Find(byte[] message, OscoreOption o)
        {
            for (int i = 0; i < count; i++)
            {
                OscoreSecurityContext c = contexts[i];
                if (!ByteCompare.Equal(message, o.KidOffset, o.KidLength, c.RecipientId, 0, c.RecipientId.Length))
                {
                    continue;
                }

                if (o.KidContextLength >= 0 && (c.IdContext == null || !ByteCompare.Equal(message, o.KidContextOffset, o.KidContextLength, c.IdContext, 0, c.IdContext.Length)))
                {
                    continue;
                }

                return i;
            }

            return -1;
        }

        private int Refuse(int reason, byte code, byte[] text)
        {
            failures[reason]++;
            diagnostic = text;
            return -code;
        }

        // The OSCORE option's value in the request (parsed by the message layer already: well formed).
        private bool FindOption(byte[] message, int length, out int valueOffset, out int valueLength)
        {
            CoapMessage v = view;
            v.Parse(message, 0, length);
            int at = v.FindOption(OscoreOption.Number);
            if (at < 0 || v.FindOption(OscoreOption.Number, at + 1) >= 0)
            {
                valueOffset = 0;
                valueLength = 0;
                return false;
            }

            valueOffset = v.GetOptionOffset(at);
            valueLength = v.GetOptionLength(at);
            return true;
        }
    }
}
